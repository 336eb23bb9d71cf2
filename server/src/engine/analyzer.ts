/**
 * The analysis pipeline. One `DocumentAnalyzer` per open document keeps a cache of parsed chunks keyed by their
 * text, so an edit re-parses only the chunk it touched; document-level checks are recomputed from the cached
 * per-chunk facts. Cancellation is checked between chunks and between phases.
 */
import {
  CancelledError,
  type Applicability,
  type CancellationLike,
  type ClauseCoverage,
  type DocumentAnalysis,
  type Finding,
  type Severity,
  type ContractModel,
} from './types.js';
import { splitChunks, frontMatterEnd } from './chunks.js';
import { parseChunk, type ChunkFacts } from './parse.js';
import { extractTextFacts, type TextFacts } from './text-facts.js';
import { buildDocumentFacts, partyName, type DocumentFacts, type PlacedChunk } from './model.js';
import { WordIndex, RunMatcher } from './phrases.js';
import { localFindings, type LocalFinding, type PhraseHit } from './rules-local.js';
import { documentFindings, type RawFinding, type TermUse } from './rules-document.js';
import { gatedRules, offsetKeysOf, readByDocumentRules, ruleFor } from './rules/registry.js';
import type { GateInput } from './rules/types.js';
import { clauseDetectionSteps, clauseSignals, type ChunkSignals, type ClauseDetection, type Signals } from './clauses.js';
import { defaultConfig, type ResolvedConfig } from './config.js';
import type { Catalogue } from './catalogue.js';
import { clauseMessage, ruleMessage } from './messages.js';
import { parseFrontMatter } from './front-matter.js';
import { LineIndex } from './line-index.js';
import { decideApplicability } from './applicability.js';
import { applyDirectives } from './directives.js';
import { dedupe } from './dedupe.js';

interface ChunkEntry {
  /** The chunk's text (also its key in the cache). */
  source: string;
  facts: ChunkFacts;
  text: TextFacts;
  catalogueId?: number;
  /** The phrase hits that signal clauses, by clause (chunk-relative). */
  signals?: Signals;
  locals?: LocalFinding[];
  /** Why the chunk-local rules failed on this chunk, if they did (reported with every analysis that uses it). */
  localError?: string;
  termsKey?: string;
  termUses?: TermUse[];
  /**
   * The local findings with document offsets, for the offset they were placed at last: a chunk before the edit keeps
   * its offset and reuses them (the objects are never changed once made); those about efforts standards, which the
   * consistency check reads; and the findings made from them for a configuration (null: rule off).
   */
  placedLocals?: { offset: number; locals: LocalFinding[]; efforts: LocalFinding[]; config?: ResolvedConfig; made?: (Finding | null | undefined)[] };
}

type PlacedEntry = PlacedChunk & { entry: ChunkEntry };

/** What the wording rules read of one analysis. */
interface WordingInput {
  text: string;
  config: ResolvedConfig;
  placed: PlacedEntry[];
  facts: DocumentFacts;
  terms: string[];
  termsKey: string | undefined;
  effortsLocals: LocalFinding[];
  anchor: { start: number; end: number };
  ruleErrors: { rule: string; message: string }[];
}

/** Extra information kept with an analysis for fixes, hovers and navigation. */
export interface AnalysisContext {
  config: ResolvedConfig;
  facts: DocumentFacts;
  detections: ClauseDetection[];
  lineIndex: LineIndex;
  licensor: string;
  licensee: string;
  terms: string[];
  /** Milliseconds spent in each phase of the analysis (for the benchmark's profile and the server's trace). */
  timings: Record<string, number>;
}

/**
 * The key of the context kept on each analysis: a hidden property, not a WeakMap keyed by the analysis. A collection
 * of the young generation treats the values of a long-lived WeakMap as live, so every context of the last versions
 * (facts, detections, line index) survived it and was promoted; a property dies with its analysis.
 */
const CONTEXT = Symbol('ai-clauses analysis context');

function attachContext(analysis: DocumentAnalysis, context: AnalysisContext): void {
  Object.defineProperty(analysis, CONTEXT, { value: context, enumerable: false });
}

/** The context an analysis was computed with (fixes and the LSP adapter use it). */
export function contextOf(analysis: DocumentAnalysis): AnalysisContext {
  const ctx = (analysis as DocumentAnalysis & { [CONTEXT]?: AnalysisContext })[CONTEXT];
  if (!ctx) throw new Error('analysis was not produced by this engine');
  return ctx;
}

/** The line index of the analysed text (built once per analysis; the LSP adapter converts offsets with it). */
export function lineIndexOf(analysis: DocumentAnalysis): LineIndex {
  return contextOf(analysis).lineIndex;
}

/** Milliseconds per phase of the analysis: parse, phrases, model, terms, clauses, wording, final. */
export function timingsOf(analysis: DocumentAnalysis): Readonly<Record<string, number>> {
  return contextOf(analysis).timings;
}

/** Hooks for tests: a rule that throws must cost only its own findings. */
export const __testing = {
  faultyRules: new Set<string>(),
};

const MAX_TERMS_FOR_USAGE = 3000;
const NO_USES: readonly TermUse[] = [];

/** How a long piece of work hands control back: see `inSlices`. */
export interface SliceOptions {
  token?: CancellationLike;
  yieldControl: () => Promise<void>;
  /** Hand control back once a slice has run this long (default 15 ms). */
  sliceMs?: number;
}

/**
 * Runs work written as steps, handing control back through `yieldControl` between steps whenever the current slice
 * has run longer than `sliceMs`, and stopping with the CancelledError if `token` was cancelled meanwhile.
 */
async function inSlices<T>(steps: Generator<void, T, void>, options: SliceOptions): Promise<T> {
  const sliceMs = options.sliceMs ?? 15;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await options.yieldControl();
      if (options.token?.isCancellationRequested) throw new CancelledError();
      sliceStart = performance.now();
    }
  }
}

export class DocumentAnalyzer {
  private cache = new Map<string, ChunkEntry>();
  private version = 0;
  private config: ResolvedConfig;
  private termRegex: { key: string; re: RegExp | undefined } = { key: '', re: undefined };
  private errorsLogged = new Set<string>();
  private lastSpans: { text: string; spans: { start: number; end: number; key: string }[] } | undefined;
  /**
   * Once the document is being edited (analysed once, or prepared for an editor), edits re-scan only the runs of lines
   * they touched (see RunMatcher).
   */
  private runMatcher: { catalogueId: number; matcher: RunMatcher } | undefined;
  /** True once an analysis has been returned: later texts are edits of it. */
  private edited = false;

  constructor(options: { config?: ResolvedConfig } = {}) {
    this.config = options.config ?? defaultConfig();
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
  }

  /**
   * Parses and scans, in time slices, every chunk of `text` the cache does not hold yet, handing control back through
   * `yieldControl` between slices; a following `update(text)` then only assembles the document-level results. The
   * language server calls it so that opening a long draft never holds its message loop for long. Throws the
   * CancelledError when `token` is cancelled between slices.
   */
  async prepare(text: string, options: SliceOptions): Promise<void> {
    return inSlices(this.prepareSteps(text), options);
  }

  /** The chunks `prepare` parses and scans, one step each. */
  private *prepareSteps(text: string): Generator<void, void, void> {
    const config = this.config;
    if (text.length > config.maxDocumentSize) return;
    const spans = this.spansOf(text);
    if (this.cache.size > spans.length * 2 + 64) {
      // Many versions prepared without an update between them (each cancelled): keep only this text's chunks.
      const current = new Set(spans.map((s) => s.key));
      for (const key of this.cache.keys()) if (!current.has(key)) this.cache.delete(key);
    }
    for (const span of spans) {
      const key = span.key;
      let entry = this.cache.get(key);
      if (entry && entry.catalogueId === config.catalogue.id) continue;
      if (!entry) this.cache.set((entry = newEntry(key)).source, entry);
      span.key = entry.source;
      // Preparing means an editor holds the document: file its phrase matches by run for the edits to come.
      this.scan(entry, config.catalogue, true);
      yield;
    }
  }

  /** The chunks of `text` with their texts; remembered for the last text, which prepare() and update() share. */
  private spansOf(text: string, bodyStart = bodyOf(text).bodyStart): { start: number; end: number; key: string }[] {
    const last = this.lastSpans;
    if (last?.text === text) return last.spans;
    // A chunk the edit did not touch keeps its key string (already hashed for the cache): chunks before the edit are
    // found at the same offset, chunks after it at the same distance from the end.
    const before = new Map<number, { start: number; end: number; key: string }>();
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

  /** The phrase scan and chunk-local rules of one chunk, cached with it per catalogue. */
  private scan(entry: ChunkEntry, catalogue: Catalogue, byRun: boolean): void {
    if (entry.catalogueId === catalogue.id) return;
    const table = catalogue.phraseTable();
    const chunkHits: PhraseHit[] = byRun ? this.runMatcherFor(catalogue).matches(entry.facts.mask) : catalogue.phraseSet().matches(new WordIndex(entry.facts.mask));
    entry.signals = clauseSignals(chunkHits, table, catalogue);
    entry.localError = undefined;
    entry.placedLocals = undefined;
    try {
      if (__testing.faultyRules.has('local-rules')) throw new Error('injected fault in local-rules');
      entry.locals = localFindings(entry.facts, chunkHits, table);
      // Messages of local findings depend only on the chunk: written once, reused while the chunk is unchanged.
      for (const f of entry.locals) {
        f.excerpt = entry.source.slice(f.start, f.end);
        f.message = ruleMessage(catalogue.rule(f.rule), f.rule, f.data, f.excerpt);
      }
    } catch (error) {
      entry.locals = [];
      entry.localError = this.logOnce('local-rules', error);
    }
    entry.catalogueId = catalogue.id;
  }

  private runMatcherFor(catalogue: Catalogue): RunMatcher {
    if (this.runMatcher?.catalogueId !== catalogue.id) this.runMatcher = { catalogueId: catalogue.id, matcher: new RunMatcher(catalogue.phraseSet()) };
    return this.runMatcher.matcher;
  }

  /** The analysis of `text`, in one go (the CLI, the tests); see `updateInSlices` for the language server. */
  update(text: string, token?: CancellationLike): DocumentAnalysis {
    const steps = this.steps(text, token);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The analysis of `text`, handing control back through `yieldControl` between its phases whenever the last slice
   * took more than `sliceMs`: on a long draft the first analysis runs before V8 has optimised its code, and its
   * document-level phases would otherwise hold the server's message loop for a few hundred milliseconds. Throws the
   * CancelledError when `token` is cancelled. The caller must not start another update or prepare of this analyzer
   * before this one settles (the caches are updated in place).
   */
  async updateInSlices(text: string, options: SliceOptions): Promise<DocumentAnalysis> {
    return inSlices(this.steps(text, options.token), options);
  }

  /** The phases of an analysis; yields between them (the time spent away is not counted in the phase timings). */
  private *steps(text: string, token?: CancellationLike): Generator<void, DocumentAnalysis, void> {
    const version = ++this.version;
    const config = this.config;
    const check = () => {
      if (token?.isCancellationRequested) throw new CancelledError();
    };
    if (text.length > config.maxDocumentSize) return this.tooLarge(text, version, config);

    const { bom, bodyStart } = bodyOf(text);
    const frontMatter = bodyStart > bom ? parseFrontMatter(text.slice(bom, bodyStart)) : {};

    const timings: Record<string, number> = {};
    let phaseStart = performance.now();
    const phaseDone = (name: string) => {
      const now = performance.now();
      timings[name] = now - phaseStart;
      phaseStart = now;
    };
    /** A point where the caller may hand control back; the time spent away is not counted in the phase. */
    const pause = function* (): Generator<void, void, void> {
      const away = performance.now();
      yield;
      check();
      phaseStart += performance.now() - away;
    };
    /** Runs a step-wise rule, pausing at its steps. */
    const pausing = function* <T>(ruleSteps: Generator<void, T, void>): Generator<void, T, void> {
      for (;;) {
        const step = ruleSteps.next();
        if (step.done) return step.value;
        yield* pause();
      }
    };
    // 1. Chunks, parsed or taken from the cache.
    const spans = this.spansOf(text, bodyStart);
    const placed = this.placeChunks(spans, check);

    phaseDone('parse');
    yield* pause();
    // 2. Phrase scan and chunk-local rules, cached per chunk and catalogue.
    const catalogue = config.catalogue;
    const ruleErrors: { rule: string; message: string }[] = [];
    const { signals, effortsLocals } = this.scanPlaced(placed, catalogue, ruleErrors);
    check();

    phaseDone('phrases');
    yield* pause();
    // 3. Document model.
    const facts = buildDocumentFacts(text, placed, frontMatter);
    const model = facts.model;
    const roleCounts = new Map<string, number>();
    for (const [k, v] of Object.entries(facts.markers)) if (k.startsWith('role:')) roleCounts.set(k.slice(5), v);
    const licensor = partyName(model, 'licensor', roleCounts);
    const licensee = partyName(model, 'licensee', roleCounts);

    phaseDone('model');
    yield* pause();
    // 4. Term usage (cached per chunk while the set of defined terms is unchanged).
    const terms = [...new Set(model.definitions.map((d) => d.term))].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const termsKey = terms.length && terms.length <= MAX_TERMS_FOR_USAGE ? terms.join('\u0000') : undefined;
    if (termsKey !== undefined) this.scanTerms(placed, terms, termsKey);
    check();

    phaseDone('terms');
    yield* pause();
    // 5. Applicability and clauses. Document-level findings point at the title (or the first heading or line).
    const anchor = documentAnchor(model.title, model, text);
    const applicability = decideApplicability(config, frontMatter, facts, model.title?.text ?? '');
    const lineIndex = new LineIndex(text);
    const findings: Finding[] = [];
    let detections: ClauseDetection[] = [];
    let coverage: ClauseCoverage[] = [];
    if (applicability.isContract) {
      detections = (yield* pausing(this.guardSteps('clause-detection', ruleErrors, () => clauseDetectionSteps(model, signals, catalogue, text, (pos) => facts.blockAt(pos))))) ?? [];
      coverage = this.clauseFindings(detections, applicability, config, anchor, findings);
    } else {
      coverage = catalogue.clauses.map((c) => ({ clause: c.id, title: c.title, group: c.group, status: 'not-applicable' as const, missingElements: [] }));
    }

    phaseDone('clauses');
    yield* pause();
    // 6. Wording rules (drafting checks run on every contract, AI or not).
    if (applicability.isContract) this.wordingFindings({ text, config, placed, facts, terms, termsKey, effortsLocals, anchor, ruleErrors }, findings);

    phaseDone('wording');
    yield* pause();
    // 7. Inline directives, de-duplication, order.
    const directives = placed.flatMap((c) => c.facts.directives.map((d) => ({ ...d, start: d.start + c.offset, end: d.end + c.offset })));
    const kept = dedupe(applyDirectives(findings, directives, lineIndex).sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule)));

    const analysis: DocumentAnalysis = {
      text,
      version,
      model,
      applicability,
      coverage,
      findings: kept,
      configProblems: config.problems,
      ruleErrors,
    };
    phaseDone('final');
    attachContext(analysis, { config, facts, detections, lineIndex, licensor, licensee, terms, timings });
    this.edited = true;
    return analysis;
  }

  private tooLarge(text: string, version: number, config: ResolvedConfig): DocumentAnalysis {
    const end = Math.min(text.length, Math.max(0, text.indexOf('\n')) || Math.min(text.length, 80));
    const analysis: DocumentAnalysis = {
      text,
      version,
      model: { frontMatter: {}, parties: [], obligationVerb: 'shall', sections: [], definitions: [], crossReferences: [] },
      applicability: { isContract: false, isAIAgreement: false, reason: 'not analysed: too large' },
      coverage: [],
      findings: [
        {
          rule: 'document-too-large',
          severity: 'information',
          start: 0,
          end,
          message: `This document has ${text.length.toLocaleString('en')} characters, more than the limit of ${config.maxDocumentSize.toLocaleString('en')}; it was not checked. Raise "aiClauses.maxDocumentSize" (or "maxDocumentSize" in .ai-clauses.json) to check it.`,
        },
      ],
      configProblems: config.problems,
      ruleErrors: [],
      skipped: 'too-large',
    };
    const facts = buildDocumentFacts(text, [], {});
    attachContext(analysis, { config, facts, detections: [], lineIndex: new LineIndex(text), licensor: 'Licensor', licensee: 'Licensee', terms: [], timings: {} });
    return analysis;
  }

  /** Finds the uses of the defined terms in every chunk not yet scanned for this set of terms (chunk-relative). */
  private scanTerms(placed: (PlacedChunk & { entry: ChunkEntry })[], terms: string[], key: string): void {
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

  /** The chunks of this version with their cache entries (parsed now if new), in document order; refreshes the cache. */
  private placeChunks(spans: { start: number; end: number; key: string }[], check: () => void): PlacedEntry[] {
    const nextCache = new Map<string, ChunkEntry>();
    const placed: PlacedEntry[] = [];
    let parsedSinceCheck = 0;
    for (const span of spans) {
      const key = span.key;
      let entry = nextCache.get(key) ?? this.cache.get(key);
      if (!entry) {
        if (++parsedSinceCheck % 8 === 0) check();
        entry = newEntry(key);
      }
      // The cache and the next split hold the entry's own copy of the chunk, not a slice of this version's text.
      span.key = entry.source;
      nextCache.set(entry.source, entry);
      placed.push({ offset: span.start, facts: entry.facts, text: entry.text, entry });
    }
    check();
    this.cache = nextCache;
    return placed;
  }

  /**
   * Phrase scan and chunk-local rules of every chunk (cached with it), and its local findings placed at its offset
   * (kept while the chunk stays at that offset). Returns the chunks' clause signals and efforts findings.
   */
  private scanPlaced(placed: PlacedEntry[], catalogue: Catalogue, ruleErrors: { rule: string; message: string }[]): { signals: ChunkSignals[]; effortsLocals: LocalFinding[] } {
    const signals: ChunkSignals[] = [];
    const effortsLocals: LocalFinding[] = [];
    for (const chunk of placed) {
      const entry = chunk.entry;
      this.scan(entry, catalogue, this.edited);
      if (entry.localError !== undefined && !ruleErrors.some((e) => e.rule === 'local-rules')) ruleErrors.push({ rule: 'local-rules', message: entry.localError });
      signals.push({ offset: chunk.offset, signals: entry.signals! });
      if (entry.placedLocals?.offset !== chunk.offset) {
        const offset = chunk.offset;
        const moved = entry.locals!.map((f) => ({ ...f, start: f.start + offset, end: f.end + offset, data: shiftData(f.rule, f.data, offset) }));
        const read = readByDocumentRules();
        const efforts = moved.filter((f) => read.has(f.rule));
        entry.placedLocals = { offset, locals: moved, efforts, config: undefined, made: undefined };
      }
      for (const f of entry.placedLocals.efforts) effortsLocals.push(f);
    }
    return { signals, effortsLocals };
  }

  /** The wording findings of a contract: the document-level rules' and the chunks' local ones, filtered and made once. */
  private wordingFindings(input: WordingInput, findings: Finding[]): void {
    const { text, config, placed, facts, terms, termsKey, effortsLocals, anchor, ruleErrors } = input;
    const model = facts.model;
    const catalogue = config.catalogue;
    const docRaw =
      this.guard('document-rules', ruleErrors, () =>
        documentFindings({
          model,
          chunks: placed.map((c) => ({
            offset: c.offset,
            capitalRuns: c.text.capitalRuns,
            mask: c.facts.mask,
            termUses: termsKey !== undefined && c.entry.termsKey === termsKey ? c.entry.termUses! : NO_USES,
            definitions: c.text.definitions,
          })),
          terms,
          locals: effortsLocals,
          markers: facts.markers,
          externalDefinitions: facts.externalDefinitions,
          linkedTerms: facts.linkedTerms,
          partyNames: model.parties.map((p) => p.shortName),
          anchor,
          sectionTitles: facts.sectionTitles,
        }),
      ) ?? [];
    // Each rule's gate, once per analysis: conditions on its findings that only the whole document settles.
    const gateInput: GateInput = { text, model, linkedTerms: facts.linkedTerms, definedLower: new Set(model.definitions.map((d) => d.term.toLowerCase())), documentFindings: docRaw };
    const gates = new Map<string, ((f: LocalFinding) => boolean) | undefined>();
    for (const rule of gatedRules()) gates.set(rule.id, rule.gate!(gateInput));
    const kept = (f: LocalFinding): boolean => {
      if (!gates.has(f.rule)) return true;
      const gate = gates.get(f.rule);
      return gate === undefined || gate(f);
    };
    const make = (r: RawFinding): Finding | null => {
      const severity = this.severityFor(r.rule, config, r.data?.downgrade === 'downgrade');
      if (!severity) return null;
      const meta = catalogue.rule(r.rule);
      const excerpt = r.excerpt ?? text.slice(r.start, r.end);
      return { rule: r.rule, severity, start: r.start, end: r.end, message: r.message ?? ruleMessage(meta, r.rule, r.data, excerpt), why: meta?.why, instead: meta?.instead, excerpt, data: r.data };
    };
    const faulty = (rule: string): boolean => {
      if (!__testing.faultyRules.has(rule)) return false;
      if (!ruleErrors.some((e) => e.rule === rule)) ruleErrors.push({ rule, message: this.logOnce(rule, new Error(`injected fault in rule ${rule}`)) });
      return true;
    };
    for (const { entry } of placed) {
      // The findings made from a chunk's placed local findings are kept with them, per configuration.
      const placedLocals = entry.placedLocals!;
      if (placedLocals.config !== config) placedLocals.made = new Array<Finding | null | undefined>(placedLocals.locals.length);
      placedLocals.config = config;
      const made = placedLocals.made!;
      for (let i = 0; i < placedLocals.locals.length; i++) {
        const f = placedLocals.locals[i];
        if (ruleFor(f.rule).reported === false || !kept(f)) continue;
        if (faulty(f.rule)) continue;
        const finding = made[i] === undefined ? (made[i] = make(f)) : made[i];
        if (finding) findings.push(finding);
      }
    }
    for (const r of docRaw) {
      if (!kept(r)) continue;
      if (faulty(r.rule)) continue;
      const finding = make(r);
      if (finding) findings.push(finding);
    }
  }

  private clauseFindings(
    detections: ClauseDetection[],
    applicability: Applicability,
    config: ResolvedConfig,
    anchor: { start: number; end: number },
    findings: Finding[],
  ): ClauseCoverage[] {
    const required = config.requiredClauses ? new Set(config.requiredClauses) : undefined;
    const coverage: ClauseCoverage[] = [];
    for (const d of detections) {
      const clause = d.clause;
      const clauseSetting = config.clauses[clause.id];
      const isRequired = clauseSetting !== 'off' && (required ? required.has(clause.id) : applicability.isAIAgreement);
      let status: ClauseCoverage['status'];
      if (d.detected) status = d.missingElements.length ? 'incomplete' : 'present';
      else status = isRequired ? 'missing' : 'not-applicable';
      coverage.push({
        clause: clause.id,
        title: clause.title,
        group: clause.group,
        status,
        missingElements: status === 'incomplete' ? d.missingElements : [],
        span: d.anchor,
        variant: d.variant,
      });
      // Clause findings are for AI agreements (or an explicit required set); other contracts get drafting checks only.
      if (clauseSetting === 'off' || (!applicability.isAIAgreement && !required)) continue;
      if (status === 'missing') {
        const severity = this.severityFor('missing-clause', config, false, clauseSetting ?? clause.severity);
        if (!severity) continue;
        findings.push({
          rule: 'missing-clause',
          clause: clause.id,
          severity,
          start: anchor.start,
          end: anchor.end,
          message: clauseMessage('missing', clause, [], config.perspective),
          why: clause.why,
          instead: `Insert the model clause "${clause.model.heading}".`,
          data: { clause: clause.id },
        });
      } else if (status === 'incomplete' && d.anchor) {
        const severity = this.severityFor('incomplete-clause', config, false, clauseSetting ?? (clause.importance === 'low' ? 'information' : 'warning'));
        if (!severity) continue;
        // One finding per clause, naming every missing element; each element gets its own quick fix.
        const elements = d.missingElements.map((id) => clause.elements.find((e) => e.id === id)!).filter(Boolean);
        findings.push({
          rule: 'incomplete-clause',
          clause: clause.id,
          element: elements[0]?.id,
          severity,
          start: d.anchor.start,
          end: d.anchor.end,
          message: clauseMessage('incomplete', clause, elements.map((e) => e.title), config.perspective).replace(clause.why, elements.map((e) => e.why).join(' ')),
          why: elements.map((e) => e.why).join(' '),
          instead: elements.map((e) => e.text).join(' '),
          data: { clause: clause.id, elements: elements.map((e) => e.id), section: d.section },
        });
      }
    }
    return coverage;
  }

  /** Effective severity: rule setting (config file or settings) over the clause or rule default; undefined = off. */
  private severityFor(rule: string, config: ResolvedConfig, downgrade: boolean, fallback?: Severity | 'off'): Severity | undefined {
    const setting = config.rules[rule] ?? config.rules['*'];
    const meta = config.catalogue.rule(rule);
    let severity = setting ?? fallback ?? meta?.severity ?? 'warning';
    if (severity === 'off') return undefined;
    if (downgrade && !setting) severity = severity === 'error' ? 'warning' : severity === 'warning' ? 'information' : 'hint';
    return severity;
  }

  private guard<T>(name: string, errors: { rule: string; message: string }[], fn: () => T): T | undefined {
    try {
      if (__testing.faultyRules.has(name)) throw new Error(`injected fault in ${name}`);
      return fn();
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push({ rule: name, message: this.logOnce(name, error) });
      return undefined;
    }
  }

  /** `guard` for a rule that works in steps: its pauses are passed on. */
  private *guardSteps<T>(name: string, errors: { rule: string; message: string }[], steps: () => Generator<void, T, void>): Generator<void, T | undefined, void> {
    try {
      if (__testing.faultyRules.has(name)) throw new Error(`injected fault in ${name}`);
      return yield* steps();
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push({ rule: name, message: this.logOnce(name, error) });
      return undefined;
    }
  }

  private logOnce(name: string, error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (!this.errorsLogged.has(name)) {
      this.errorsLogged.add(name);
      console.error(`[ai-clauses] rule ${name} failed: ${message}`);
    }
    return message;
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
function bodyOf(text: string): { bom: number; bodyStart: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fmEnd = frontMatterEnd(bom ? text.slice(1) : text);
  return { bom, bodyStart: fmEnd ? fmEnd + bom : bom };
}

/** Where document-level findings point: the title, else the first heading, else the first line with text. */
export function documentAnchor(title: { start: number; end: number } | undefined, model: ContractModel, text: string): { start: number; end: number } {
  if (title && title.end > title.start) return title;
  const heading = model.sections.find((s) => s.titleEnd > s.titleStart);
  if (heading) return { start: heading.titleStart, end: heading.titleEnd };
  const m = /\S[^\r\n]*/.exec(text.slice(0, 4000));
  return m ? { start: m.index, end: m.index + Math.min(m[0].length, 80) } : { start: 0, end: 0 };
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

/** One-shot analysis (the CLI and tests). */
export function analyzeText(text: string, config?: ResolvedConfig): DocumentAnalysis {
  return new DocumentAnalyzer({ config }).update(text);
}
