/**
 * A capitalised phrase used like a defined term (at least twice, once after an article inside a sentence) that the
 * agreement does not define. Judged only in drafts with at least three definitions.
 */
import type { CapitalRunFact } from '../text-facts.js';
import type { RawFinding, Rule, RuleChunk, TermUse } from './types.js';
import { lastAtOrBefore } from '../search.js';
import { byIdentity, byIdentityWhile } from '../incremental/derived.js';
import { defineTermFix } from '../fixes.js';
import { normaliseTerm } from './support/terms.js';

/** Leading words that are not part of a capitalised term. */
const LEADING = new Set(
  'The This That These Those Each Any All Such Our Your Their Its A An In If For By On At To Upon Unless Except Where When Whether Neither Either No As Without With Under Subject During After Before Notwithstanding Nothing Both Other Another And Or But Following Within From Of Between Including Also Only Once While Although Because Since Until Every Some Any Most Many Section Sections Clause Article Schedule Exhibit Annex Appendix Paragraph Part'.split(
    ' ',
  ),
);
const NOT_TERMS =
  /(?:^|\s)(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|United|States|Kingdom|European|Union|America|England|Wales|Scotland|Ireland|California|Delaware|New York|Washington|Act|Regulation|Directive|Convention|Code|Court|Courts|Commission|Council|Parliament|Government|Inc|Ltd|LLC|GmbH|Corporation|Company|University|Foundation|Microsoft|Google|Amazon|GitHub|Apple|Meta|OpenAI|Anthropic|Commons|Creative|Privacy Shield|Terms of Service|Terms of Use|Privacy Statement|Privacy Policy|Acceptable Use|Standard Contractual Clauses)(?:\s|$)/;

const DOCUMENT_AFTER = /^[ \u00a0]{1,3}(?:policy|policies|Policy|Policies|Agreement|Terms|Statement|Notice|Addendum|Guidelines|Program|Programme|Act|page|Page)\b/;

/**
 * A capitalised run that could be an undefined term, with everything that depends only on its chunk worked out
 * once per chunk: the term without leading words, its normal form, the normal forms of its sub-phrases (a run
 * containing a defined term uses that term) and whether a document name follows it.
 */
interface TermCandidate {
  run: CapitalRunFact;
  term: string;
  /** Offset of the term within the chunk. */
  start: number;
  norm: string;
  subNorms: string[];
}

/** Kept per chunk with its capital-run array. */
const candidatesOf = byIdentity((chunk: RuleChunk): TermCandidate[] => {
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
  return out;
});

/** Capitalised runs of one chunk that could be undefined terms, grouped by normal form (first run, count, articled). */
interface CandidateGroup {
  term: string;
  /** Chunk-relative start of the first run. */
  start: number;
  count: number;
  /** One of the runs follows an article inside a sentence ("the Service Credit Pool"). */
  articled: boolean;
}

/**
 * The candidates of a chunk that neither are nor contain a defined term nor sit inside a use of a longer defined term,
 * grouped; kept per chunk for the last set of defined terms and term uses seen.
 */
const groupsOf = byIdentityWhile((chunk: RuleChunk, defined: Set<string>): Map<string, CandidateGroup> => {
  const uses: readonly TermUse[] = chunk.termUses;
  // Occurrences inside a use of a longer defined term ("Additional Products" in "Additional Products and Features") do not count.
  const insideUse = (start: number, end: number): boolean => {
    const idx = lastAtOrBefore(uses, start, (u) => u.start);
    return idx >= 0 && uses[idx].end >= end;
  };
  const groups = new Map<string, CandidateGroup>();
  for (const c of candidatesOf(chunk.capitalRuns, chunk)) {
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
  return groups;
});

let titleChecks: { titles: string; named: Map<string, boolean> } = { titles: '', named: new Map() };

/** True when `norm` occurs in one of the titles (remembered per phrase while the titles are unchanged). */
function namedInTitle(titles: string, norm: string): boolean {
  if (titleChecks.titles !== titles) titleChecks = { titles, named: new Map() };
  let named = titleChecks.named.get(norm);
  if (named === undefined) titleChecks.named.set(norm, (named = titles.includes(norm)));
  return named;
}

export const rule: Rule = {
  id: 'undefined-term',
  scope: 'document',
  detect(input, out: RawFinding[]) {
    const { model } = input;
    if (model.definitions.length < 3) return; // a draft that does not use definitions is not judged by them
    const defined = new Set<string>();
    for (const d of model.definitions) defined.add(normaliseTerm(d.term));
    for (const t of input.linkedTerms) defined.add(normaliseTerm(t));
    for (const p of input.partyNames) defined.add(normaliseTerm(p));
    const definedKey = [...defined].sort().join('\u0000');
    const groups = new Map<string, { term: string; start: number; count: number; articled: boolean }>();
    for (const chunk of input.chunks) {
      for (const [norm, g] of groupsOf(chunk.capitalRuns, [definedKey, chunk.termUses], chunk, defined)) {
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
  },
  message: (d) => `"${d.term}" is capitalised like a defined term (used ${d.uses}×) but is not defined.`,
  fixes({ analysis, data, snippets }) {
    const f = defineTermFix(analysis, String(data.term), snippets);
    return f ? [f] : [];
  },
};
