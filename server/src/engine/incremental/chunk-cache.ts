/**
 * The per-chunk cache of one document (see README.md in this folder): each chunk's parse, text facts, phrase scan,
 * clause signals, chunk-rule findings (chunk-relative, with their messages), term uses, and the same findings placed
 * at the chunk's last offset with the findings made from them for the last configuration.
 */
import type { Finding } from '../types.js';
import type { ResolvedConfig } from '../config.js';
import type { Catalogue } from '../catalogue.js';
import type { PlacedChunk } from '../model.js';
import type { LocalFinding, PhraseHit, RuleChunk, TermUse } from '../rules/types.js';
import { splitChunks, frontMatterEnd } from '../chunks.js';
import { parseChunk, type ChunkFacts } from '../parse.js';
import { extractTextFacts, type TextFacts } from '../text-facts.js';
import { WordIndex, RunMatcher } from '../phrases.js';
import { localFindings } from '../rules-local.js';
import { clauseSignals, type ChunkSignals, type Signals } from '../clauses.js';
import { ruleMessage } from '../messages.js';
import { offsetKeysOf, readByDocumentRules } from '../rules/registry.js';

/** Everything cached for one chunk text. Every field is set from the start: entries keep one shape. */
export interface ChunkEntry {
  /** The chunk's text (also its key in the cache). */
  source: string;
  facts: ChunkFacts;
  text: TextFacts;
  catalogueId?: number;
  /** The phrase hits that signal clauses, by clause (chunk-relative). */
  signals?: Signals;
  locals?: LocalFinding[];
  /** Why the chunk rules failed on this chunk, if they did (reported with every analysis that uses it). */
  localError?: string;
  termsKey?: string;
  termUses?: TermUse[];
  /**
   * The local findings with document offsets, for the offset they were placed at last: a chunk before the edit keeps
   * its offset and reuses them (the objects are never changed once made); those some document rule reads; and the
   * findings made from them for a configuration (null: rule off).
   */
  placedLocals?: { offset: number; locals: LocalFinding[]; read: LocalFinding[]; config?: ResolvedConfig; made?: (Finding | null | undefined)[] };
}

/** A chunk of this version: where it starts, and its cache entry. */
export type PlacedEntry = PlacedChunk & { entry: ChunkEntry };

export interface Span {
  start: number;
  end: number;
  /** The chunk's text: a string the cache already holds when the chunk is unchanged. */
  key: string;
}

/** How the cache reports a failing phase (the analyzer logs once and reports it with the analysis). */
export interface CacheHooks {
  faulty(name: string): boolean;
  logOnce(name: string, error: unknown): string;
}

const NO_USES: readonly TermUse[] = [];

export class ChunkCache {
  private entries = new Map<string, ChunkEntry>();
  private lastSpans: { text: string; spans: Span[] } | undefined;
  private termRegex: { key: string; re: RegExp | undefined } = { key: '', re: undefined };
  /**
   * Once the document is being edited (analysed once, or prepared for an editor), edits re-scan only the runs of lines
   * they touched (see RunMatcher).
   */
  private runMatcher: { catalogueId: number; matcher: RunMatcher } | undefined;

  constructor(private readonly hooks: CacheHooks) {}

  /** The chunks of `text` with their texts; remembered for the last text, which prepare() and update() share. */
  spansOf(text: string, bodyStart = bodyOf(text).bodyStart): Span[] {
    const last = this.lastSpans;
    if (last?.text === text) return last.spans;
    // A chunk the edit did not touch keeps its key string (already hashed for the cache): chunks before the edit are
    // found at the same offset, chunks after it at the same distance from the end.
    const before = new Map<number, Span>();
    for (const span of last?.spans ?? []) before.set(span.start, span);
    const delta = text.length - (last?.text.length ?? 0);
    const spans = splitChunks(text, bodyStart).map((s) => {
      let key = text.slice(s.start, s.end);
      const same = before.get(s.start);
      const shifted = before.get(s.start - delta);
      if (same && same.end === s.end && same.key === key) key = same.key;
      else if (shifted && shifted.end === s.end - delta && shifted.key === key) key = shifted.key;
      return { start: s.start, end: s.end, key };
    });
    this.lastSpans = { text, spans };
    return spans;
  }

  /** Parses and scans every chunk of `text` the cache does not hold yet for `catalogue`, one step each. */
  *prepareSteps(text: string, catalogue: Catalogue): Generator<void, void, void> {
    const spans = this.spansOf(text);
    if (this.entries.size > spans.length * 2 + 64) {
      // Many versions prepared without an update between them (each cancelled): keep only this text's chunks.
      const current = new Set(spans.map((s) => s.key));
      for (const key of this.entries.keys()) if (!current.has(key)) this.entries.delete(key);
    }
    for (const span of spans) {
      const key = span.key;
      let entry = this.entries.get(key);
      if (entry && entry.catalogueId === catalogue.id) continue;
      if (!entry) this.entries.set((entry = newEntry(key)).source, entry);
      span.key = entry.source;
      // Preparing means an editor holds the document: file its phrase matches by run for the edits to come.
      this.scan(entry, catalogue, true);
      yield;
    }
  }

  /** The chunks of this version with their cache entries (parsed now if new), in document order; refreshes the cache. */
  place(spans: Span[], check: () => void): PlacedEntry[] {
    const next = new Map<string, ChunkEntry>();
    const placed: PlacedEntry[] = [];
    let parsedSinceCheck = 0;
    for (const span of spans) {
      const key = span.key;
      let entry = next.get(key) ?? this.entries.get(key);
      if (!entry) {
        if (++parsedSinceCheck % 8 === 0) check();
        entry = newEntry(key);
      }
      // The cache and the next split hold the entry's own copy of the chunk, not a slice of this version's text.
      span.key = entry.source;
      next.set(entry.source, entry);
      placed.push({ offset: span.start, facts: entry.facts, text: entry.text, entry });
    }
    check();
    this.entries = next;
    return placed;
  }

  /**
   * Phrase scan and chunk rules of every chunk (cached with it), and its findings placed at its offset (kept while the
   * chunk stays at that offset). Returns the chunks' clause signals and the placed findings document rules read.
   */
  scanPlaced(placed: PlacedEntry[], catalogue: Catalogue, byRun: boolean, ruleErrors: { rule: string; message: string }[]): { signals: ChunkSignals[]; read: LocalFinding[] } {
    const signals: ChunkSignals[] = [];
    const read: LocalFinding[] = [];
    for (const chunk of placed) {
      const entry = chunk.entry;
      this.scan(entry, catalogue, byRun);
      if (entry.localError !== undefined && !ruleErrors.some((e) => e.rule === 'local-rules')) ruleErrors.push({ rule: 'local-rules', message: entry.localError });
      signals.push({ offset: chunk.offset, signals: entry.signals! });
      if (entry.placedLocals?.offset !== chunk.offset) {
        const offset = chunk.offset;
        const moved = entry.locals!.map((f) => ({ ...f, start: f.start + offset, end: f.end + offset, data: shiftData(f.rule, f.data, offset) }));
        const readRules = readByDocumentRules();
        entry.placedLocals = { offset, locals: moved, read: moved.filter((f) => readRules.has(f.rule)), config: undefined, made: undefined };
      }
      for (const f of entry.placedLocals.read) read.push(f);
    }
    return { signals, read };
  }

  /** Finds the uses of the defined terms in every chunk not yet scanned for this set of terms (chunk-relative). */
  scanTerms(placed: PlacedEntry[], terms: string[], key: string): void {
    if (this.termRegex.key !== key) {
      const alternatives = terms.map((t) =>
        t
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/ /g, '[ \\u00a0]+')
          .replace(/([b-df-hj-np-tv-z])y$/i, '$1(?:y|ies)'),
      );
      // Built only from escaped literals: safe to compile from document text.
      this.termRegex = { key, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?:s|es|['’]s)?(?![\\p{L}\\p{N}])`, 'giu') };
    }
    const re = this.termRegex.re!;
    let lowerIndex: Map<string, number> | undefined;
    for (const { entry } of placed) {
      if (entry.termsKey !== key) {
        lowerIndex ??= new Map(terms.map((t, i) => [t.toLowerCase(), i] as const));
        const uses: TermUse[] = [];
        const mask = entry.facts.mask;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(mask))) {
          const textUsed = m[0].replace(/\s+/g, ' ');
          const base = textUsed.replace(/(?:['’]s|es|s)$/i, '');
          const idx =
            lowerIndex.get(textUsed.toLowerCase()) ??
            lowerIndex.get(base.toLowerCase()) ??
            lowerIndex.get(textUsed.replace(/s$/i, '').toLowerCase()) ??
            lowerIndex.get(textUsed.replace(/ies$/i, 'y').toLowerCase());
          if (idx === undefined) continue;
          uses.push({ term: idx, start: m.index, end: m.index + m[0].length, text: textUsed });
        }
        entry.termUses = uses;
        entry.termsKey = key;
      }
    }
  }

  /** What the document rules read of each chunk (plain data; the arrays keep their identity while the chunk does). */
  ruleChunks(placed: PlacedEntry[], termsKey: string | undefined): RuleChunk[] {
    return placed.map((c) => ({
      offset: c.offset,
      capitalRuns: c.text.capitalRuns,
      mask: c.facts.mask,
      termUses: termsKey !== undefined && c.entry.termsKey === termsKey ? c.entry.termUses! : NO_USES,
      definitions: c.text.definitions,
    }));
  }

  /**
   * The findings made from every chunk's placed findings that `keep` accepts, in order, through `make` (null: not
   * reported); what `make` returns is kept with the placed finding for this configuration.
   */
  madeFindings(placed: PlacedEntry[], config: ResolvedConfig, keep: (f: LocalFinding) => boolean, make: (f: LocalFinding) => Finding | null, out: Finding[]): void {
    for (const { entry } of placed) {
      const placedLocals = entry.placedLocals!;
      if (placedLocals.config !== config) placedLocals.made = new Array<Finding | null | undefined>(placedLocals.locals.length);
      placedLocals.config = config;
      const made = placedLocals.made!;
      for (let i = 0; i < placedLocals.locals.length; i++) {
        const f = placedLocals.locals[i];
        if (!keep(f)) continue;
        const finding = made[i] === undefined ? (made[i] = make(f)) : made[i];
        if (finding) out.push(finding);
      }
    }
  }

  /** The phrase scan and chunk rules of one chunk, cached with it per catalogue. */
  private scan(entry: ChunkEntry, catalogue: Catalogue, byRun: boolean): void {
    if (entry.catalogueId === catalogue.id) return;
    const table = catalogue.phraseTable();
    const chunkHits: PhraseHit[] = byRun ? this.runMatcherFor(catalogue).matches(entry.facts.mask) : catalogue.phraseSet().matches(new WordIndex(entry.facts.mask));
    entry.signals = clauseSignals(chunkHits, table, catalogue);
    entry.localError = undefined;
    entry.placedLocals = undefined;
    try {
      if (this.hooks.faulty('local-rules')) throw new Error('injected fault in local-rules');
      entry.locals = localFindings(entry.facts, chunkHits, table);
      // Messages of local findings depend only on the chunk: written once, reused while the chunk is unchanged.
      for (const f of entry.locals) {
        f.excerpt = entry.source.slice(f.start, f.end);
        f.message = ruleMessage(catalogue.rule(f.rule), f.rule, f.data, f.excerpt);
      }
    } catch (error) {
      entry.locals = [];
      entry.localError = this.hooks.logOnce('local-rules', error);
    }
    entry.catalogueId = catalogue.id;
  }

  private runMatcherFor(catalogue: Catalogue): RunMatcher {
    if (this.runMatcher?.catalogueId !== catalogue.id) this.runMatcher = { catalogueId: catalogue.id, matcher: new RunMatcher(catalogue.phraseSet()) };
    return this.runMatcher.matcher;
  }
}

/** A new cache entry: the chunk parsed, with its text facts. */
function newEntry(chunk: string): ChunkEntry {
  const source = ownCopy(chunk);
  const facts = parseChunk(source);
  // Every field from the start: entries keep one shape, which keeps the per-edit loops over them fast.
  return {
    source,
    facts,
    text: extractTextFacts(facts),
    catalogueId: undefined,
    signals: undefined,
    locals: undefined,
    localError: undefined,
    termsKey: undefined,
    termUses: undefined,
    placedLocals: undefined,
  };
}

/**
 * A copy of `s` that does not keep alive the string it was sliced from. A chunk cut from one version of a long draft
 * outlives that version in the cache; a plain slice would keep the whole version's text in memory with it.
 */
function ownCopy(s: string): string {
  // Concatenation then slicing makes the engine flatten the pair into a new string of the chunk's length plus one.
  return (' ' + s).slice(1);
}

/** Where the Markdown body starts: after a byte order mark and front matter. */
export function bodyOf(text: string): { bom: number; bodyStart: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fmEnd = frontMatterEnd(bom ? text.slice(1) : text);
  return { bom, bodyStart: fmEnd ? fmEnd + bom : bom };
}

/** A chunk finding's data moved with it by `offset`: the rule's `offsetKeys` hold text offsets. */
function shiftData(rule: string, data: Record<string, unknown> | undefined, offset: number): Record<string, unknown> | undefined {
  if (!data) return data;
  let out: Record<string, unknown> | undefined;
  for (const key of offsetKeysOf(rule)) {
    if (typeof data[key] === 'number') {
      out ??= { ...data };
      out[key] = (data[key] as number) + offset;
    }
  }
  return out ?? data;
}
