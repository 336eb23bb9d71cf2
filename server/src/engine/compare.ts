/**
 * Negotiation rounds (issue 17): what changed between two drafts of one agreement, clause by clause, and which way
 * each change moved. Both drafts are analysed by the engine as usual (`analyzeText`); the comparison reads the two
 * analyses (coverage, positions, the reading layer's sentences, sections and definitions) and never parses again.
 *
 * A clause is listed when its status, its position, or what its text says changed. "What its text says" is compared
 * after the noise a redline shows but a lawyer ignores is taken out: white space and line wrapping, Markdown
 * emphasis, heading and clause numbers (renumbering, reordering), cross-reference numbers, a defined term or party
 * name renamed consistently, word order, function words and the obligation verb ("shall", "will", "must"). What is
 * compared is the clause's content words (crudely stemmed), each operative sentence's modality and actor, its
 * numbers (caps, notice periods, uptime, deadlines) and the definitions of the terms it uses.
 *
 * Pure: no I/O, no editor types. The CLI and the VS Code client pass the two texts in.
 */
import type { ClauseCoverage, ClauseStatus, DocumentAnalysis, Perspective, Section, Span } from './types.js';
import type { Catalogue } from './catalogue.js';
import type { ClauseEntry, ClausePosition, Favours } from './catalogue-types.js';
import type { ResolvedConfig } from './config.js';
import { contextOf, type AnalysisContext } from './analysis-context.js';
import { analyzeText } from './analyzer.js';
import { innermostSection } from './clauses.js';
import { mentions, positionText } from './fixes.js';
import { actorOf } from './reading/index.js';
import { lastAtOrBefore } from './search.js';
import { escapeRegExp } from './phrases.js';
import { isAbbreviation } from './sentences.js';

export type ChangeDirection = 'towards-licensee' | 'towards-licensor' | 'added' | 'removed' | 'reworded';

export interface ComparedClauseSide {
  /** present | incomplete | missing | not-applicable (the engine's own words). */
  status: ClauseStatus;
  /** The recognised position, if any. */
  position?: { id: string; title: string };
  favours?: Favours;
  /** Offsets in that side's text: the clause's deciding (or changed) sentence, else its section. */
  span?: Span;
  /** The text of `span`, white space collapsed, at most about 400 characters. */
  excerpt?: string;
  /** Number and title of the section holding it: "5.2 Training". */
  section?: string;
  /** The required elements the clause lacks (only when incomplete). */
  missingElements?: string[];
}

export interface ClauseChange {
  clause: string;
  title: string;
  before: ComparedClauseSide;
  after: ComparedClauseSide;
  direction: ChangeDirection;
  /** True when the change moves against the chosen perspective (never true for neutral). */
  against: boolean;
  /** Plain-English lines: moved sections, changed numbers, changed defined terms, status changes. */
  details: string[];
  /** The catalogue's explanation of the after position from the chosen side. */
  explanation?: string;
  /** Model text of the position to propose instead (the chosen side's fallback or preferred position), in the after draft's names and terms. */
  fallback?: string;
  /** The catalogue position `fallback` is the text of. */
  fallbackPosition?: { id: string; title: string; favours: Favours };
}

export interface Comparison {
  version: 1;
  /** The names of the two drafts as the caller gave them (paths, "HEAD:contract.md" ...). */
  before: string;
  after: string;
  perspective: Perspective;
  changes: ClauseChange[];
  /** Set when a draft was not analysed (too large, see `maxDocumentSize`): its clauses could not be compared. */
  skipped?: { before?: string; after?: string };
}

export interface CompareOptions {
  before: string;
  after: string;
  /** Whose side the changes are judged from; default: the after analysis's configuration. */
  perspective?: Perspective;
  /** Default: the catalogue the after draft was analysed with. */
  catalogue?: Catalogue;
}

/** Compares two drafts analysed with the same configuration: the changes, those against the chosen side first. */
export function compareTexts(beforeText: string, afterText: string, options: { before: string; after: string; config?: ResolvedConfig }): Comparison {
  const before = analyzeText(beforeText, options.config);
  const after = analyzeText(afterText, options.config);
  return compareAnalyses(before, after, { before: options.before, after: options.after, perspective: options.config?.perspective, catalogue: options.config?.catalogue });
}

/** Compares two analyses of drafts of one agreement (see the module comment for what counts as a change). */
export function compareAnalyses(before: DocumentAnalysis, after: DocumentAnalysis, options: CompareOptions): Comparison {
  const afterCtx = contextOf(after);
  const catalogue = options.catalogue ?? afterCtx.config.catalogue;
  const perspective = options.perspective ?? afterCtx.config.perspective ?? 'neutral';
  const a = new DraftView(before);
  const b = new DraftView(after);
  const renames = renamesBetween(a, b);
  a.renames = renames;
  b.wordCache = a.wordCache;
  const termsDiffer = definitionsDiffer(a, b, renames);
  const changes: ClauseChange[] = [];
  const afterCoverage = new Map(after.coverage.map((c) => [c.clause, c] as const));
  for (const cb of before.coverage) {
    const ca = afterCoverage.get(cb.clause);
    const entry = catalogue.clause(cb.clause);
    if (!ca || !entry) continue;
    const change = compareClause(entry, a, cb, b, ca, renames, termsDiffer, perspective, after);
    if (change) changes.push(change);
  }
  const rank: Record<ChangeDirection, number> = { 'towards-licensee': 0, 'towards-licensor': 0, removed: 1, added: 2, reworded: 3 };
  changes.sort((x, y) => +y.against - +x.against || rank[x.direction] - rank[y.direction] || catalogue.clauseIndex(x.clause) - catalogue.clauseIndex(y.clause));
  const result: Comparison = { version: 1, before: options.before, after: options.after, perspective, changes };
  // The engine's own words for why (the document-too-large finding), not its code.
  const why = (x: DocumentAnalysis) => x.findings.find((f) => f.rule === 'document-too-large')?.message ?? `not analysed (${x.skipped})`;
  if (before.skipped || after.skipped) result.skipped = { ...(before.skipped ? { before: why(before) } : {}), ...(after.skipped ? { after: why(after) } : {}) };
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// One draft, as the comparison reads it.

interface SentenceSpan {
  start: number;
  end: number;
}

interface ClauseView {
  coverage: ClauseCoverage;
  /** The clause's own text: the spans where detection found it, cut at the signature block. */
  scopes: Span[];
  /** Its sentences (every one, operative or not), absolute offsets, in document order. */
  sentences: SentenceSpan[];
  /** Their indexes in the draft's sentences (DraftView.sentences), where what is read of each is kept. */
  indexes: number[];
}

/** What is read of one sentence, on first use: a clause found in many sections shares them with other clauses. */
interface SentenceFacts {
  /** Content words (stem → as written), in the after draft's names. */
  words?: Map<string, string>;
  /** The sorted stems: two sentences with the same key say the same thing in other words. */
  key?: string;
  /** The sentence as written, white space collapsed, in the other draft's names (for a quick equality test). */
  raw?: string;
  /** Numbers, read as in a liability clause [1] or not [0]. */
  numbers?: [NumberFact[]?, NumberFact[]?];
  /** Defined terms it uses. */
  terms?: string[];
}

const SIDE_ORDER: Record<Favours, number> = { licensee: 0, balanced: 1, licensor: 2 };

class DraftView {
  readonly text: string;
  readonly ctx: AnalysisContext;
  private readonly views = new Map<string, ClauseView>();
  /** Each defined term's definition with the term itself taken out, in plain words. */
  readonly definitions = new Map<string, string>();
  /** The same, with the terms a sentence names in passing ('(the "Services")'): a rename of those is no change either. */
  readonly named = new Map<string, string>();
  /** Every sentence of the draft (operative or not), and what has been read of each. */
  private all?: SentenceSpan[];
  private facts: SentenceFacts[] = [];
  /** The renames that put this draft's words in the other draft's names (set on the earlier draft). */
  renames?: Renames;
  /** Content words by sentence text, shared by the two drafts of a comparison. */
  wordCache = new Map<string, Map<string, string>>();

  constructor(readonly analysis: DocumentAnalysis) {
    this.text = analysis.text;
    this.ctx = contextOf(analysis);
    // Definitions that say what a word means; not the short names a preamble or a clause gives in passing
    // ('Northwind Analytics Ltd ("Provider")', '(the "Agreement")'): their "definition" is that sentence, whose
    // changes are the clause's own.
    const parties = new Set(analysis.model.parties.map((p) => p.shortName));
    for (const d of analysis.model.definitions) {
      if (this.named.has(d.term) || parties.has(d.term)) continue;
      const sentence = this.text.slice(d.sentenceStart, d.sentenceEnd);
      const body = plainWords(sentence.split(d.term).join('\u2063'));
      this.named.set(d.term, body);
      if (d.style !== 'parenthetical') this.definitions.set(d.term, body);
    }
  }

  view(c: ClauseCoverage): ClauseView {
    let v = this.views.get(c.clause);
    if (v) return v;
    const detection = this.ctx.detections.find((d) => d.clause.id === c.clause);
    let scopes: Span[] = detection?.detected ? detection.scopes : [];
    if (!scopes.length && c.position) scopes = [c.position.span];
    else if (!scopes.length && c.span) scopes = [c.span];
    const cut = this.analysis.model.signatureStart;
    if (cut !== undefined) scopes = scopes.map((s) => (s.start < cut && s.end > cut ? { start: s.start, end: cut } : s));
    const all = this.sentences();
    const indexes: number[] = [];
    for (const scope of scopes) {
      for (let i = Math.max(0, lastAtOrBefore(all, scope.start, (x) => x.start)); i < all.length && all[i].start < scope.end; i++) {
        if (all[i].end > scope.start && indexes[indexes.length - 1] !== i) indexes.push(i);
      }
    }
    v = { coverage: c, scopes, sentences: indexes.map((i) => all[i]), indexes };
    this.views.set(c.clause, v);
    return v;
  }

  /** Every sentence of the draft, split once. */
  sentences(): SentenceSpan[] {
    if (!this.all) {
      this.all = [];
      splitSentences(this.text, 0, this.text.length, this.all);
    }
    return this.all;
  }

  private fact(i: number): SentenceFacts {
    return (this.facts[i] ??= {});
  }

  /** The content words of sentence i, in the other draft's names when `renames` is set. */
  wordsOf(i: number): Map<string, string> {
    const f = this.fact(i);
    if (!f.words) {
      // Keyed by the sentence's text: the two drafts share most sentences, and a long draft repeats many.
      const raw = this.rawOf(i);
      let words = this.wordCache.get(raw);
      if (!words) this.wordCache.set(raw, (words = contentWords(wordText(raw))));
      f.words = words;
    }
    return f.words;
  }

  rawOf(i: number): string {
    const f = this.fact(i);
    if (f.raw === undefined) {
      const s = this.all![i];
      const text = this.text.slice(s.start, s.end).replace(/\s+/g, ' ');
      f.raw = this.renames ? applyRenames(text, this.renames) : text;
    }
    return f.raw;
  }

  keyOf(i: number): string {
    const f = this.fact(i);
    return (f.key ??= [...this.wordsOf(i).keys()].sort().join(' '));
  }

  numbersOf(i: number, liability: boolean): NumberFact[] {
    const f = this.fact(i);
    const cache = (f.numbers ??= []);
    return (cache[+liability] ??= numbersInSentence(this, this.all![i], liability));
  }

  /** The defined terms (of either draft, by the names given) that sentence i uses. */
  termsOf(i: number, terms: readonly string[]): string[] {
    const f = this.fact(i);
    if (!f.terms) {
      const s = this.all![i];
      const text = this.text.slice(s.start, s.end);
      f.terms = terms.filter((t) => mentions(text, t));
    }
    return f.terms;
  }

  /** "5.2 Training": the innermost section holding `pos`. */
  sectionAt(pos: number): Section | undefined {
    return innermostSection(this.analysis.model.sections, pos);
  }

  /** The role of the party that acts in the sentence at `pos`: licensor, licensee, both or none. */
  actorAt(pos: number): 'licensor' | 'licensee' | 'both' | 'none' {
    const reading = this.ctx.reading;
    if (!reading) return 'none';
    const i = lastAtOrBefore(reading.sentences, pos, (s) => s.start);
    if (i < 0 || reading.sentences[i].end <= pos) return 'none';
    return actorOf(reading.sentences[i].reading, reading.roles);
  }

  /** What each operative sentence inside the clause does, "duty:licensor", sorted (order does not matter). */
  operations(v: ClauseView): string[] {
    const reading = this.ctx.reading;
    if (!reading) return [];
    const out: string[] = [];
    for (const scope of v.scopes) {
      for (let i = Math.max(0, lastAtOrBefore(reading.sentences, scope.start, (s) => s.start)); i < reading.sentences.length && reading.sentences[i].start < scope.end; i++) {
        const s = reading.sentences[i];
        if (s.end <= scope.start) continue;
        out.push(`${s.reading.modality}:${actorOf(s.reading, reading.roles)}`);
      }
    }
    return out.sort();
  }

  /** The short name the draft gives the party with this role, when exactly one has it. */
  partyNamed(role: 'licensor' | 'licensee'): string | undefined {
    const names = this.analysis.parties.filter((p) => p.role === role).map((p) => p.name);
    return names.length === 1 && names[0] !== 'you' && names[0] !== 'we' ? names[0] : undefined;
  }
}

/** Sentences of text[start, end): ends at . ! ? ; before white space (not abbreviations), blank lines and list items. */
function splitSentences(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let from = start;
  const push = (to: number) => {
    // Trim white space; keep the piece if it has a letter (numbering or a table rule alone is no sentence).
    let x = from;
    let y = to;
    while (x < y && text.charCodeAt(x) <= 32) x++;
    while (y > x && text.charCodeAt(y - 1) <= 32) y--;
    for (let k = x; k < y; k++) {
      const c = text.charCodeAt(k) | 32;
      if (c >= 97 && c <= 122) {
        out.push({ start: x, end: y });
        return;
      }
    }
  };
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 32;
    if ((c === 46 || c === 33 || c === 63 || c === 59) && (next === 32 || next === 10 || next === 13 || next === 9) && !isAbbreviation(text, i)) {
      push(i + 1);
      from = i + 1;
    } else if (c === 10 && (next === 10 || startsBlock(text, i + 1))) {
      push(i);
      from = i + 1;
    }
  }
  push(end);
}

/** A line that starts a heading, a list item or a numbered clause. */
function startsBlock(text: string, at: number): boolean {
  return /^[ \t]{0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,3}(?:\.\d{1,3}){0,4}[.)]?[ \t]|\([a-z0-9]{1,4}\)[ \t])/i.test(text.slice(at, at + 16));
}

// ---------------------------------------------------------------------------------------------------------------
// Words: what is left of a text once the noise is out.

/** Markdown and numbering taken out, quotes straightened, white space collapsed. */
export function plainWords(raw: string): string {
  return raw
    .replace(/<!--[^<>]{0,2000}-->/g, ' ')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t>]{0,8}/gm, '')
    .replace(/^[ \t]{0,8}(?:[-*+]|\d{1,3}(?:\.\d{1,3}){0,5}[.)]?|\(?[a-z0-9]{1,4}\)|[A-Z][.)])[ \t]+/gim, '')
    .replace(/\b(Sections?|Clauses?|Articles?|Paragraphs?|Schedules?|Annex(?:es)?|Exhibits?|Appendix|Appendices)[ \t\u00a0]+\d{1,3}(?:\.\d{1,3}){0,5}(?:\([a-z0-9]{1,4}\)){0,3}/g, '$1 #')
    .replace(/\[([^[\]\n]{0,300})\]\([^()\n]{0,300}\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What `contentWords` needs taken out of a sentence: comments and link targets (the rest is not a word anyway). */
function wordText(raw: string): string {
  let text = raw;
  if (text.includes('<!--')) text = text.replace(/<!--[^<>]{0,2000}-->/g, ' ');
  if (text.includes('](')) text = text.replace(/\[([^[\]\n]{0,300})\]\([^()\n]{0,300}\)/g, '$1');
  return text;
}

/** Words that carry no meaning of their own here; modality and actor are compared separately. */
const STOP = new Set(
  (
    'a an the of to for in on at by with from into onto upon as its it their theirs his her this that these those which who whom whose ' +
    'such be is are was were been being shall will must would should hereby herein hereof hereunder thereof therein there here ' +
    'has have had do does did so than then also either neither each any party parties agreement'
  ).split(' '),
);

/** A crude stem: enough to tell "train", "trains", "trained" and "training" are one word. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && /(?:ing|ion)$/.test(w)) w = w.slice(0, -3);
  else if (w.length > 3 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** The content words of a text, stemmed, each with the first word written for it (numbers are compared as numbers). */
function contentWords(plain: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of plain.matchAll(/[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]{0,40}/g)) {
    const written = m[0].replace(/['’]s?$/, '').replace(/’/g, "'");
    const w = written.toLowerCase();
    if (STOP.has(w) || (NUMBER_WORD_HEADS.has(w.slice(0, 3)) && numberWord(w) !== undefined)) continue;
    const k = stem(w);
    if (!out.has(k)) out.set(k, written);
  }
  return out;
}

/** "adds "except", "aggregated"; drops "all"": the content words one version has and the other lacks. */
function wordsDetail(added: string[], removed: string[]): string {
  const list = (words: string[]) => words.slice(0, 8).map((w) => `"${w}"`).join(', ') + (words.length > 8 ? ` and ${words.length - 8} more` : '');
  const parts: string[] = [];
  if (added.length) parts.push(`adds ${list(added)}`);
  if (removed.length) parts.push(`drops ${list(removed)}`);
  return `wording: ${parts.join('; ')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Renames: a defined term or a party renamed consistently is not a change.

interface Renames {
  /** Old name → new name, for terms and parties. */
  map: Map<string, string>;
  pattern?: RegExp;
}

function renamesBetween(a: DraftView, b: DraftView): Renames {
  const map = new Map<string, string>();
  for (const role of ['licensor', 'licensee'] as const) {
    const x = a.partyNamed(role);
    const y = b.partyNamed(role);
    if (x && y && x !== y && !mentions(b.text, x)) map.set(x, y);
  }
  const gone = [...a.named.keys()].filter((t) => !b.named.has(t) && !mentions(b.text, t));
  const fresh = [...b.named.keys()].filter((t) => !a.named.has(t));
  for (const old of gone) {
    const body = applyRenames(a.named.get(old)!, { map, pattern: patternOf(map) });
    const match = fresh.filter((t) => b.named.get(t) === body && ![...map.values()].includes(t));
    if (match.length === 1) map.set(old, match[0]);
  }
  return { map, pattern: patternOf(map) };
}

function patternOf(map: Map<string, string>): RegExp | undefined {
  if (!map.size) return undefined;
  const names = [...map.keys()].sort((x, y) => y.length - x.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

function applyRenames(text: string, renames: Renames): string {
  return renames.pattern ? text.replace(renames.pattern, (m) => renames.map.get(m) ?? m) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers that matter: caps, notice periods, uptime, deadlines.

interface NumberFact {
  /** What it is: "notice period", "uptime", "liability cap" ... */
  label: string;
  value: number;
  /** As written, tidied: "30 days", "99.9%", "USD 1,000,000". */
  shown: string;
  /** For durations: the value in hours, to compare "1 month" with "30 days". */
  scale: number;
  /** Which way a lower value moves the clause, when it is obvious; undefined when it is not. */
  lowerFavours?: 'licensor' | 'licensee';
  at: number;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The first three letters of every number word: most words are ruled out by one look-up. */
const NUMBER_WORD_HEADS = new Set([...UNITS, ...TENS.slice(2), 'twice', 'hundred'].map((w) => w.slice(0, 3)));

/** "thirty" → 30, "forty-eight" → 48, "twice" → 2; undefined for any other word. */
export function numberWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w === 'twice') return 2;
  if (w === 'hundred') return 100;
  const unit = UNITS.indexOf(w);
  if (unit >= 0) return unit;
  const [tens, ones, more] = w.split('-');
  const t = TENS.indexOf(tens);
  if (t < 2 || more !== undefined) return undefined;
  if (ones === undefined) return t * 10;
  const o = UNITS.indexOf(ones);
  return o >= 1 && o <= 9 ? t * 10 + o : undefined;
}

const HOURS: Record<string, number> = { minute: 1 / 60, hour: 1, day: 24, 'business day': 33.6, 'working day': 33.6, 'calendar day': 24, week: 168, month: 730, year: 8760 };

/** Digits ("30", "1,000,000", "99.95"), or a number word ("thirty") not followed by its digits in parentheses. */
const NUMBER = /(?<![\w.,])(\d{1,3}(?:,\d{3}){1,4}|\d{1,9})(?:\.(\d{1,4}))?(?![\d,]\d)|\b((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]{3,5})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|twice)(?![\w-])(?![ \t]{0,2}\()/gi;
const UNIT_AFTER = /^[ \t]{0,2}\)?[ \t]{0,2}(%|percent\b|per cent\b|(?:calendar |business |working )?(?:minute|hour|day|week|month|year)s?\b|times\b|x\b|(?:US )?(?:dollars|euros|pounds|USD|EUR|GBP)\b)/i;
const CURRENCY_BEFORE = /(?:US\$|\$|€|£|\b(?:USD|EUR|GBP|CHF|CAD|AUD))[ \t]{0,2}$/;

/** The numbers of some of a clause's sentences (those the other draft does not have word for word). */
function numbersIn(view: DraftView, indexes: readonly number[], clause: string): NumberFact[] {
  const liability = clause === 'limitation-of-liability';
  return indexes.flatMap((i) => view.numbersOf(i, liability));
}

/** The numbers that matter in one sentence; `liability`: it belongs to the limitation of liability clause. */
function numbersInSentence(view: DraftView, s: SentenceSpan, liability: boolean): NumberFact[] {
  const text = view.text;
  const out: NumberFact[] = [];
  const sentence = text.slice(s.start, s.end);
  if (!/\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|twice)\b/i.test(sentence)) return out;
  // Clause and heading numbers, and cross-references, are numbering, not terms.
  const plain = sentence.replace(/^[ \t#>]{0,12}(?:\d{1,3}(?:\.\d{1,3}){0,5}[.)]?|\(?[a-z0-9]{1,4}\))[ \t]+/i, (m) => ' '.repeat(m.length));
  const lower = plain.toLowerCase();
  NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER.exec(plain))) {
    const before = plain.slice(Math.max(0, m.index - 40), m.index);
    if (/\b(?:sections?|clauses?|articles?|paragraphs?|schedules?|annex|exhibits?|appendix|version|no\.?)[ \t\u00a0]{1,3}$/i.test(before)) continue;
    const afterText = plain.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const unit = UNIT_AFTER.exec(afterText);
    const currency = CURRENCY_BEFORE.test(before) || (unit && /dollars|euros|pounds|usd|eur|gbp/i.test(unit[1]));
    const value = m[3] ? numberWord(m[3]) : Number(`${m[1].replace(/,/g, '')}${m[2] ? `.${m[2]}` : ''}`);
    if (value === undefined || (m[3] && !unit && m[3].toLowerCase() !== 'twice')) continue;
    if (!m[3] && !unit && !currency && value >= 1900 && value <= 2100) continue; // a year
    const fact = classify(value, m[0], unit?.[1], !!currency, before.toLowerCase(), afterText.toLowerCase(), lower, liability);
    if (!fact) continue;
    const at = s.start + m.index;
    const actor = fact.owner === 'actor' ? view.actorAt(at) : fact.owner;
    const lowerFavours = fact.lower === undefined ? undefined : directionFor(fact.lower, actor);
    out.push({ label: fact.label, value, shown: fact.shown, scale: fact.scale, lowerFavours, at });
  }
  return out;
}

/**
 * What a number is, and whom a lower value favours: `lower: 'shorter-helps'` means a lower value helps `owner` (the
 * sentence's actor, or a fixed role); `'longer-helps'` the opposite.
 */
function classify(
  value: number,
  written: string,
  unit: string | undefined,
  currency: boolean,
  before: string,
  after: string,
  sentence: string,
  inLiabilityClause: boolean,
): { label: string; shown: string; scale: number; lower?: 'helps' | 'hurts'; owner: 'actor' | 'licensor' | 'licensee' | 'both' | 'none' } | undefined {
  const u = unit?.toLowerCase().replace(/s$/, '').replace(/\s+/g, ' ');
  const digits = /\d/.test(written) ? written : String(value);
  const liability = inLiabilityClause || /\bliab|\bexceed|\bcap\b|aggregate|limited to/.test(sentence);
  if (u === '%' || u === 'percent' || u === 'per cent') {
    const shown = `${digits}%`;
    if (/uptime|availab/.test(before.slice(-50)) || (/uptime|availab/.test(sentence) && !/credit/.test(before.slice(-50)))) return { label: 'uptime', shown, scale: value, lower: 'helps', owner: 'licensor' };
    if (/credit|refund/.test(sentence)) return { label: 'service credit', shown, scale: value, lower: 'helps', owner: 'licensor' };
    return { label: 'percentage', shown, scale: value, owner: 'none' };
  }
  if (currency || u === 'time' || u === 'x') {
    const shown = currency ? `${/[$€£]|usd|eur|gbp|chf|cad|aud/i.exec(before.slice(-6))?.[0]?.toUpperCase() ?? ''}${/[$€£]$/.test(before.trimEnd()) ? '' : currency && /[a-z]$/i.test(before.trimEnd()) ? ' ' : ''}${digits}${unit && !currency ? ` ${unit}` : ''}`.trim() : `${digits} times`;
    if (liability) return { label: currency ? 'liability cap' : 'liability cap multiple', shown, scale: value, lower: 'helps', owner: 'actor' };
    return { label: currency ? 'amount' : 'multiple', shown, scale: value, owner: 'none' };
  }
  if (u && u in HOURS) {
    const plural = value === 1 ? u : `${u}s`;
    const shown = `${digits} ${plural}`;
    const scale = value * HOURS[u];
    if (liability && /\bfees?\b|\bpaid\b|payable|charges/.test(sentence)) return { label: 'liability cap period', shown, scale, lower: 'helps', owner: 'actor' };
    if (/notice|in advance|prior to|before/.test(after.slice(0, 30)) || /notice (?:of|period of)(?: at least| not less than| no less than)?[ \t]{0,2}$/.test(before)) {
      return { label: 'notice period', shown, scale, lower: 'helps', owner: 'actor' };
    }
    if (/respon/.test(sentence) && !/notif/.test(sentence)) return { label: 'response time', shown, scale, lower: 'hurts', owner: 'actor' };
    if (/\b(?:within|no later than|not later than|not more than|no more than|up to)[ \t]{1,3}$/.test(before) || /of becoming aware|after (?:becoming|the)/.test(after)) {
      return { label: 'deadline', shown, scale, lower: 'hurts', owner: 'actor' };
    }
    return { label: 'period', shown, scale, owner: 'none' };
  }
  return undefined;
}

/** Whom a lower value favours: `helps` the owner, or `hurts` it (a shorter deadline favours the other side). */
function directionFor(lower: 'helps' | 'hurts', owner: 'licensor' | 'licensee' | 'both' | 'none'): 'licensor' | 'licensee' | undefined {
  // A cap on both parties' liability is, in an AI licence, mostly a cap on the licensor's.
  const who = owner === 'both' || owner === 'none' ? (lower === 'helps' ? 'licensor' : undefined) : owner;
  if (!who) return undefined;
  return lower === 'helps' ? who : who === 'licensor' ? 'licensee' : 'licensor';
}

interface NumberChange {
  detail: string;
  towards?: 'licensor' | 'licensee';
  at: { before?: number; after?: number };
}

function numberChanges(x: NumberFact[], y: NumberFact[]): NumberChange[] {
  const out: NumberChange[] = [];
  const labels = [...new Set([...x.map((n) => n.label), ...y.map((n) => n.label)])];
  for (const label of labels) {
    const xs = x.filter((n) => n.label === label);
    const ys = y.filter((n) => n.label === label);
    const same = (p: NumberFact, q: NumberFact) => p.scale === q.scale;
    if (xs.length === ys.length) {
      xs.forEach((p, i) => {
        const q = ys[i];
        if (same(p, q)) return;
        const lowered = q.scale < p.scale;
        const favours = q.lowerFavours ?? p.lowerFavours;
        const towards = favours === undefined ? undefined : lowered ? favours : favours === 'licensor' ? 'licensee' : 'licensor';
        out.push({ detail: `${label} ${p.shown} → ${q.shown}`, towards, at: { before: p.at, after: q.at } });
      });
    } else {
      // A number added or taken out: say which, in the order written.
      const left = ys.slice();
      const removed: NumberFact[] = [];
      for (const p of xs) {
        const k = left.findIndex((q) => same(p, q));
        if (k >= 0) left.splice(k, 1);
        else removed.push(p);
      }
      for (const p of removed) out.push({ detail: `${label} ${p.shown} removed`, at: { before: p.at } });
      for (const q of left) out.push({ detail: `new ${label} ${q.shown}`, at: { after: q.at } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One clause.

function compareClause(
  entry: ClauseEntry,
  a: DraftView,
  cb: ClauseCoverage,
  b: DraftView,
  ca: ClauseCoverage,
  renames: Renames,
  termsDiffer: boolean,
  perspective: Perspective,
  after: DocumentAnalysis,
): ClauseChange | undefined {
  const hasBefore = cb.status === 'present' || cb.status === 'incomplete';
  const hasAfter = ca.status === 'present' || ca.status === 'incomplete';
  if (!hasBefore && !hasAfter) return undefined;
  const vb = a.view(cb);
  const va = b.view(ca);
  const details: string[] = [];
  let direction: ChangeDirection | undefined;
  let changed = false;
  const favBefore = cb.position?.favours;
  const favAfter = ca.position?.favours;
  // The sentences to show: those that decide the change, once known.
  let focus: { before?: number; after?: number } = {};
  const unmatched = unmatchedSentences(a, vb, b, va);

  if (hasBefore !== hasAfter) {
    direction = hasAfter ? 'added' : 'removed';
    changed = true;
    const side = hasAfter ? ca : cb;
    const where = sectionLabel(hasAfter ? b : a, hasAfter ? va : vb);
    details.push(hasAfter ? `added${where ? ` in ${where}` : ''} (was ${statusWords(cb.status)})` : `removed${where ? ` from ${where}` : ''} (now ${statusWords(ca.status)})`);
    if (side.position) details.push(`position: ${side.position.title} (${favoursWords(side.position.favours)})`);
  } else {
    if (cb.status !== ca.status) {
      changed = true;
      details.push(statusChange(entry, cb, ca));
    } else if (cb.status === 'incomplete' && cb.missingElements.join() !== ca.missingElements.join()) {
      changed = true;
      details.push(`now lacks ${elementTitles(entry, ca.missingElements)} (lacked ${elementTitles(entry, cb.missingElements)})`);
    }
    if (cb.position?.id !== ca.position?.id) {
      changed = true;
      const from = cb.position ? `${cb.position.title} (${favoursWords(cb.position.favours)})` : 'no recognised position';
      const to = ca.position ? `${ca.position.title} (${favoursWords(ca.position.favours)})` : 'no recognised position';
      details.push(`position: ${from} → ${to}`);
      if (favBefore && favAfter && favBefore !== favAfter) {
        direction = SIDE_ORDER[favAfter] > SIDE_ORDER[favBefore] ? 'towards-licensor' : 'towards-licensee';
        focus = { before: cb.position!.span.start, after: ca.position!.span.start };
      }
    }
    // What the text says. The same sentences (in any order, in the later draft's names) say the same.
    const same = unmatched.same;
    // A sentence both drafts have word for word has the same numbers: only the others are read.
    const numbers = same ? [] : numberChanges(numbersIn(a, unmatched.before, entry.id), numbersIn(b, unmatched.after, entry.id));
    for (const n of numbers) details.push(n.detail);
    if (numbers.length) {
      changed = true;
      if (!direction) {
        const ways = new Set(numbers.map((n) => n.towards));
        if (ways.size === 1 && !ways.has(undefined)) direction = ways.has('licensor') ? 'towards-licensor' : 'towards-licensee';
        if (focus.before === undefined && focus.after === undefined) focus = numbers[0].at;
      }
    }
    const terms = termsDiffer ? termChanges(a, vb, b, va, renames) : [];
    if (terms.length) {
      changed = true;
      details.push(...terms);
    }
    const { added, removed } = same ? { added: [], removed: [] } : wordChanges(a, vb, b, va, unmatched);
    const ops = !same && a.operations(vb).join() !== b.operations(va).join();
    // Moved under a heading with another title (renumbering and reordering are not moves).
    const moved = sectionMove(a, vb, b, va, renames);
    if (moved) {
      changed = true;
      details.push(moved);
    }
    if (added.length || removed.length || ops) {
      changed = true;
      if (ops && !details.some((d) => d.startsWith('position'))) details.push('what a party must, may or must not do changed');
      if (added.length || removed.length) details.push(wordsDetail(added, removed));
    }
    if (changed) {
      // Where the clause sits now and before, when the number or title of its section changed.
      const from = sectionLabel(a, vb);
      const to = sectionLabel(b, va);
      if (from && to && from !== to && !details.some((d) => d.startsWith('moved') || d.startsWith('its section'))) details.push(`was in ${from}, now in ${to}`);
    }
  }
  if (!changed) return undefined;
  direction ??= 'reworded';
  collapseRepeats(details);

  // Only sentences the other draft lacks word for word can be the change; of those, one whose content words the other
  // draft has (renumbered, reworded) is not.
  const keys = (view: DraftView, indexes: number[]) => new Set(indexes.map((i) => view.keyOf(i)));
  const side = (view: DraftView, v: ClauseView, c: ClauseCoverage, at: number | undefined, own: number[], other: Set<string>): ComparedClauseSide => {
    const present = c.status === 'present' || c.status === 'incomplete';
    const out: ComparedClauseSide = { status: c.status };
    if (c.position) {
      out.position = { id: c.position.id, title: c.position.title };
      out.favours = c.position.favours;
    }
    if (c.status === 'incomplete' && c.missingElements.length) out.missingElements = [...c.missingElements];
    if (!present) return out;
    const span = focusSpan(view, v, c, at, own, other);
    if (span) {
      out.span = span;
      out.excerpt = excerptOf(view.text, span);
      const section = view.sectionAt(span.start);
      if (section) out.section = labelOf(section, view.analysis.model.sections);
    }
    return out;
  };
  const change: ClauseChange = {
    clause: entry.id,
    title: entry.title,
    before: side(a, vb, cb, focus.before, unmatched.before, keys(b, unmatched.after)),
    after: side(b, va, ca, focus.after, unmatched.after, keys(a, unmatched.before)),
    direction,
    against: false,
    details,
  };
  change.against = isAgainst(change, perspective);
  const explained = explanationFor(entry, ca.position?.id, perspective);
  if (explained) change.explanation = explained;
  else if (direction === 'removed') change.explanation = entry.why;
  const proposal = proposalFor(entry, change, perspective);
  if (proposal) {
    const text = positionText(after, entry.id, proposal.id);
    if (text) {
      change.fallback = text;
      change.fallbackPosition = { id: proposal.id, title: proposal.title, favours: proposal.favours };
    }
  }
  return change;
}

/** The same line said of several places once, with their count: "notice period 30 days → 10 days (5 places)". */
function collapseRepeats(details: string[]): void {
  const counts = new Map<string, number>();
  for (const d of details) counts.set(d, (counts.get(d) ?? 0) + 1);
  details.length = 0;
  for (const [d, n] of counts) details.push(n > 1 ? `${d} (${n} places)` : d);
}

function statusWords(s: ClauseStatus): string {
  return s === 'not-applicable' ? 'not applicable' : s;
}

function favoursWords(f: Favours): string {
  return f === 'balanced' ? 'balanced' : `favours the ${f}`;
}

function elementTitles(entry: ClauseEntry, ids: string[]): string {
  return ids.map((id) => entry.elements.find((e) => e.id === id)?.title ?? id).join(', ') || 'nothing';
}

function statusChange(entry: ClauseEntry, cb: ClauseCoverage, ca: ClauseCoverage): string {
  if (ca.status === 'incomplete') return `status: ${cb.status} → incomplete (now lacks ${elementTitles(entry, ca.missingElements)})`;
  if (cb.status === 'incomplete') return `status: incomplete → ${ca.status} (now has ${elementTitles(entry, cb.missingElements)})`;
  return `status: ${statusWords(cb.status)} → ${statusWords(ca.status)}`;
}

/**
 * The clause's sentences matched between the drafts by their text (white space aside, in the later draft's names):
 * those only the earlier draft has, and those only the later one has. Both empty: the clause says the same.
 */
function unmatchedSentences(a: DraftView, vb: ClauseView, b: DraftView, va: ClauseView): { before: number[]; after: number[]; same: boolean } {
  const left = new Map<string, number>();
  for (const i of vb.indexes) {
    const raw = a.rawOf(i);
    left.set(raw, (left.get(raw) ?? 0) + 1);
  }
  const after: number[] = [];
  for (const i of va.indexes) {
    const raw = b.rawOf(i);
    const n = left.get(raw);
    if (n) left.set(raw, n - 1);
    else after.push(i);
  }
  const before = vb.indexes.filter((i) => {
    const raw = a.rawOf(i);
    const n = left.get(raw) ?? 0;
    if (n <= 0) return false;
    left.set(raw, n - 1);
    return true;
  });
  return { before, after, same: before.length === 0 && after.length === 0 };
}

/**
 * Content words one version of the clause has and the other lacks. Only the sentences the drafts do not share can add
 * or drop a word; a candidate is dropped as soon as a sentence of the other side (shared ones included) has it.
 */
function wordChanges(a: DraftView, vb: ClauseView, b: DraftView, va: ClauseView, unmatched: { before: number[]; after: number[] }): { added: string[]; removed: string[] } {
  const one = (view: DraftView, mine: number[], otherView: DraftView, other: ClauseView, otherMine: number[]) => {
    const candidates = new Map<string, string>();
    for (const i of mine) for (const [k, w] of view.wordsOf(i)) if (!candidates.has(k)) candidates.set(k, w);
    // The other side's own sentences first (the likeliest to have the word), then every other sentence of it.
    for (const i of otherMine) {
      if (!candidates.size) break;
      for (const k of otherView.wordsOf(i).keys()) candidates.delete(k);
    }
    for (const i of other.indexes) {
      if (!candidates.size) break;
      for (const k of otherView.wordsOf(i).keys()) candidates.delete(k);
    }
    return [...candidates.values()];
  };
  return { added: one(b, unmatched.after, a, vb, unmatched.before), removed: one(a, unmatched.before, b, va, unmatched.after) };
}

/** "5.2 Training"; an untitled clause with the title of the section it is in: "5.2 (in 5 Customer Data)". */
function labelOf(s: Section, sections?: readonly Section[]): string {
  const own = `${s.number ? `${s.number} ` : ''}${s.title}`.trim();
  const parent = s.parent !== undefined ? sections?.[s.parent] : undefined;
  if (s.title.trim() || !parent?.title.trim()) return own;
  return `${own} (in ${labelOf(parent)})`;
}

/** The section that holds the clause: the one of its position's sentence, else of its first scope. */
function sectionLabel(view: DraftView, v: ClauseView): string | undefined {
  const at = v.coverage.position?.span.start ?? v.scopes[0]?.start ?? v.coverage.span?.start;
  const s = at === undefined ? undefined : view.sectionAt(at);
  return s ? labelOf(s, view.analysis.model.sections) : undefined;
}

/** "moved from 7 Liability to 9 General" when the clause now sits under a section with another title. */
function sectionMove(a: DraftView, vb: ClauseView, b: DraftView, va: ClauseView, renames: Renames): string | undefined {
  const at = (view: DraftView, v: ClauseView) => {
    const pos = v.coverage.position?.span.start ?? v.scopes[0]?.start;
    return pos === undefined ? undefined : view.sectionAt(pos);
  };
  const x = at(a, vb);
  const y = at(b, va);
  if (!x || !y) return undefined;
  // The titles of the section and the sections it is in, without their numbers: "customer data / training".
  const chain = (s: Section, sections: readonly Section[], r?: Renames) => {
    const titles: string[] = [];
    for (let cur: Section | undefined = s; cur; cur = cur.parent !== undefined ? sections[cur.parent] : undefined) {
      const title = plainWords(r ? applyRenames(cur.title, r) : cur.title).toLowerCase();
      if (title) titles.unshift(title);
    }
    return titles.join(' / ');
  };
  if (chain(x, a.analysis.model.sections, renames) === chain(y, b.analysis.model.sections)) return undefined;
  if (x.number && x.number === y.number && x.title !== y.title) return `its section ${x.number} is now titled "${y.title}" (was "${x.title}")`;
  return `moved from ${labelOf(x, a.analysis.model.sections)} to ${labelOf(y, b.analysis.model.sections)}`;
}

/** Whether any definition changed, appeared or went (renames aside): if none did, no clause needs `termChanges`. */
function definitionsDiffer(a: DraftView, b: DraftView, renames: Renames): boolean {
  const renamedTo = new Map([...renames.map].map(([from, to]) => [to, from] as const));
  for (const [term, body] of b.definitions) {
    const before = a.definitions.get(renamedTo.get(term) ?? term);
    if (before === undefined || applyRenames(before, renames) !== body) return true;
  }
  for (const term of a.definitions.keys()) if (!b.definitions.has(renames.map.get(term) ?? term)) return true;
  return false;
}

/** Defined terms the clause uses whose definition changed, appeared or went. */
function termChanges(a: DraftView, vb: ClauseView, b: DraftView, va: ClauseView, renames: Renames): string[] {
  const out: string[] = [];
  const used = (view: DraftView, v: ClauseView) => {
    const terms = [...view.definitions.keys()];
    const set = new Set<string>();
    for (const i of v.indexes) for (const t of view.termsOf(i, terms)) set.add(t);
    return set;
  };
  const inAfter = used(b, va);
  const inBefore = used(a, vb);
  const renamedTo = new Set(renames.map.values());
  for (const term of inAfter) {
    const body = b.definitions.get(term)!;
    const old = [...renames.map].find(([, to]) => to === term)?.[0] ?? term;
    const before = a.definitions.get(old);
    if (before === undefined) {
      if (!renamedTo.has(term)) out.push(`uses "${term}", a term the earlier draft did not define`);
      continue;
    }
    if (applyRenames(before, renames) !== body) out.push(`the definition of "${term}", which this clause uses, changed: ${clip(body.replace(/\u2063/g, term), 200)}`);
  }
  for (const term of inBefore) {
    if (renames.map.has(term) || b.definitions.has(term)) continue;
    const stillUsed = va.sentences.some((s) => mentions(b.text.slice(s.start, s.end), term));
    out.push(stillUsed ? `"${term}" is no longer defined` : `no longer uses the defined term "${term}", which the later draft drops`);
  }
  return out;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`;
}

/**
 * The span to show for one side: the sentence `at` falls in (the deciding one), else the clause's first sentence that
 * the other draft does not have (in content words), else its position's sentence, else its first sentence.
 */
function focusSpan(view: DraftView, v: ClauseView, c: ClauseCoverage, at: number | undefined, own: number[], other: Set<string>): Span | undefined {
  if (at !== undefined) {
    const s = v.sentences.find((x) => x.start <= at && x.end > at);
    if (s) return s;
    if (c.position && c.position.span.start <= at && c.position.span.end > at) return c.position.span;
  }
  const all = view.sentences();
  const fresh = own.find((i) => !other.has(view.keyOf(i)) && !isHeading(view.text, all[i]));
  if (fresh !== undefined) return all[fresh];
  if (c.position) return c.position.span;
  return v.sentences.find((s) => !isHeading(view.text, s)) ?? v.sentences[0];
}

/** A heading line ("## 5. Liability") is a sentence of its own; it is not what a change shows. */
function isHeading(text: string, s: SentenceSpan): boolean {
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  return /^[ \t]{0,3}#{1,6}[ \t]/.test(text.slice(lineStart, lineStart + 8));
}

function excerptOf(text: string, span: Span): string {
  return clip(text.slice(span.start, span.end).replace(/\s+/g, ' ').trim(), 400);
}

function isAgainst(change: ClauseChange, perspective: Perspective): boolean {
  if (perspective === 'neutral') return false;
  const other = perspective === 'licensee' ? 'licensor' : 'licensee';
  switch (change.direction) {
    case 'towards-licensee':
    case 'towards-licensor':
      return change.direction === `towards-${other}`;
    case 'added':
      return change.after.favours === other;
    case 'removed':
      return change.before.favours === perspective;
    default:
      return false;
  }
}

function explanationFor(entry: ClauseEntry, positionId: string | undefined, perspective: Perspective): string | undefined {
  const position = positionId ? entry.positions?.find((p) => p.id === positionId) : undefined;
  if (!position) return undefined;
  if (perspective !== 'neutral') return position.explain[perspective];
  return `For the licensee: ${position.explain.licensee} For the licensor: ${position.explain.licensor}`;
}

/**
 * The position to propose instead of the after draft's, for the chosen side: when a clause was removed, the earlier
 * position if it did not favour the other side, else the preferred one; otherwise the side's fallback (the usual
 * compromise), or its preferred position when the draft already is at the fallback; never one that is worse for the
 * side than what the draft now says. For neutral, the balanced position when the draft is one-sided.
 */
function proposalFor(entry: ClauseEntry, change: ClauseChange, perspective: Perspective): ClausePosition | undefined {
  if (!entry.positions?.length) return undefined;
  const byId = (id: string | undefined) => (id ? entry.positions!.find((p) => p.id === id) : undefined);
  const current = byId(change.after.position?.id);
  if (perspective === 'neutral') {
    if (!current || current.favours === 'balanced') return undefined;
    return entry.positions.find((p) => p.favours === 'balanced');
  }
  const other = perspective === 'licensee' ? 'licensor' : 'licensee';
  // How good a side is for the chosen side: 0 its own, 1 balanced, 2 the other's.
  const cost = (f: Favours) => (f === perspective ? 0 : f === 'balanced' ? 1 : 2);
  const book = entry.playbook?.[perspective];
  if (change.direction === 'removed') {
    const earlier = byId(change.before.position?.id);
    return earlier && earlier.favours !== other ? earlier : (byId(book?.preferred) ?? byId(book?.fallback));
  }
  if (!change.against) return undefined;
  for (const p of [byId(book?.fallback), byId(book?.preferred)]) {
    if (p && p.id !== current?.id && (!current || cost(p.favours) < cost(current.favours) || (cost(p.favours) === cost(current.favours) && p.id === book?.preferred))) return p;
  }
  return undefined;
}
