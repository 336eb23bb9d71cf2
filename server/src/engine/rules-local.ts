/**
 * Wording rules that need only one chunk: phrase rules (found in the one-pass phrase scan) with their guards, and
 * a few fixed patterns (numbers in words and digits, percentages, passive obligations, placeholders ...).
 * Results are relative to the chunk and cached with it; document-level conditions are applied later.
 */
import type { BlockFact, ChunkFacts } from './parse.js';
import type { PhraseEntry } from './catalogue.js';
import { registerPattern } from './phrases.js';
import { lastAtOrBefore } from './search.js';
import { sentenceBounds } from './sentences.js';
import { isSentenceStart } from './text-facts.js';

export interface PhraseHit {
  entry: number;
  start: number;
  end: number;
}

export interface LocalFinding {
  rule: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
  /** A condition the document-level pass checks before reporting (e.g. "the draft uses Business Days"). */
  needs?: 'business-days' | 'material-undefined' | 'efforts-not-defined';
  /** The text found and the finding's message, filled in once by the analyzer and cached with the chunk. */
  excerpt?: string;
  message?: string;
}

type Emit = (f: LocalFinding) => void;

const STANDARD_NAMED = registerPattern(/\b(?:ISO|IEC|SOC ?[12]|NIST|PCI|HIPAA|FedRAMP|CSA STAR|AES|TLS|Schedule|Annex|Exhibit|Appendix|Attachment|Security Measures|Security Policy|DPA)\b/);
const OPERATIVE = registerPattern(/(?<![\p{L}])(?:shall|will|must|may|means|agrees?|includes?|including|warrants?|represents?|acknowledges?)(?![\p{L}])/iu);
const UNDUE_DELAY_LIMIT = registerPattern(/^[^.;]{0,40}?\b(?:and|but)?\s*(?:in any event|in any case|no later than|not later than|within \d|and within)/i);
const REASONABLE_EFFORTS = registerPattern(/(?<![\p{L}])reasonable (?:efforts|endeavou?rs)(?![\p{L}])/giu);

export function localFindings(facts: ChunkFacts, hits: PhraseHit[], table: PhraseEntry[]): LocalFinding[] {
  const out: LocalFinding[] = [];
  const emit: Emit = (f) => out.push(f);
  const mask = facts.mask;
  const blocks = facts.blocks;
  const blockAt = blockFinder(blocks);

  for (const hit of hits) {
    const owner = table[hit.entry].owner;
    if (owner.type !== 'rule') continue;
    const block = blockAt(hit.start);
    if (!block) continue;
    const text = mask.slice(hit.start, hit.end);
    switch (owner.rule) {
      case 'vague-efforts':
        // A capitalised, defined "Commercially Reasonable Efforts" is checked against the definitions later.
        emit({ rule: 'vague-efforts', start: hit.start, end: hit.end, data: { phrase: owner.phrase, text }, needs: /^[A-Z]/.test(text) && /\s[A-Z]/.test(text) ? 'efforts-not-defined' : undefined });
        break;
      case 'vague-time': {
        if (block.type === 'heading') break;
        if (/undue delay/i.test(text) && UNDUE_DELAY_LIMIT.test(mask.slice(hit.end, hit.end + 120))) break;
        if (/^timely$/i.test(text) && /^\s+(?:manner|fashion|basis)/i.test(mask.slice(hit.end, hit.end + 12))) break;
        emit({ rule: 'vague-time', start: hit.start, end: hit.end, data: { phrase: owner.phrase, text } });
        break;
      }
      case 'vague-standard': {
        const s = sentenceBounds(mask, hit.start, block.start, block.end);
        if (STANDARD_NAMED.test(mask.slice(s.start, s.end))) break;
        emit({ rule: 'vague-standard', start: hit.start, end: hit.end, data: { phrase: owner.phrase, text } });
        break;
      }
      case 'etc-in-operative-language': {
        if (block.type !== 'paragraph') break;
        const s = sentenceBounds(mask, hit.start, block.start, block.end);
        if (!OPERATIVE.test(mask.slice(s.start, s.end))) break;
        const end = mask[hit.end] === '.' ? hit.end + 1 : hit.end;
        emit({ rule: 'etc-in-operative-language', start: hit.start, end, data: { text: mask.slice(hit.start, end) } });
        break;
      }
      default:
        emit({ rule: owner.rule, start: hit.start, end: hit.end, data: { phrase: owner.phrase, text } });
    }
  }

  for (const block of blocks) {
    if (block.type === 'heading') continue;
    scanBlock(mask, block, emit);
  }
  // Plain "reasonable efforts" counts for the efforts-inconsistency rule.
  REASONABLE_EFFORTS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REASONABLE_EFFORTS.exec(mask))) {
    const prev = mask.slice(Math.max(0, m.index - 16), m.index);
    if (/(?:commercially|all|best)\s+$/i.test(prev)) continue;
    emit({ rule: 'efforts-standard', start: m.index, end: m.index + m[0].length, data: { text: m[0] } });
  }
  return out;
}

function blockFinder(blocks: BlockFact[]): (pos: number) => BlockFact | undefined {
  return (pos) => {
    const found = blocks[lastAtOrBefore(blocks, pos, (b) => b.start)];
    return found && found.end >= pos ? found : undefined;
  };
}

const NUMBER_WORD_VALUES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export function wordsToNumber(words: string): number | undefined {
  let total = 0;
  let current = 0;
  for (const w of words.toLowerCase().split(/[\s-]+/).filter((x) => x && x !== 'and')) {
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w in NUMBER_WORD_VALUES) current += NUMBER_WORD_VALUES[w];
    else return undefined;
  }
  return total + current;
}

const NUMBER_WORDS_SRC = 'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand';
const WORDS_DIGITS = registerPattern(
  new RegExp(`(?<![\\p{L}])((?:${NUMBER_WORDS_SRC})(?:[ -](?:and[ ])?(?:${NUMBER_WORDS_SRC})){0,4})[ \\u00a0]{0,2}\\([ \\u00a0]{0,2}(\\d{1,7})[ \\u00a0]{0,2}%?\\)`, 'giu'),
);
const PERCENT = registerPattern(/(?<![\p{L}\p{N}.])(\d{1,3}(?:\.\d{1,4})?)[ \u00a0]?(?:%|percent|per cent)(?![\p{L}\p{N}])/giu);
const SHARE_OF_AMOUNT = registerPattern(
  /^[ \u00a0]{0,3}(?:of|on|in excess of|above|below)[ \u00a0]+(?:(?:the|each|any|all|its|their|such|that)[ \u00a0]+)?(?:[\p{L}-]+[ \u00a0]+){0,2}(?:fees?|charges?|price|amount|sum|value|revenue|turnover|invoices?|payments?|credits?|cap|liability|shares?|equity|stock|interest|votes?|voting)(?![\p{L}])/iu,
);
const METRIC_WORDS = registerPattern(/(?<![\p{L}])(?:uptime|availab(?:le|ility)|accura(?:te|cy)|precision|recall|error rate|success rate|response rate|resolved|service level)(?![\p{L}])/iu);
const PERIOD_WORDS = registerPattern(/(?<![\p{L}])(?:month|monthly|months|quarter|quarterly|year|yearly|annual|annually|week|weekly|daily|day|days|hour|hours|rolling|period|cycle|per|each|every|measured|measurement|over the)(?![\p{L}])/iu);
const BARE_DAYS = registerPattern(/(?<![\p{L}\p{N}])(\d{1,4}|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)(?:[ \u00a0]\(\d{1,4}\))?)[ \u00a0-]{1,2}days?(?![\p{L}])/giu);
const PASSIVE = registerPattern(
  /(?<![\p{L}])(shall|will|must)[ \u00a0]+(?:not[ \u00a0]+)?be[ \u00a0]+(paid|made|given|sent|kept|held|done|provided|delivered|deleted|destroyed|notified|returned|encrypted|stored|maintained|performed|submitted|retained|removed|disclosed|informed|implemented|corrected|remedied|reported|conducted|tested|reviewed|completed|sent|issued|furnished|invoiced|credited|refunded|restored)(?![\p{L}])/giu,
);
const WARRANTY_CONTEXT = registerPattern(/(?<![\p{L}])(?:warrants?|represents?|warranty|warranties)(?![\p{L}])/iu);
const BY_AGENT = registerPattern(/(?<![\p{L}])by[ \u00a0]+(?:the[ \u00a0]+|each[ \u00a0]+|either[ \u00a0]+)?[A-Z\p{Lu}]/u);
const NON_PARTY_SHALL = registerPattern(
  /(?<![\p{L}])(?:This|The|Such|Each|Any|These|Said)[ \u00a0]+(Agreement|Terms|Contract|Order(?: Form)?|Addendum|Schedule|Section|Clause|Term|Fees|Services?|Output|Software|Documentation|Licen[cs]e|Warranty|Payment|Notice|Provision|Invoice)[ \u00a0]+shall(?![\p{L}])(?![ \u00a0]+(?:be[ \u00a0]+governed|mean|be[ \u00a0]+deemed|be[ \u00a0]+construed|be[ \u00a0]+entitled|have[ \u00a0]+the[ \u00a0]+right))/gu,
);
const AI_PARTY = registerPattern(
  /(?<![\p{L}])(?:the|such|this|any|each)[ \u00a0]+(AI[ \u00a0]+(?:System|Model|Tool|Agent|Service)s?|AI|artificial[ \u00a0]+intelligence(?:[ \u00a0]+system)?|Model|Models|algorithm|chatbot|neural[ \u00a0]+network)[ \u00a0]+(?:shall|will|must)[ \u00a0]+(?:not[ \u00a0]+)?(own|ensure|decide|determine|be[ \u00a0]+responsible|be[ \u00a0]+liable|guarantee|warrant|indemnify|bear|assume|hold)(?![\p{L}])/giu,
);
const AI_OWNED = registerPattern(
  /(?<![\p{L}])(?:(?:owned|held)[ \u00a0]+by[ \u00a0]+(?:the[ \u00a0]+)?(?:AI[ \u00a0]+(?:System|Model)|AI|Model|algorithm|artificial[ \u00a0]+intelligence)|(?:the[ \u00a0]+)?(?:AI[ \u00a0]+System|AI|Model|algorithm)[ \u00a0]+(?:owns|is[ \u00a0]+the[ \u00a0]+owner[ \u00a0]+of|has[ \u00a0]+ownership))(?![\p{L}])/gu,
);
const JOINT = registerPattern(/(?<![\p{L}])(?:jointly[ \u00a0]+own(?:ed|s)?|joint[ \u00a0]+ownership|joint[ \u00a0]+owners?|co-own(?:ed|s|ership)?)(?![\p{L}])/giu);
const JOINT_RULES = registerPattern(/(?:without[ \u00a0]+(?:the[ \u00a0]+)?(?:consent|approval)|account(?:ing)?[ \u00a0]+to|shares?[ \u00a0]+of|exploit|may[ \u00a0]+(?:use|license|licence))/i);
const MATERIAL = registerPattern(
  /(?<![\p{L}])(material|materially)(?![\p{L}])(?=[ \u00a0]+(?:breach|breaches|change|changes|adverse|adversely|default|respect|way|impact|effect|reduce|reduces|degrade|degrades|alter|alters|modification|modifications|failure|non-compliance|noncompliance|decrease|harm|deteriorat\p{L}*|affect\p{L}*))/gu,
);
const PLACEHOLDER = registerPattern(
  /\[(?:[●•·_…]{1,5}|\.{3}|TBD|TBC|tbd|tbc|insert[^\]\n]{0,60}|Insert[^\]\n]{0,60}|Licensor|Licensee|Provider|Customer|Party [A-Z]|Company|Client|Vendor|name|date|amount|number|address|[A-Z][A-Z ]{2,30}|X{1,4}|x{2,4}|N|n)\]|(?<![\p{L}\p{N}])(?:TBD|TBC)(?![\p{L}\p{N}])|_{4,}|\[\[[^\]\n]{1,40}\]\]/gu,
);

function scanBlock(mask: string, block: BlockFact, emit: Emit): void {
  const text = mask.slice(block.start, block.end);
  const base = block.start;
  // Each pattern below needs a word or sign that most blocks lack; a substring test skips the scan (these are
  // necessary conditions of the patterns, so no finding is lost).
  const lower = text.toLowerCase();
  let m: RegExpExecArray | null;

  WORDS_DIGITS.lastIndex = 0;
  while (text.includes('(') && (m = WORDS_DIGITS.exec(text))) {
    const words = wordsToNumber(m[1]);
    const digits = Number(m[2]);
    if (words !== undefined && words !== digits) {
      emit({ rule: 'number-words-mismatch', start: base + m.index, end: base + m.index + m[0].length, data: { words: m[1], wordsValue: words, digits, digitsStart: base + m.index + m[0].lastIndexOf(m[2]), wordsStart: base + m.index } });
    }
  }

  PERCENT.lastIndex = 0;
  while ((text.includes('%') || lower.includes('per')) && (m = PERCENT.exec(text))) {
    const abs = base + m.index;
    const s = sentenceBounds(mask, abs, block.start, block.end);
    const sentence = mask.slice(s.start, s.end);
    if (SHARE_OF_AMOUNT.test(mask.slice(abs + m[0].length, abs + m[0].length + 60))) continue; // a share of a named amount
    if (!METRIC_WORDS.test(sentence) || PERIOD_WORDS.test(sentence)) continue;
    emit({ rule: 'percentage-without-period', start: abs, end: abs + m[0].length, data: { text: m[0] } });
  }

  BARE_DAYS.lastIndex = 0;
  while (lower.includes('day') && (m = BARE_DAYS.exec(text))) {
    const abs = base + m.index;
    const before = mask.slice(Math.max(0, abs - 14), abs);
    if (/(?:calendar|business|working|banking|trading|consecutive)[ \u00a0-]*$/i.test(before)) continue;
    const dayWord = m[0].search(/days?$/i);
    emit({ rule: 'days-without-unit', start: abs, end: abs + m[0].length, data: { insertAt: abs + dayWord, text: m[0] }, needs: 'business-days' });
  }

  PASSIVE.lastIndex = 0;
  while (lower.includes('be') && (m = PASSIVE.exec(text))) {
    const abs = base + m.index;
    const s = sentenceBounds(mask, abs, block.start, block.end);
    const rest = mask.slice(abs + m[0].length, s.end);
    if (BY_AGENT.test(rest)) continue;
    // A warranty ("Provider warrants that ... will be provided in a workmanlike manner") states a quality, not a duty.
    if (WARRANTY_CONTEXT.test(mask.slice(Math.max(0, abs - 400), abs))) continue;
    emit({ rule: 'passive-without-actor', start: abs, end: abs + m[0].length, data: { verb: m[1], participle: m[2] } });
  }

  NON_PARTY_SHALL.lastIndex = 0;
  while (text.includes('shall') && (m = NON_PARTY_SHALL.exec(text))) {
    const shallAt = base + m.index + m[0].lastIndexOf('shall');
    emit({ rule: 'shall-misuse', start: shallAt, end: shallAt + 5, data: { subject: m[1], nonPartySubject: true } });
  }

  AI_PARTY.lastIndex = 0;
  while ((lower.includes('shall') || lower.includes('will') || lower.includes('must')) && (m = AI_PARTY.exec(text))) {
    emit({ rule: 'ai-as-party', start: base + m.index, end: base + m.index + m[0].length, data: { subject: m[1], verb: m[2] } });
  }
  AI_OWNED.lastIndex = 0;
  while ((text.includes('own') || text.includes('held')) && (m = AI_OWNED.exec(text))) {
    emit({ rule: 'ai-as-party', start: base + m.index, end: base + m.index + m[0].length, data: { ownership: true } });
  }

  JOINT.lastIndex = 0;
  while ((lower.includes('joint') || lower.includes('co-own')) && (m = JOINT.exec(text))) {
    if (JOINT_RULES.test(text)) continue;
    emit({ rule: 'joint-ownership-unallocated', start: base + m.index, end: base + m.index + m[0].length });
  }

  MATERIAL.lastIndex = 0;
  while (text.includes('material') && (m = MATERIAL.exec(text))) {
    const abs = base + m.index;
    emit({ rule: 'material-undefined', start: abs, end: abs + m[0].length, data: { text: m[0] }, needs: 'material-undefined' });
  }

  PLACEHOLDER.lastIndex = 0;
  while ((text.includes('[') || text.includes('TB') || text.includes('____')) && (m = PLACEHOLDER.exec(text))) {
    const abs = base + m.index;
    // "[A-Z ...]" only counts as a placeholder when it is not a markdown reference label such as [RFC] in prose
    if (/^\[[A-Z][A-Z ]{2,30}\]$/.test(m[0]) && !/^\[(?:NAME|DATE|AMOUNT|ADDRESS|COMPANY|PARTY|INSERT|TBD|TBC|LICENSOR|LICENSEE|PROVIDER|CUSTOMER|FEE|FEES|NUMBER)/.test(m[0])) continue;
    if (m[0] === '[N]' || m[0] === '[n]') {
      if (!isSentenceStart(mask, abs) && !/\d|days|months|%/.test(mask.slice(abs + 3, abs + 15))) continue;
    }
    emit({ rule: 'placeholder-left', start: abs, end: abs + m[0].length, data: { text: m[0] } });
  }
}
