/**
 * The analysis pipeline. One `DocumentAnalyzer` per open document runs the phases of an analysis (chunks, phrase
 * scan and chunk rules, document model, term uses, applicability and clauses, wording rules, directives) over the
 * per-chunk cache of incremental/ (an edit re-parses only the chunks it touched), checks for cancellation between
 * chunks and phases, and can hand control back between phases (`updateInSlices`, `prepare`).
 */
import { CancelledError, type CancellationLike, type ClauseCoverage, type DocumentAnalysis, type Finding } from './types.js';
import { buildDocumentFacts, partyName, type DocumentFacts } from './model.js';
import { documentFindings, type RawFinding } from './rules-document.js';
import { gatedRules, ruleFor } from './rules/registry.js';
import type { GateInput, LocalFinding } from './rules/types.js';
import { clauseDetectionSteps, type ClauseDetection } from './clauses.js';
import { defaultConfig, type ResolvedConfig } from './config.js';
import { ruleMessage } from './messages.js';
import { parseFrontMatter } from './front-matter.js';
import { LineIndex } from './line-index.js';
import { ReadingCache, readDocument, kindInputOf, type DocumentReading } from './reading/index.js';
import { decideApplicability } from './applicability.js';
import { applyDirectives } from './directives.js';
import { dedupe } from './dedupe.js';
import { clauseFindings } from './clause-findings.js';
import { severityFor } from './severity.js';
import { documentAnchor } from './document-anchor.js';
import { attachContext } from './analysis-context.js';
import { __testing } from './testing.js';
import { ChunkCache, bodyOf, type PlacedEntry } from './incremental/index.js';
import { LinkedDocuments } from './linked.js';
import { allSteps, inSlices, type SliceOptions } from './incremental/index.js';

export { contextOf, lineIndexOf, timingsOf, type AnalysisContext } from './analysis-context.js';
export { documentAnchor } from './document-anchor.js';
export { __testing } from './testing.js';
export type { SliceOptions } from './incremental/index.js';

/** What the wording rules read of one analysis. */
interface WordingInput {
  text: string;
  config: ResolvedConfig;
  placed: PlacedEntry[];
  facts: DocumentFacts;
  terms: string[];
  termsKey: string | undefined;
  /** The placed chunk findings document rules read. */
  read: LocalFinding[];
  anchor: { start: number; end: number };
  ruleErrors: { rule: string; message: string }[];
  reading: DocumentReading | undefined;
}

const MAX_TERMS_FOR_USAGE = 3000;

export class DocumentAnalyzer {
  private readonly chunks = new ChunkCache({ faulty: (name) => __testing.faultyRules.has(name), logOnce: (name, error) => this.logOnce(name, error) });
  private version = 0;
  private config: ResolvedConfig;
  private errorsLogged = new Set<string>();
  /** True once an analysis has been returned: later texts are edits of it (their phrases are scanned by run). */
  private edited = false;
  /** The reading layer's per-chunk sentences, for the chunks of the last version. */
  private readonly readingCache = new ReadingCache();
  /** The files of the deal folder the draft links to, and what each holds (analysed once per text). */
  private readonly linked = new LinkedDocuments();

  constructor(options: { config?: ResolvedConfig } = {}) {
    this.config = options.config ?? defaultConfig();
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
  }

  /**
   * The texts of the Markdown files the draft links to (relative links, by target as written; see `documentLinks`),
   * read by the adapter under its own limits. The clauses they hold count for the draft, present by reference; each
   * is analysed once per text, without following its own links. An empty map forgets them.
   */
  setLinkedDocuments(texts: ReadonlyMap<string, string>): void {
    this.linked.set(texts);
  }

  /**
   * Parses and scans, in time slices, every chunk of `text` the cache does not hold yet, handing control back through
   * `yieldControl` between slices; a following `update(text)` then only assembles the document-level results. The
   * language server calls it so that opening a long draft never holds its message loop for long. Throws the
   * CancelledError when `token` is cancelled between slices.
   */
  async prepare(text: string, options: SliceOptions): Promise<void> {
    if (text.length > this.config.maxDocumentSize) return;
    return inSlices(this.chunks.prepareSteps(text, this.config.catalogue), options);
  }

  /** The analysis of `text`, in one go (the CLI, the tests); see `updateInSlices` for the language server. */
  update(text: string, token?: CancellationLike): DocumentAnalysis {
    return allSteps(this.steps(text, token));
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
    const placed = this.chunks.place(this.chunks.spansOf(text, bodyStart), check);

    phaseDone('parse');
    yield* pause();
    // 2. Phrase scan and chunk-local rules, cached per chunk and catalogue.
    const catalogue = config.catalogue;
    const ruleErrors: { rule: string; message: string }[] = [];
    const { signals, read } = this.chunks.scanPlaced(placed, catalogue, this.edited, ruleErrors);
    check();

    phaseDone('phrases');
    yield* pause();
    // 3. Document model.
    const facts = buildDocumentFacts(text, placed, frontMatter);
    const model = facts.model;
    const roleCounts = new Map<string, number>();
    for (const [k, v] of Object.entries(facts.markers)) if (k.startsWith('role:')) roleCounts.set(k.slice(5), v);
    // The reading layer: operative sentences (cached per chunk), parties and roles, defined-term concepts, positions.
    const sentences = this.readingCache.sentences(
      placed.map((c, i) => ({ offset: c.offset, source: c.entry.source, mask: c.facts.mask, signals: signals[i].signals })),
      catalogue,
    );
    const reading = this.guard('reading', ruleErrors, () => readDocument(model, text, sentences, { you: facts.markers.you ?? 0, we: facts.markers.we ?? 0 }, catalogue, this.readingCache));
    const ownName = (role: 'licensor' | 'licensee') => {
      const p = reading?.parties.find((q) => q.role === role && q.shortName !== 'you' && q.shortName !== 'we');
      return p?.shortName;
    };
    // "we"/"you" where the draft speaks so and names no party of that role (inserted text follows it: fixes.ts).
    const pronoun = (role: 'licensor' | 'licensee') => reading?.parties.find((q) => q.role === role && (q.shortName === 'you' || q.shortName === 'we'))?.shortName;
    const licensor = ownName('licensor') ?? pronoun('licensor') ?? partyName(model, 'licensor', roleCounts);
    const licensee = ownName('licensee') ?? pronoun('licensee') ?? partyName(model, 'licensee', roleCounts);

    phaseDone('model');
    yield* pause();
    // 4. Term usage (cached per chunk while the set of defined terms is unchanged).
    const terms = [...new Set(model.definitions.map((d) => d.term))].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const termsKey = terms.length && terms.length <= MAX_TERMS_FOR_USAGE ? terms.join('\u0000') : undefined;
    if (termsKey !== undefined) this.chunks.scanTerms(placed, terms, termsKey);
    check();

    phaseDone('terms');
    yield* pause();
    // 5. Applicability and clauses. Document-level findings point at the title (or the first heading or line).
    const anchor = documentAnchor(model.title, model, text);
    const applicability = decideApplicability(config, frontMatter, facts, model.title?.text ?? '', kindInputOf(text, bodyStart, model, reading));
    const lineIndex = new LineIndex(text);
    const findings: Finding[] = [];
    let detections: ClauseDetection[] = [];
    let coverage: ClauseCoverage[] = [];
    if (applicability.isContract) {
      detections = (yield* pausing(this.guardSteps('clause-detection', ruleErrors, () => clauseDetectionSteps(model, signals, catalogue, text, (pos) => facts.blockAt(pos))))) ?? [];
      const linked = this.linked.size
        ? this.guard('linked-documents', ruleErrors, () =>
            this.linked.clausesFor(text, model, config, (linkedText) => {
              const a = new DocumentAnalyzer({ config }).update(linkedText);
              return { isContract: a.applicability.isContract, clauses: a.coverage.filter((c) => c.status === 'present' && !c.byReference).map((c) => c.clause) };
            }),
          )
        : undefined;
      coverage = clauseFindings(detections, applicability, config, anchor, findings, reading, model, linked);
    } else {
      coverage = catalogue.clauses.map((c) => ({ clause: c.id, title: c.title, group: c.group, status: 'not-applicable' as const, missingElements: [] }));
    }

    phaseDone('clauses');
    yield* pause();
    // 6. Wording rules (drafting checks run on every contract, AI or not).
    if (applicability.isContract) this.wordingFindings({ text, config, placed, facts, terms, termsKey, read, anchor, ruleErrors, reading }, findings);

    phaseDone('wording');
    yield* pause();
    // 7. Inline directives, de-duplication, order.
    const directives = placed.flatMap((c) => c.facts.directives.map((d) => ({ ...d, start: d.start + c.offset, end: d.end + c.offset })));
    const kept = dedupe(applyDirectives(findings, directives, lineIndex).sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule)));

    const analysis: DocumentAnalysis = {
      text,
      version,
      parties: (reading?.parties ?? []).map((p) => ({ name: p.shortName, role: p.role })),
      model,
      applicability,
      coverage,
      findings: kept,
      configProblems: config.problems,
      ruleErrors,
    };
    phaseDone('final');
    attachContext(analysis, { config, facts, detections, lineIndex, licensor, licensee, terms, timings, reading });
    this.edited = true;
    return analysis;
  }

  private tooLarge(text: string, version: number, config: ResolvedConfig): DocumentAnalysis {
    const end = Math.min(text.length, Math.max(0, text.indexOf('\n')) || Math.min(text.length, 80));
    const analysis: DocumentAnalysis = {
      text,
      version,
      model: { frontMatter: {}, parties: [], obligationVerb: 'shall', sections: [], definitions: [], crossReferences: [] },
      parties: [],
      applicability: { isContract: false, isAIAgreement: false, agreementKind: 'not-contract', reason: 'not analysed: too large' },
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

  /** The wording findings of a contract: the document-level rules' and the chunks' local ones, filtered and made once. */
  private wordingFindings(input: WordingInput, findings: Finding[]): void {
    const { text, config, placed, facts, terms, termsKey, read, anchor, ruleErrors, reading } = input;
    const model = facts.model;
    const catalogue = config.catalogue;
    const docRaw =
      this.guard('document-rules', ruleErrors, () =>
        documentFindings({
          model,
          chunks: this.chunks.ruleChunks(placed, termsKey),
          terms,
          locals: read,
          markers: facts.markers,
          externalDefinitions: facts.externalDefinitions,
          linkedTerms: facts.linkedTerms,
          partyNames: model.parties.map((p) => p.shortName),
          anchor,
          sectionTitles: facts.sectionTitles,
          reading: reading && { parties: reading.parties, sentences: reading.sentences },
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
      const severity = severityFor(r.rule, config, r.data?.downgrade === 'downgrade');
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
    // The findings made from a chunk's placed findings are kept with them, per configuration.
    this.chunks.madeFindings(placed, config, (f) => ruleFor(f.rule).reported !== false && kept(f) && !faulty(f.rule), make, findings);
    for (const r of docRaw) {
      if (!kept(r)) continue;
      if (faulty(r.rule)) continue;
      const finding = make(r);
      if (finding) findings.push(finding);
    }
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

/** One-shot analysis (the CLI and tests). */
export function analyzeText(text: string, config?: ResolvedConfig): DocumentAnalysis {
  return new DocumentAnalyzer({ config }).update(text);
}
