/**
 * Clause coverage: which catalogue clauses the draft addresses, where, with which variant, and which required
 * elements each lacks. Works from section titles and the phrase hits of the one-pass scan.
 */
import type { ContractModel, Section, Span } from './types.js';
import type { Catalogue } from './catalogue.js';
import { lastAtOrBefore } from './search.js';
import type { ClauseEntry } from './catalogue-types.js';
import type { PhraseEntry } from './catalogue.js';
import type { PhraseHit } from './rules-local.js';

export interface AbsoluteHit {
  entry: number;
  start: number;
  end: number;
}

export interface ClauseDetection {
  clause: ClauseEntry;
  detected: boolean;
  /** Spans where the clause is (its sections, or the sentences that address it). */
  scopes: Span[];
  /** The span the findings about this clause point at. */
  anchor?: Span;
  /** The section the clause lives in, for insertion of missing elements. */
  section?: number;
  /** Found by a section title of its own (not only by a mention inside another section). */
  headed: boolean;
  missingElements: string[];
  variant?: string;
  /**
   * Whether the draft shows what makes the clause expected (`detection.expectedWhen`: agents that act, decisions about
   * people, an upstream open model ...); always true for a clause without such conditions.
   */
  expected: boolean;
}

/** The kinds of clause signal, in the order a clause's hits are grouped. */
const SIGNAL_KINDS = ['phrase', 'weak', 'exclude', 'trigger', 'element', 'variant', 'position'] as const;
const KIND_COUNT = SIGNAL_KINDS.length;
/** The kinds before 'element' detect a clause; element and variant hits only describe a detected one. */
const DETECTION_KINDS = SIGNAL_KINDS.indexOf('element');

/**
 * The signal hits of one chunk grouped by clause (catalogue order) and, within a clause, by kind of signal (the order
 * of SIGNAL_KINDS), each group in document order, offsets relative to the chunk; cached with the chunk. A long draft
 * has hundreds of thousands of hits, so they are numbers in one typed array: hit k is `hits[3k]` (phrase table
 * entry), `hits[3k + 1]` (start), `hits[3k + 2]` (end), and the hits of kind j of clause i are those from
 * `hits[from[i * KIND_COUNT + j]]` up to `hits[from[i * KIND_COUNT + j + 1]]`.
 */
export interface Signals {
  from: Int32Array;
  hits: Int32Array;
  /** The groups (clause × kind) that have hits, in order: most chunks signal only a few clauses. */
  groups: Int32Array;
}

export interface ChunkSignals {
  offset: number;
  signals: Signals;
}

/** Groups a chunk's phrase hits by the clause and kind they signal (rule and heading phrases are not clause signals). */
export function clauseSignals(hits: readonly PhraseHit[], table: readonly PhraseEntry[], catalogue: Catalogue): Signals {
  const groups = catalogue.clauses.length * KIND_COUNT;
  const groupOf = (entry: number): number => {
    const owner = table[entry].owner;
    if (owner.type === 'rule' || owner.type === 'heading') return -1;
    return catalogue.clauseIndex(owner.clause) * KIND_COUNT + SIGNAL_KINDS.indexOf(owner.type);
  };
  const from = new Int32Array(groups + 1);
  for (const hit of hits) {
    const g = groupOf(hit.entry);
    if (g >= 0) from[g + 1] += 3;
  }
  const nonEmpty: number[] = [];
  for (let i = 0; i < groups; i++) {
    if (from[i + 1] > 0) nonEmpty.push(i);
    from[i + 1] += from[i];
  }
  const out = new Int32Array(from[groups]);
  const next = from.slice(0, groups);
  for (const hit of hits) {
    const g = groupOf(hit.entry);
    if (g < 0) continue;
    const at = next[g];
    out[at] = hit.entry;
    out[at + 1] = hit.start;
    out[at + 2] = hit.end;
    next[g] = at + 3;
  }
  return { from, hits: out, groups: Int32Array.from(nonEmpty) };
}

const POSITION_KIND = SIGNAL_KINDS.indexOf('position');

/**
 * Visits the hits of a chunk's position triggers (the first condition group of each clause position, found by the
 * one-pass phrase scan): the clause's index in the catalogue and the hit's chunk-relative start.
 */
export function eachPositionHit(signals: Signals, visit: (clause: number, start: number) => void): void {
  const { from, hits, groups } = signals;
  for (const g of groups) {
    if (g % KIND_COUNT !== POSITION_KIND) continue;
    const clause = (g - POSITION_KIND) / KIND_COUNT;
    for (let k = from[g]; k < from[g + 1]; k += 3) visit(clause, hits[k + 1]);
  }
}

/** How many clauses are detected, and how many section titles read, between two pauses of `clauseDetectionSteps`. */
const CLAUSES_PER_STEP = 8;
const TITLES_PER_STEP = 64;
const NO_CLAUSES: readonly string[] = [];
/** Words before a trigger, in its sentence, that rule its cause out: "not", "never", "prohibited", "no". */
const RULED_OUT = /\b(?:not|never|no|nor|prohibited|forbidden|except)\b/i;

/**
 * Which catalogue clauses the draft addresses, where, and which required elements each lacks. Works in steps: pauses
 * (yields) after every few clauses, so that the language server can answer other requests meanwhile on a long draft;
 * drain it to run it in one go. `blockAt` gives the prose block containing a position (a near miss counts only in the
 * same sentence as the hit).
 */
export function* clauseDetectionSteps(
  model: ContractModel,
  chunks: readonly ChunkSignals[],
  catalogue: Catalogue,
  text: string,
  blockAt: (pos: number) => Span | undefined,
): Generator<void, ClauseDetection[], void> {
  const docLength = text.length;
  /** The near miss sits in the same sentence as the hit. */
  const sameSentence = (a: AbsoluteHit, b: AbsoluteHit): boolean => {
    const block = blockAt(a.start);
    if (!block || block !== blockAt(b.start)) return false;
    const from = Math.min(a.end, b.end);
    const to = Math.max(a.start, b.start);
    return to <= from || !/[.!?;]\s/.test(text.slice(from, to));
  };
  const table = catalogue.phraseTable();
  const sections = model.sections;
  /**
   * Visits, in document order, the hits of clause `c` of one kind of detection signal, read in place in the chunks'
   * typed arrays; stops when `visit` returns true.
   */
  // For each detection group (clause × phrase, weak or exclude), the chunks that have hits in it; element and variant
  // hits are read by someHitIn, only in the chunks a clause covers.
  const chunksWith: number[][] = [];
  chunks.forEach((chunk, i) => {
    for (const g of chunk.signals.groups) if (g % KIND_COUNT < DETECTION_KINDS) (chunksWith[g] ??= []).push(i);
  });
  const eachHit = (c: number, kind: 'phrase' | 'weak' | 'exclude' | 'trigger', visit: (entry: number, start: number, end: number) => boolean | void): void => {
    const g = c * KIND_COUNT + SIGNAL_KINDS.indexOf(kind);
    for (const i of chunksWith[g] ?? []) {
      const chunk = chunks[i];
      const { from, hits } = chunk.signals;
      for (let k = from[g]; k < from[g + 1]; k += 3) {
        if (visit(hits[k], hits[k + 1] + chunk.offset, hits[k + 2] + chunk.offset)) return;
      }
    }
  };
  /**
   * Visits, in document order, the element or variant hits of `clause` in the chunks that overlap `spans` (sorted,
   * disjoint); stops at the first visit that returns true and returns whether one did.
   */
  const someHitIn = (spans: Span[], clause: string, kind: 'element' | 'variant', visit: (entry: number, start: number, end: number) => boolean): boolean => {
    let next = 0;
    const g = catalogue.clauseIndex(clause) * KIND_COUNT + SIGNAL_KINDS.indexOf(kind);
    for (const span of spans) {
      let i = Math.max(next, lastAtOrBefore(chunks, span.start, (c) => c.offset), 0);
      for (; i < chunks.length && chunks[i].offset < span.end; i++) {
        const { from, hits } = chunks[i].signals;
        const offset = chunks[i].offset;
        for (let k = from[g]; k < from[g + 1]; k += 3) {
          if (visit(hits[k], hits[k + 1] + offset, hits[k + 2] + offset)) return true;
        }
      }
      next = Math.max(next, i);
    }
    return false;
  };
  // The clauses each section's title names (matched once per distinct title; the first time, on a long draft, that
  // is many titles and the first run of every heading pattern, so this pauses too).
  const titleClauses: (readonly string[])[] = [];
  for (const s of sections) {
    titleClauses.push(s.title ? catalogue.clausesForTitle(s.title) : NO_CLAUSES);
    if (titleClauses.length % TITLES_PER_STEP === 0) yield;
  }

  // Vocabulary inside the definitions section or inside a cross-reference ("Section 9 (Prohibited Uses)") names a
  // topic without addressing it.
  const defSection = model.definitionsSection !== undefined ? sections[model.definitionsSection] : undefined;
  const refs = model.crossReferences; // in document order
  const addresses = (start: number, end: number): boolean => {
    if (defSection && start >= defSection.start && start < defSection.end) return false;
    // The last reference starting before the hit ends must end before the hit starts.
    const idx = lastAtOrBefore(refs, end - 1, (r) => r.start);
    return idx < 0 || refs[idx].end <= start;
  };
  // Sections whose title names a clause: a passing mention of another clause's vocabulary inside them shows that
  // clause is touched on, but not that it is meant to be complete there.
  const titledFor = new Map<number, string>();
  const titledSections = new Map<string, Section[]>();
  for (const s of sections) {
    const ids = titleClauses[s.index];
    if (ids.length) titledFor.set(s.index, ids[0]);
    for (const id of ids) {
      const list = titledSections.get(id);
      if (list) list.push(s);
      else titledSections.set(id, [s]);
    }
  }
  const results: ClauseDetection[] = [];
  for (let c = 0; c < catalogue.clauses.length; c++) {
    if (c > 0 && c % CLAUSES_PER_STEP === 0) yield;
    const clause = catalogue.clauses[c];
    const exclude: AbsoluteHit[] = [];
    eachHit(c, 'exclude', (entry, start, end) => void exclude.push({ entry, start, end }));
    const scopes: Span[] = [];
    /** Adds a scope unless it repeats the last one (many hits in one section). */
    const addScope = (start: number, end: number) => {
      const last = scopes[scopes.length - 1];
      if (!last || last.start !== start || last.end !== end) scopes.push({ start, end });
    };
    let anchor: Span | undefined;
    let section: number | undefined;
    // 1. Section titles.
    for (const s of titledSections.get(clause.id) ?? []) {
      scopes.push({ start: s.start, end: s.end });
      if (!anchor) {
        anchor = { start: s.titleStart, end: s.titleEnd };
        section = s.index;
      }
    }
    // 2. Body phrases, unless a near-miss phrase sits in the same sentence.
    const headed = scopes.length > 0;
    let ownSection = headed;
    eachHit(c, 'phrase', (entry, start, end) => {
      if (!addresses(start, end)) return;
      if (exclude.length) {
        const hit = { entry, start, end };
        if (nearby(exclude, hit).some((x) => sameSentence(hit, x))) return;
      }
      const s = innermostSection(sections, start);
      if (s) addScope(s.start, s.end);
      else addScope(Math.max(0, start - 400), Math.min(docLength, end + 400));
      const owner = s ? (titledFor.get(s.index) ?? (s.parent !== undefined ? titledFor.get(s.parent) : undefined)) : undefined;
      if (!owner || owner === clause.id) ownSection = true;
      if (!anchor) {
        anchor = { start, end };
        section = s?.index;
      }
    });
    // 3. Weak vocabulary: enough different weak phrases inside one section.
    if (!anchor && clause.detection.weak?.length) {
      const need = clause.detection.minWeak ?? 2;
      const perSection = new Map<number, Set<number>>();
      eachHit(c, 'weak', (entry, start, end) => {
        if (!addresses(start, end)) return false;
        const s = innermostSection(sections, start);
        const top = s ? topicSection(sections, s) : undefined;
        // Vocabulary scattered through the whole agreement climbs to the document title: that is no topic.
        const key = top && !(top.kind === 'heading' && top.level === 1) ? top.index : -1;
        const set = perSection.get(key) ?? new Set<number>();
        set.add(entry);
        perSection.set(key, set);
        if (set.size >= need && key >= 0) {
          const sec = sections[key];
          scopes.push({ start: sec.start, end: sec.end });
          anchor = { start: sec.titleStart, end: sec.titleEnd };
          section = key;
          ownSection = true;
          return true;
        }
        return false;
      });
    }
    const detected = scopes.length > 0;
    const merged = mergeSpans(scopes);
    const missingElements: string[] = [];
    let variant: string | undefined;
    const within = (start: number, end: number) => {
      const sc = merged[lastAtOrBefore(merged, start, (m) => m.start)];
      return !!sc && end <= sc.end;
    };
    if (detected) {
      for (const element of clause.elements) {
        // Completeness is judged only where the clause has a place of its own.
        if (!element.required || !ownSection) continue;
        const found = someHitIn(merged, clause.id, 'element', (entry, start, end) => {
          const owner = table[entry].owner;
          return owner.type === 'element' && owner.element === element.id && within(start, end);
        });
        if (!found) missingElements.push(element.id);
      }
      someHitIn(merged, clause.id, 'variant', (entry, start, end) => {
        if (!within(start, end)) return false;
        const owner = table[entry].owner;
        if (owner.type === 'variant') variant = owner.variant;
        return true;
      });
    }
    let expected = true;
    if (clause.detection.expectedWhen?.length) {
      expected = false;
      // A cause named only to be ruled out ("must not be used for decisions about individuals") does not count.
      eachHit(c, 'trigger', (_entry, start) => {
        const block = blockAt(start);
        const from = block ? Math.max(block.start, start - 300) : Math.max(0, start - 300);
        const before = text.slice(from, start);
        const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('\n')) + 1);
        if (RULED_OUT.test(sentence)) return false;
        expected = true;
        return true;
      });
    }
    results.push({ clause, detected, scopes: merged, anchor, section, missingElements, variant, headed, expected });
  }
  return results;
}

/** Sorted, disjoint spans covering the same text (a clause mentioned many times in one section has one scope). */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Hits (sorted by start) that start within one sentence's reach of `hit`. */
function nearby(sorted: AbsoluteHit[], hit: AbsoluteHit): AbsoluteHit[] {
  const out: AbsoluteHit[] = [];
  for (let i = Math.max(0, lastAtOrBefore(sorted, hit.start - 800, (h) => h.start)); i < sorted.length && sorted[i].start <= hit.end + 800; i++) out.push(sorted[i]);
  return out;
}

/** The deepest section that contains `pos`. Sections are in document order; a binary search finds the last start. */
export function innermostSection(sections: Section[], pos: number): Section | undefined {
  for (let i = lastAtOrBefore(sections, pos, (s) => s.start); i >= 0; ) {
    const s = sections[i];
    if (s.end > pos) return s;
    if (s.parent === undefined) return undefined;
    i = s.parent;
  }
  return undefined;
}

/** The section that carries a topic: the innermost one with a title that is not just a "short version" style note. */
function topicSection(sections: Section[], s: Section): Section {
  let cur = s;
  while (cur.parent !== undefined && (!cur.title || cur.kind === 'run-in')) cur = sections[cur.parent];
  return cur;
}
