/**
 * Rules that need the whole document: defined terms (undefined, unused, duplicate, wrong case), cross-references,
 * consistency of efforts standards and obligation verbs. They read the document facts assembled from the chunk
 * caches plus a term-usage scan that is itself cached per chunk.
 */
import type { ContractModel, Definition, Section } from './types.js';
import type { CapitalRunFact } from './text-facts.js';
import type { LocalFinding } from './rules-local.js';
import { parseNumberedTitle } from './model.js';
import { lastAtOrBefore } from './search.js';
import { memoize } from './memo.js';

export interface RawFinding {
  rule: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
  /** Set when already known (local findings cache theirs with the chunk). */
  excerpt?: string;
  message?: string;
}

export interface TermUse {
  /** Index into the sorted term list. */
  term: number;
  start: number;
  end: number;
  /** The text as written (differs from the term in case for case mismatches). */
  text: string;
}

/** Leading words that are not part of a capitalised term. */
const LEADING = new Set(
  'The This That These Those Each Any All Such Our Your Their Its A An In If For By On At To Upon Unless Except Where When Whether Neither Either No As Without With Under Subject During After Before Notwithstanding Nothing Both Other Another And Or But Following Within From Of Between Including Also Only Once While Although Because Since Until Every Some Any Most Many Section Sections Clause Article Schedule Exhibit Annex Appendix Paragraph Part'.split(
    ' ',
  ),
);
const NOT_TERMS =
  /(?:^|\s)(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|United|States|Kingdom|European|Union|America|England|Wales|Scotland|Ireland|California|Delaware|New York|Washington|Act|Regulation|Directive|Convention|Code|Court|Courts|Commission|Council|Parliament|Government|Inc|Ltd|LLC|GmbH|Corporation|Company|University|Foundation|Microsoft|Google|Amazon|GitHub|Apple|Meta|OpenAI|Anthropic|Commons|Creative|Privacy Shield|Terms of Service|Terms of Use|Privacy Statement|Privacy Policy|Acceptable Use|Standard Contractual Clauses)(?:\s|$)/;

const DOCUMENT_AFTER = /^[ \u00a0]{1,3}(?:policy|policies|Policy|Policies|Agreement|Terms|Statement|Notice|Addendum|Guidelines|Program|Programme|Act|page|Page)\b/;

/** Pronoun "definitions" ("you" ("You")) are conventional in consumer terms; they are not checked. */
const PRONOUNS = new Set(['You', 'Your', 'We', 'Us', 'Our', 'I', 'Me', 'My']);

/** What the document rules read of each chunk. */
export interface RuleChunk {
  offset: number;
  /** Chunk-relative; the array's identity keys a cache, so it must not change while the chunk is unchanged. */
  capitalRuns: readonly CapitalRunFact[];
  mask: string;
  /** Uses of defined terms in the chunk, chunk-relative and sorted; the same array while the chunk and terms are unchanged. */
  termUses: readonly TermUse[];
  /** Where the chunk defines terms (chunk-relative). */
  definitions: readonly { start: number; end: number }[];
}

export interface DocumentRuleInput {
  model: ContractModel;
  chunks: readonly RuleChunk[];
  /** The defined terms, as indexed by TermUse.term. */
  terms: string[];
  /** The local findings about efforts standards ("vague-efforts", "efforts-standard"), in document order. */
  effortsLocals: LocalFinding[];
  markers: Record<string, number>;
  externalDefinitions: number;
  linkedTerms: Set<string>;
  partyNames: string[];
  /** Where document-level findings point. */
  anchor: { start: number; end: number };
  /** Every section title in lower case, NUL-separated. */
  sectionTitles: string;
}

export function documentFindings(input: DocumentRuleInput): RawFinding[] {
  const out: RawFinding[] = [];
  definitionRules(input, out);
  crossReferenceRules(input.model, out);
  effortsConsistency(input.effortsLocals, out);
  verbConsistency(input, out);
  return out;
}

function normaliseTerm(t: string): string {
  return t.toLowerCase().replace(/['’]s$/, '').replace(/(?:ies)$/, 'y').replace(/(?<=[a-z])s$/, '');
}

function definitionRules(input: DocumentRuleInput, out: RawFinding[]): void {
  const { model, terms } = input;
  const defs = model.definitions;
  // duplicate-definition (singular and plural count as one term).
  const firstByNorm = new Map<string, Definition>();
  for (const d of defs) {
    const key = normaliseTerm(d.term);
    const first = firstByNorm.get(key);
    if (PRONOUNS.has(d.term)) continue;
    if (!first) firstByNorm.set(key, d);
    else if (first.start !== d.start) out.push({ rule: 'duplicate-definition', start: d.start, end: d.end, data: { term: d.term, firstAt: first.start } });
  }
  // unused-definition and definition-case-mismatch from the term uses of each chunk.
  const usedOutsideDefinition = new Set<number>();
  for (const chunk of input.chunks) {
    const uses = chunkTermUses(chunk, terms);
    for (const t of uses.used) usedOutsideDefinition.add(t);
    for (const m of uses.mismatches) {
      out.push({ rule: 'definition-case-mismatch', start: chunk.offset + m.start, end: chunk.offset + m.end, data: { term: terms[m.term], text: m.text } });
    }
  }
  const termIndex = new Map(terms.map((t, i) => [t, i] as const));
  const reported = new Set<string>();
  for (const d of defs) {
    const idx = termIndex.get(d.term);
    if (idx === undefined || usedOutsideDefinition.has(idx) || reported.has(d.term)) continue;
    // Party names, pronouns and abbreviations ("GDPR", "UK GDPR") are conventionally defined even when not reused.
    if (input.partyNames.includes(d.term) || PRONOUNS.has(d.term) || /^[A-Z0-9]{2,8}s?(?: [A-Z0-9]{2,8}s?)*$/.test(d.term)) continue;
    // Terms defined "for use on the Cover Page" are legitimately unused in standard terms.
    if (input.externalDefinitions > 0 && /\b(?:Cover Page|Order Form)\b/.test(d.term)) continue;
    reported.add(d.term);
    out.push({ rule: 'unused-definition', start: d.start, end: d.end, data: { term: d.term } });
  }
  undefinedTerms(input, out);
}

/** What a chunk's term uses say about the defined terms: which are used outside their definitions, and uses in another case. */
interface ChunkTermUses {
  used: number[];
  mismatches: { term: number; start: number; end: number; text: string }[];
}

/** Keyed by the chunk's term-use array, which is replaced whenever the chunk or the defined terms change. */
const termUseCache = new WeakMap<readonly TermUse[], ChunkTermUses>();

function chunkTermUses(chunk: RuleChunk, terms: string[]): ChunkTermUses {
  const cached = termUseCache.get(chunk.termUses);
  if (cached) return cached;
  const used = new Set<number>();
  const mismatches: ChunkTermUses['mismatches'] = [];
  // A use inside a definition is the definition itself (definitions and their uses never cross chunks).
  const defSpans = [...chunk.definitions].sort((a, b) => a.start - b.start);
  const longest = defSpans.reduce((n, d) => Math.max(n, d.end - d.start), 0);
  const isDefinitionSite = (start: number) => {
    for (let i = lastAtOrBefore(defSpans, start, (d) => d.start); i >= 0 && defSpans[i].start > start - longest; i--) {
      if (start < defSpans[i].end) return true;
    }
    return false;
  };
  for (const use of chunk.termUses) {
    if (isDefinitionSite(use.start)) continue;
    const term = terms[use.term];
    // Any use counts as a use; a use in another case is a separate question (definition-case-mismatch).
    used.add(use.term);
    if (use.text === term || (use.text.toLowerCase() === term.toLowerCase() && use.text[0] === term[0] && use.text.slice(1) === term.slice(1))) continue;
    if (sameButPlural(use.text, term)) continue;
    // Case differs. ALL-CAPS disclaimers and one-word terms are left alone (a lower-case "services" may be meant).
    if (use.text === use.text.toUpperCase()) continue;
    // Only mixed-case variants ("Pre-Release Materials" for "Pre-release Materials"): an all-lower-case use such as
    // "cloud services" is often meant generically, and flagging it would cry wolf.
    // The first word must be capitalised: "model Provider" is a word followed by a party name, not a variant.
    if (!term.includes(' ') || use.text.toLowerCase() === use.text || !/^[A-Z]/.test(use.text)) continue;
    if (sameIgnoringFirst(use.text, term)) mismatches.push({ term: use.term, start: use.start, end: use.end, text: use.text });
  }
  const result = { used: [...used], mismatches };
  termUseCache.set(chunk.termUses, result);
  return result;
}

function sameButPlural(text: string, term: string): boolean {
  return text === `${term}s` || text === `${term}es` || (term.endsWith('y') && text === `${term.slice(0, -1)}ies`) || text === `${term}’s` || text === `${term}'s`;
}

function sameIgnoringFirst(text: string, term: string): boolean {
  // "customer Data" vs "Customer Data": differs beyond sentence-initial capitalisation.
  return text.toLowerCase() === term.toLowerCase() && text !== term;
}

/**
 * A capitalised run that could be an undefined term, with everything that depends only on its chunk worked out
 * once and cached with the chunk: the term without leading words, its normal form, the normal forms of its
 * sub-phrases (a run containing a defined term uses that term) and whether a document name follows it.
 */
interface TermCandidate {
  run: CapitalRunFact;
  term: string;
  /** Offset of the term within the chunk. */
  start: number;
  norm: string;
  subNorms: string[];
}

const candidateCache = new WeakMap<readonly CapitalRunFact[], TermCandidate[]>();

function termCandidates(chunk: RuleChunk): TermCandidate[] {
  const cached = candidateCache.get(chunk.capitalRuns);
  if (cached) return cached;
  const out: TermCandidate[] = [];
  for (const run of chunk.capitalRuns) {
    const words = run.text.split(' ');
    let i = 0;
    while (i < words.length && LEADING.has(words[i])) i++;
    if (words.length - i < 2) continue;
    const term = words.slice(i).join(' ');
    if (NOT_TERMS.test(term)) continue;
    const start = run.start + run.text.indexOf(term);
    // The name of another document ("our Fair Refund policy", "the Privacy Statement") is a title, not a term.
    const after = start + term.length;
    if (DOCUMENT_AFTER.test(chunk.mask.slice(after, after + 24))) continue;
    const norm = normaliseTerm(term);
    const normWords = norm.split(' ');
    const subNorms: string[] = [];
    for (let a = 0; a < normWords.length; a++) {
      for (let b = a + 2; b <= normWords.length; b++) subNorms.push(normaliseTerm(normWords.slice(a, b).join(' ')));
    }
    out.push({ run, term, start, norm, subNorms });
  }
  candidateCache.set(chunk.capitalRuns, out);
  return out;
}

/** Capitalised runs of one chunk that could be undefined terms, grouped by normal form (first run, count, articled). */
interface CandidateGroup {
  term: string;
  /** Chunk-relative start of the first run. */
  start: number;
  count: number;
  /** One of the runs follows an article inside a sentence ("the Service Credit Pool"). */
  articled: boolean;
}

const groupCache = new WeakMap<readonly CapitalRunFact[], { definedKey: string; uses: readonly TermUse[]; groups: Map<string, CandidateGroup> }>();

/**
 * The candidates of a chunk that neither are nor contain a defined term nor sit inside a use of a longer defined term,
 * grouped; cached for the last set of defined terms and term uses seen.
 */
function chunkGroups(chunk: RuleChunk, defined: Set<string>, definedKey: string): Map<string, CandidateGroup> {
  const cached = groupCache.get(chunk.capitalRuns);
  if (cached?.definedKey === definedKey && cached.uses === chunk.termUses) return cached.groups;
  const uses = chunk.termUses;
  // Occurrences inside a use of a longer defined term ("Additional Products" in "Additional Products and Features") do not count.
  const insideUse = (start: number, end: number): boolean => {
    const idx = lastAtOrBefore(uses, start, (u) => u.start);
    return idx >= 0 && uses[idx].end >= end;
  };
  const groups = new Map<string, CandidateGroup>();
  for (const c of termCandidates(chunk)) {
    // Containing a defined term: "Customer Data Export" uses "Customer Data" (every run of 2+ words is checked).
    if (defined.has(c.norm) || c.subNorms.some((n) => defined.has(n))) continue;
    if (insideUse(c.start, c.start + c.term.length)) continue;
    const articled = c.run.articled && !c.run.sentenceStart;
    const group = groups.get(c.norm);
    if (group) {
      group.count++;
      group.articled ||= articled;
    } else groups.set(c.norm, { term: c.term, start: c.start, count: 1, articled });
  }
  groupCache.set(chunk.capitalRuns, { definedKey, uses: chunk.termUses, groups });
  return groups;
}

function undefinedTerms(input: DocumentRuleInput, out: RawFinding[]): void {
  const { model } = input;
  if (model.definitions.length < 3) return; // a draft that does not use definitions is not judged by them
  const defined = new Set<string>();
  for (const d of model.definitions) defined.add(normaliseTerm(d.term));
  for (const t of input.linkedTerms) defined.add(normaliseTerm(t));
  for (const p of input.partyNames) defined.add(normaliseTerm(p));
  const definedKey = [...defined].sort().join('\u0000');
  const groups = new Map<string, { term: string; start: number; count: number; articled: boolean }>();
  for (const chunk of input.chunks) {
    for (const [norm, g] of chunkGroups(chunk, defined, definedKey)) {
      const group = groups.get(norm);
      if (group) {
        group.count += g.count;
        group.articled ||= g.articled;
      } else groups.set(norm, { term: g.term, start: chunk.offset + g.start, count: g.count, articled: g.articled });
    }
  }
  const severityHint = input.externalDefinitions > 0 ? 'downgrade' : undefined;
  for (const [norm, group] of groups) {
    if (group.count < 2 || !group.articled) continue;
    // A phrase named in a section title is a heading, not an undefined term.
    if (namedInTitle(input.sectionTitles, norm)) continue;
    out.push({
      rule: 'undefined-term',
      start: group.start,
      end: group.start + group.term.length,
      data: { term: group.term, uses: group.count, downgrade: severityHint ?? (group.count < 3 ? 'downgrade' : undefined) },
    });
  }
}

let titleChecks: { titles: string; named: Map<string, boolean> } = { titles: '', named: new Map() };

/** True when `norm` occurs in one of the titles (remembered per phrase while the titles are unchanged). */
function namedInTitle(titles: string, norm: string): boolean {
  if (titleChecks.titles !== titles) titleChecks = { titles, named: new Map() };
  let named = titleChecks.named.get(norm);
  if (named === undefined) titleChecks.named.set(norm, (named = titles.includes(norm)));
  return named;
}

function crossReferenceRules(model: ContractModel, out: RawFinding[]): void {
  let numbered = 0;
  for (const s of model.sections) if (s.number && startsWithDigit(s.number) && ++numbered >= 3) break;
  if (numbered < 3) return; // without numbered sections there is nothing to resolve against
  let byTitle: Map<string, Section[]> | undefined;
  /** Numbered sections whose title has the same significant words as `title`. */
  const sectionsWithTitle = (title: string): Section[] => {
    if (!byTitle) {
      byTitle = new Map();
      for (const s of model.sections) {
        if (!s.number) continue;
        const key = sectionTitleKey(s.title);
        const list = byTitle.get(key);
        if (list) list.push(s);
        else byTitle.set(key, [s]);
      }
    }
    return byTitle.get(titleKey(title)) ?? [];
  };
  for (const ref of model.crossReferences) {
    if (ref.external) continue;
    if (ref.kind !== 'Section' && ref.kind !== 'Clause' && ref.kind !== 'Article' && ref.kind !== 'Paragraph') continue;
    if (!startsWithDigit(ref.target)) continue;
    if (ref.resolved === undefined) {
      const candidates = ref.title ? sectionsWithTitle(ref.title) : [];
      out.push({ rule: 'dangling-cross-reference', start: ref.start, end: ref.end, data: { target: ref.target, kind: ref.kind, title: ref.title, candidates: candidates.map((s) => s.number) } });
      continue;
    }
    if (!ref.title) continue;
    const target = model.sections[ref.resolved];
    if (!target.title || titleMatches(ref.title, target, model)) continue;
    const candidates = sectionsWithTitle(ref.title).filter((s) => s.index !== target.index);
    out.push({
      rule: 'cross-reference-title-mismatch',
      start: ref.start,
      end: ref.end,
      data: { target: ref.target, kind: ref.kind, title: ref.title, actualTitle: target.title, candidates: candidates.map((s) => s.number) },
    });
  }
}

function startsWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'for', 'in', 'on', 'by', 'with', 'from', 'its', 'our', 'your']);

/** Significant words of a title, singular and lower case; memoised, since titles repeat on every edit. */
const titleWords = memoize(computeTitleWords);

/** The significant words of a title as one string (memoised: the same string object for the same title). */
const titleKey = memoize((title: string) => titleWords(title).join(' '));
const sectionTitleKey = memoize((title: string) => titleKey(parseNumberedTitle(title).title));

function computeTitleWords(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w))
    .map((w) => w.replace(/(?:ies)$/, 'y').replace(/(?<=[a-z]{3})s$/, ''));
}

export function titleMatches(refTitle: string, target: { title: string; parent?: number }, model: ContractModel): boolean {
  const ref = titleWords(refTitle);
  if (ref.length === 0) return true;
  const own = new Set(titleWords(target.title));
  // Composite titles: "Representations & Warranties from Provider" for 6.3 "From Provider" under 6 "Representations & Warranties".
  let cur = target.parent;
  for (let depth = 0; cur !== undefined && depth < 3; depth++) {
    for (const w of titleWords(model.sections[cur].title)) own.add(w);
    cur = model.sections[cur].parent;
  }
  const hits = ref.filter((w) => own.has(w)).length;
  return hits / ref.length >= 0.6;
}


function effortsConsistency(locals: LocalFinding[], out: RawFinding[]): void {
  const variants = new Map<string, LocalFinding>();
  for (const f of locals) {
    if (f.rule !== 'vague-efforts' && f.rule !== 'efforts-standard') continue;
    const key = String(f.data?.text ?? '').toLowerCase().replace(/\s+/g, ' ');
    if (!variants.has(key)) variants.set(key, f);
  }
  if (variants.size < 2) return;
  // The standard to converge on is plain "reasonable efforts" when the draft uses it, else the first one used.
  const all = [...variants.entries()];
  const keep = variants.has('reasonable efforts') ? 'reasonable efforts' : variants.has('reasonable endeavours') ? 'reasonable endeavours' : all[0][0];
  for (const [key, f] of all) {
    if (key === keep) continue;
    out.push({ rule: 'efforts-inconsistency', start: f.start, end: f.end, data: { text: key, others: all.map(([k]) => k).filter((k) => k !== key) } });
  }
}

function verbConsistency(input: DocumentRuleInput, out: RawFinding[]): void {
  // Only obligations of parties count; a rough but safe signal: both verbs used often with a party name before them.
  const shall = input.markers['partyShall'] ?? 0;
  const will = input.markers['partyWill'] ?? 0;
  if (shall >= 3 && will >= 3) {
    const minority = shall < will ? 'shall' : 'will';
    const anchor = input.anchor;
    out.push({ rule: 'mixed-obligation-verbs', start: anchor.start, end: anchor.end, data: { shall, will, dominant: minority === 'shall' ? 'will' : 'shall' } });
  }
}
