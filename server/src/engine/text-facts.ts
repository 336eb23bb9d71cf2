/**
 * Facts read from a chunk's prose mask with a handful of fixed, linear patterns: definitions in every style real
 * agreements use, cross-references, capitalised word groups (undefined-term candidates) and obligation verbs.
 * Offsets are relative to the chunk. Like the parse facts they do not depend on configuration, so they are cached
 * with the chunk.
 */
import type { CrossReference, DefinitionStyle } from './types.js';
import { registerPattern } from './phrases.js';
import type { ChunkFacts } from './parse.js';

export interface DefinitionFact {
  term: string;
  style: DefinitionStyle;
  start: number;
  end: number;
}

/** A cross-reference as found in one chunk, before it is resolved against the document's sections. */
export type CrossRefFact = Omit<CrossReference, 'resolved'>;

export interface CapitalRunFact {
  text: string;
  start: number;
  end: number;
  /** Preceded by "the", "any", "each", "such", "all", "a", "an" — the way a defined term is used. */
  articled: boolean;
  /** First word of a sentence or block. */
  sentenceStart: boolean;
}

export interface TextFacts {
  definitions: DefinitionFact[];
  crossRefs: CrossRefFact[];
  capitalRuns: CapitalRunFact[];
  verbs: { shall: number; will: number; must: number };
  /** Mentions of "Cover Page", "Order Form" and similar, which define terms outside the document. */
  externalDefinitions: number;
  /** Counts of contract and AI vocabulary, by kind, for deciding what the document is. */
  markers: Record<string, number>;
}

const CONTRACT_MARKERS: [string, string][] = [
  ['agreement', '(?:this|the|these)[ \\u00a0]+(?:agreement|terms|contract|mnda|addendum|order form|licen[cs]e|eula|policy)'],
  ['party', 'part(?:y|ies)'],
  ['governing', 'governed by|governing law|jurisdiction'],
  ['termination', 'terminat(?:e|es|ed|ion)'],
  ['liability', 'liabilit(?:y|ies)|liable'],
  ['warranty', 'warrant(?:y|ies|s)|disclaim(?:s|er)?|guarantee(?:s|d)?'],
  ['indemnity', 'indemnif(?:y|ies|ication)|hold harmless'],
  ['confidential', 'confidential(?:ity)?'],
  ['legalese', 'hereby|herein|hereunder|thereof|notwithstanding'],
  ['breach', 'breach(?:es)?'],
  ['obligation', 'shall|must|agrees? to|will not'],
  ['grant', 'grants?|licensed|sublicens(?:e|able)'],
  ['payment', 'fees|invoices?|payable|credits?|refunds?'],
  ['businessDay', 'business[ \\u00a0-]days?'],
  // Evidence for the kind of agreement (see reading/kind.ts); not contract vocabulary.
  ['you', 'you|your|yours'],
  ['we', 'we|our|ours'],
  ['weights', 'model[ \\u00a0]+weights|weights|parameters|checkpoints?|model[ \\u00a0]+files?'],
  ['distribution', 'distribut\\w{0,5}|redistribut\\w{0,5}|derivative[ \\u00a0]+(?:works?|models?)|modif(?:y|ied|ications?)'],
  ['hosted', 'subscription|uptime|hosted|service[ \\u00a0]+levels?|customer[ \\u00a0]+data|access[ \\u00a0]+(?:to[ \\u00a0]+)?the[ \\u00a0]+(?:service|services|platform|api)'],
];
const AI_MARKERS: [string, string][] = [
  ['artificialIntelligence', 'artificial[ \\u00a0-]intelligence'],
  ['machineLearning', 'machine[ \\u00a0-]learning'],
  ['languageModel', '(?:large[ \\u00a0])?language[ \\u00a0]models?|llms?|foundation[ \\u00a0]models?|generative'],
  ['training', 'train(?:ed|ing)?[ \\u00a0]+(?:data|on|the[ \\u00a0]+model|models?|artificial)|fine[ \\u00a0-]?tun(?:e|ed|ing)'],
  ['modelWeights', 'model[ \\u00a0]weights|weights'],
  ['prompt', 'prompts?'],
  ['inference', 'inference'],
  ['copilot', 'copilot'],
  ['neural', 'neural[ \\u00a0-]networks?'],
  ['aiModel', '(?:ai|ml)[ \\u00a0-](?:systems?|models?|features?|services?|tools?|powered|generated|outputs?)'],
  // Plainly worded AI: what the product generates, predicts or gets wrong, and models described by how they are made.
  ['generated', 'generat(?:ed|es|ing)[ \\u00a0]+(?:content|text|code|outputs?|responses?|images?|results?|suggestions?|answers?)|generative'],
  ['predictive', 'predictive[ \\u00a0-](?:text|models?|analytics)|auto-?complet(?:e|es|ion|ions)[ \\u00a0]+suggestions?|code[ \\u00a0]+suggestions?'],
  ['hallucination', 'hallucinat(?:e|es|ed|ion|ions)|(?:inaccurate|incorrect|false)[ \\u00a0]+or[ \\u00a0]+(?:invented|fabricated|made[ \\u00a0]+up|misleading)[ \\u00a0]+(?:information|content|output|outputs|responses?)?'],
  ['modelMade', '(?:trained|pre-?trained|fine-?tuned|underlying|foundation|custom|adapted|open-?weights?|base)[ \\u00a0]+(?:models?|networks?)|models?[ \\u00a0]+(?:adapted|trained|tuned)[ \\u00a0]+(?:with|on)|trained[ \\u00a0]+(?:only[ \\u00a0]+|solely[ \\u00a0]+|exclusively[ \\u00a0]+)?(?:on|with|using)[ \\u00a0]+(?:parallel|source|public|licensed|large|conversational)'],
];
const MARKER_RE = registerPattern(
  new RegExp(`(?<![A-Za-z0-9\\u00C0-\\u024F])(?:${[...CONTRACT_MARKERS, ...AI_MARKERS].map(([, src]) => `(${src})`).join('|')})(?![A-Za-z0-9\\u00C0-\\u024F])`, 'gi'),
);
const AI_ACRONYM = registerPattern(/(?<![\p{L}\p{N}])AI(?![\p{L}\p{N}])/gu);
const ROLE_WORDS = registerPattern(/(?<![\p{L}\p{N}])(Provider|Licensor|Vendor|Supplier|Customer|Licensee|Client)(?![\p{L}\p{N}])/gu);
const PARTY_VERB = registerPattern(
  /(?<![\p{L}\p{N}])(?:Provider|Licensor|Vendor|Supplier|Customer|Licensee|Client|[Ee]ach [Pp]arty|[Ee]ither [Pp]arty|[Nn]either [Pp]arty|Company|Developer|You|you|We|we)[ \u00a0]+(shall|will)[ \u00a0]+(?:not[ \u00a0]+)?(?!be\b)[a-z]/gu,
);
const MARKER_NAMES = [...CONTRACT_MARKERS, ...AI_MARKERS].map(([name]) => name);
export const AI_MARKER_NAMES = [...AI_MARKERS.map(([name]) => name), 'ai'];

function countMarkers(mask: string): Record<string, number> {
  const counts: Record<string, number> = {};
  MARKER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER_RE.exec(mask))) {
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        const name = MARKER_NAMES[g - 1];
        counts[name] = (counts[name] ?? 0) + 1;
        break;
      }
    }
  }
  AI_ACRONYM.lastIndex = 0;
  while (AI_ACRONYM.exec(mask)) counts.ai = (counts.ai ?? 0) + 1;
  PARTY_VERB.lastIndex = 0;
  while ((m = PARTY_VERB.exec(mask))) {
    const key = m[1] === 'shall' ? 'partyShall' : 'partyWill';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  ROLE_WORDS.lastIndex = 0;
  while ((m = ROLE_WORDS.exec(mask))) counts[`role:${m[1]}`] = (counts[`role:${m[1]}`] ?? 0) + 1;
  return counts;
}

const TERM = `([A-Z][\\p{L}\\p{N}'’&\\- ]{0,60}?)`;
const OPEN_Q = `[“"‘]`;
const CLOSE_Q = `[”"’]`;
const QUOTED_MEANS = registerPattern(
  new RegExp(
    `${OPEN_Q}[ \\t]{0,4}${TERM}[ \\t]{0,4}${CLOSE_Q}[ \\t]{0,40}(?:,[ \\t]{0,4})?(?:means|shall mean|will mean|has the meaning|have the meaning|refers|represents|includes|is defined)\\b`,
    'gu',
  ),
);
const PAREN = registerPattern(/\(([^()\n]{1,240})\)/g);
const PAREN_TERM = registerPattern(new RegExp(`${OPEN_Q}[ \\t]{0,4}${TERM}[ \\t]{0,4}${CLOSE_Q}`, 'gu'));
const TAB_MEANS = registerPattern(/^[ \t]{0,8}([A-Z][\p{L}\p{N} ]{0,50}?)\t+means\b/gmu);
const CROSS_REF = registerPattern(
  /(?<![\p{L}\p{N}])(Sections?|Clauses?|Articles?|Schedules?|Exhibits?|Annex(?:es)?|Appendix|Appendices|Paragraphs?)[ \u00a0]+(\d{1,3}(?:\.\d{1,3}){0,4}(?:\([a-z0-9]{1,4}\)){0,3}|[A-Z](?:\.\d{1,3}){0,3})(?![\p{L}\p{N}])(?:\.(?=\d))?/gu,
);
const REF_TITLE = registerPattern(/^[ \u00a0]?\(([A-Z][^()\n]{1,80})\)/);
const EXTERNAL_AFTER = registerPattern(
  /^[ \u00a0,]{0,3}(?:(?:of|under|in)[ \u00a0]+(?:the[ \u00a0]+)?(?!this\b|these\b|that\b|such\b)(?:[A-Z\d]|[a-z]+[ \u00a0]+(?:Act|Regulation|Directive|Code|Law|Rules?)\b)|[A-Z]{2,}\b|of[ \u00a0]+(?:the[ \u00a0]+)?[A-Z])/,
);
const EXTERNAL_BEFORE = registerPattern(/(?:GDPR|CCPA|Act|Regulation|Directive|U\.S\.C\.|Code|Treaty|Convention)['’]?s?[ \u00a0]{1,3}$/);
const CAPITAL_RUN = registerPattern(/(?<![\p{L}\p{N}'’])[A-Z][a-z]{1,20}(?:[ \u00a0](?:of[ \u00a0])?[A-Z][a-z]{1,20}){1,3}(?![\p{L}\p{N}])/gu);
const ARTICLE_BEFORE = registerPattern(/(?:^|[^\p{L}])(?:the|any|each|such|all|a|an|no|your|our|its|their)[ \u00a0]+$/iu);
const VERBS = registerPattern(/(?<![\p{L}])(shall|will|must)(?![\p{L}])/gu);
const EXTERNAL_DEFS = registerPattern(/\b(?:Cover Page|Order Form|Key Terms|Statement of Work|defined (?:below|above|elsewhere|in the))\b/g);

export function extractTextFacts(chunk: ChunkFacts): TextFacts {
  const mask = chunk.mask;
  const facts: TextFacts = {
    definitions: [],
    crossRefs: [],
    capitalRuns: [],
    verbs: { shall: 0, will: 0, must: 0 },
    externalDefinitions: 0,
    markers: countMarkers(mask),
  };
  const seen = new Set<number>();
  let m: RegExpExecArray | null;

  QUOTED_MEANS.lastIndex = 0;
  while ((m = QUOTED_MEANS.exec(mask))) {
    const start = m.index + m[0].indexOf(m[1]);
    addDefinition(facts, seen, m[1], start, 'quoted-means');
  }
  PAREN.lastIndex = 0;
  while ((m = PAREN.exec(mask))) {
    const inner = m[1];
    if (!/[“"‘]/.test(inner)) continue;
    const base = m.index + 1;
    PAREN_TERM.lastIndex = 0;
    let t: RegExpExecArray | null;
    while ((t = PAREN_TERM.exec(inner))) {
      const before = inner.slice(0, t.index);
      // "(as defined in ...)" and long explanatory parentheses are not definitions; the quoted term must come early.
      if (before.length > 80 || /\b(?:see|as defined|e\.g|i\.e)\b/i.test(before)) continue;
      addDefinition(facts, seen, t[1], base + t.index + t[0].indexOf(t[1]), 'parenthetical');
    }
  }
  TAB_MEANS.lastIndex = 0;
  while ((m = TAB_MEANS.exec(mask))) {
    addDefinition(facts, seen, m[1], m.index + m[0].indexOf(m[1]), 'tab-means');
  }

  CROSS_REF.lastIndex = 0;
  while ((m = CROSS_REF.exec(mask))) {
    const end = m.index + m[0].length;
    const after = mask.slice(end, end + 90);
    const titleMatch = REF_TITLE.exec(after);
    const before = mask.slice(Math.max(0, m.index - 24), m.index);
    const external = EXTERNAL_AFTER.test(titleMatch ? after.slice(titleMatch[0].length) : after) || EXTERNAL_BEFORE.test(before);
    const ref: CrossRefFact = {
      kind: normaliseKind(m[1]),
      target: m[2].replace(/\.$/, ''),
      start: m.index,
      end: titleMatch ? end + titleMatch[0].length : end,
      external,
    };
    if (titleMatch) {
      ref.title = titleMatch[1].trim();
      ref.titleStart = end + titleMatch[0].indexOf(titleMatch[1]);
      ref.titleEnd = ref.titleStart + titleMatch[1].length;
    }
    facts.crossRefs.push(ref);
  }

  CAPITAL_RUN.lastIndex = 0;
  while ((m = CAPITAL_RUN.exec(mask))) {
    const before = mask.slice(Math.max(0, m.index - 12), m.index);
    facts.capitalRuns.push({
      text: m[0].replace(/[ \u00a0]+/g, ' '),
      start: m.index,
      end: m.index + m[0].length,
      articled: ARTICLE_BEFORE.test(before),
      sentenceStart: isSentenceStart(mask, m.index),
    });
  }

  VERBS.lastIndex = 0;
  while ((m = VERBS.exec(mask))) facts.verbs[m[1] as 'shall' | 'will' | 'must']++;
  EXTERNAL_DEFS.lastIndex = 0;
  while (EXTERNAL_DEFS.exec(mask)) facts.externalDefinitions++;
  return facts;
}

function addDefinition(facts: TextFacts, seen: Set<number>, raw: string, start: number, style: DefinitionStyle): void {
  const term = raw.replace(/\s+/g, ' ').trim();
  if (!term || seen.has(start) || term.split(' ').length > 7) return;
  seen.add(start);
  facts.definitions.push({ term, style, start, end: start + term.length });
}

function normaliseKind(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('section')) return 'Section';
  if (w.startsWith('clause')) return 'Clause';
  if (w.startsWith('article')) return 'Article';
  if (w.startsWith('schedule')) return 'Schedule';
  if (w.startsWith('exhibit')) return 'Exhibit';
  if (w.startsWith('annex')) return 'Annex';
  if (w.startsWith('append')) return 'Appendix';
  return 'Paragraph';
}

/** True when only white space, list markers or markup lie between `pos` and the previous sentence end or line start. */
export function isSentenceStart(mask: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0 && i >= pos - 40; i--) {
    const c = mask[i];
    if (c === '\n' || c === '\r') return true;
    if (c === ' ' || c === '\t' || c === '\u00a0' || c === '"' || c === '“' || c === '(' || c === '*' || c === '_') continue;
    return c === '.' || c === '!' || c === '?' || c === ':' || c === ';';
  }
  return pos <= 40 && mask.slice(0, pos).trim() === '';
}
