/**
 * Clause coverage: which catalogue clauses the draft addresses, where, with which variant, and which required
 * elements each lacks. Works from section titles and the phrase hits of the one-pass scan.
 */
import type { ContractModel, Section, Span } from './types.js';
import type { Catalogue } from './catalogue.js';
import { lastAtOrBefore } from './search.js';
import type { ClauseEntry } from './catalogue-types.js';

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
}

/** Signal hits of one chunk, with offsets relative to the chunk. */
export interface ChunkHits {
  offset: number;
  hits: readonly { entry: number; start: number; end: number }[];
}

/**
 * Element and variant hits, the most numerous signals, kept as parallel number arrays (absolute offsets) so that a
 * long draft does not allocate an object per hit on every edit.
 */
class HitList {
  readonly entries: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  push(entry: number, start: number, end: number): void {
    this.entries.push(entry);
    this.starts.push(start);
    this.ends.push(end);
  }
}

interface ClauseSignals {
  phrase: AbsoluteHit[];
  weak: AbsoluteHit[];
  exclude: AbsoluteHit[];
  element: HitList;
  variant: HitList;
}

export function detectClauses(model: ContractModel, chunks: readonly ChunkHits[], catalogue: Catalogue, text: string, blocks: { start: number; end: number }[]): ClauseDetection[] {
  const docLength = text.length;
  const blockOf = (pos: number): number => {
    const idx = lastAtOrBefore(blocks, pos, (b) => b.start);
    return idx >= 0 && blocks[idx].end > pos ? idx : -1;
  };
  /** The near miss sits in the same sentence as the hit. */
  const sameSentence = (a: AbsoluteHit, b: AbsoluteHit): boolean => {
    const block = blockOf(a.start);
    if (block < 0 || block !== blockOf(b.start)) return false;
    const from = Math.min(a.end, b.end);
    const to = Math.max(a.start, b.start);
    return to <= from || !/[.!?;]\s/.test(text.slice(from, to));
  };
  const table = catalogue.phraseTable();
  const sections = model.sections;
  const byClause = new Map<string, ClauseSignals>();
  const bucket = (id: string) => {
    let b = byClause.get(id);
    if (!b) byClause.set(id, (b = emptySignals()));
    return b;
  };
  for (const chunk of chunks) {
    const offset = chunk.offset;
    for (const hit of chunk.hits) {
      const owner = table[hit.entry].owner;
      const start = hit.start + offset;
      const end = hit.end + offset;
      if (owner.type === 'element') bucket(owner.clause).element.push(hit.entry, start, end);
      else if (owner.type === 'variant') bucket(owner.clause).variant.push(hit.entry, start, end);
      else if (owner.type === 'phrase') bucket(owner.clause).phrase.push({ entry: hit.entry, start, end });
      else if (owner.type === 'weak') bucket(owner.clause).weak.push({ entry: hit.entry, start, end });
      else if (owner.type === 'exclude') bucket(owner.clause).exclude.push({ entry: hit.entry, start, end });
    }
  }
  const titleClauses = sections.map((s) => (s.title ? catalogue.clausesForTitle(s.title) : []));

  // Vocabulary inside the definitions section or inside a cross-reference ("Section 9 (Prohibited Uses)") names a
  // topic without addressing it.
  const defSection = model.definitionsSection !== undefined ? sections[model.definitionsSection] : undefined;
  const refs = model.crossReferences; // in document order
  const addresses = (h: AbsoluteHit): boolean => {
    if (defSection && h.start >= defSection.start && h.start < defSection.end) return false;
    // The last reference starting before the hit ends must end before the hit starts.
    const idx = lastAtOrBefore(refs, h.end - 1, (r) => r.start);
    return idx < 0 || refs[idx].end <= h.start;
  };
  // Sections whose title names a clause: a passing mention of another clause's vocabulary inside them shows that
  // clause is touched on, but not that it is meant to be complete there.
  const titledFor = new Map<number, string>();
  for (const s of sections) if (titleClauses[s.index].length) titledFor.set(s.index, titleClauses[s.index][0]);
  const results: ClauseDetection[] = [];
  for (const clause of catalogue.clauses) {
    const b = byClause.get(clause.id) ?? emptySignals();
    const scopes: Span[] = [];
    let anchor: Span | undefined;
    let section: number | undefined;
    // 1. Section titles.
    for (const s of sections) {
      if (titleClauses[s.index].includes(clause.id)) {
        scopes.push({ start: s.start, end: s.end });
        if (!anchor) {
          anchor = { start: s.titleStart, end: s.titleEnd };
          section = s.index;
        }
      }
    }
    // 2. Body phrases, unless a near-miss phrase sits in the same sentence.
    const headed = scopes.length > 0;
    let ownSection = headed;
    for (const hit of b.phrase) {
      if (!addresses(hit)) continue;
      if (b.exclude.length && nearby(b.exclude, hit).some((x) => sameSentence(hit, x))) continue;
      const s = innermostSection(sections, hit.start);
      scopes.push(s ? { start: s.start, end: s.end } : { start: Math.max(0, hit.start - 400), end: Math.min(docLength, hit.end + 400) });
      const owner = s ? (titledFor.get(s.index) ?? (s.parent !== undefined ? titledFor.get(s.parent) : undefined)) : undefined;
      if (!owner || owner === clause.id) ownSection = true;
      if (!anchor) {
        anchor = { start: hit.start, end: hit.end };
        section = s?.index;
      }
    }
    // 3. Weak vocabulary: enough different weak phrases inside one section.
    if (!anchor && clause.detection.weak?.length) {
      const need = clause.detection.minWeak ?? 2;
      const perSection = new Map<number, Set<number>>();
      for (const hit of b.weak) {
        if (!addresses(hit)) continue;
        const s = innermostSection(sections, hit.start);
        const top = s ? topicSection(sections, s) : undefined;
        // Vocabulary scattered through the whole agreement climbs to the document title: that is no topic.
        const key = top && !(top.kind === 'heading' && top.level === 1) ? top.index : -1;
        const set = perSection.get(key) ?? new Set<number>();
        set.add(hit.entry);
        perSection.set(key, set);
        if (set.size >= need && key >= 0) {
          const sec = sections[key];
          scopes.push({ start: sec.start, end: sec.end });
          anchor = { start: sec.titleStart, end: sec.titleEnd };
          section = key;
          ownSection = true;
          break;
        }
      }
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
        const hits = b.element;
        let found = false;
        for (let i = 0; i < hits.entries.length && !found; i++) {
          const owner = table[hits.entries[i]].owner;
          found = owner.type === 'element' && owner.element === element.id && within(hits.starts[i], hits.ends[i]);
        }
        if (!found) missingElements.push(element.id);
      }
      const variants = b.variant;
      for (let i = 0; i < variants.entries.length; i++) {
        if (!within(variants.starts[i], variants.ends[i])) continue;
        const owner = table[variants.entries[i]].owner;
        if (owner.type === 'variant') variant = owner.variant;
        break;
      }
    }
    results.push({ clause, detected, scopes: merged, anchor, section, missingElements, variant, headed });
  }
  return results;
}

function emptySignals(): ClauseSignals {
  return { phrase: [], weak: [], exclude: [], element: new HitList(), variant: new HitList() };
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
