/** What an analysis keeps besides its public result, for fixes, hovers and navigation. */
import type { DocumentAnalysis } from './types.js';
import type { ResolvedConfig } from './config.js';
import type { DocumentFacts } from './model.js';
import type { ClauseDetection } from './clauses.js';
import type { LineIndex } from './line-index.js';
import type { DocumentReading } from './reading/index.js';

/** Extra information kept with an analysis for fixes, hovers and navigation. */
export interface AnalysisContext {
  config: ResolvedConfig;
  facts: DocumentFacts;
  detections: ClauseDetection[];
  lineIndex: LineIndex;
  licensor: string;
  licensee: string;
  terms: string[];
  /** What the reading layer made of the draft: parties and roles, defined-term concepts, positions. */
  reading?: DocumentReading;
  /** The draft's spelling habit, read on first use by a fix (a whole-text scan: once per analysis, not per fix). */
  spelling?: 'us' | 'uk';
  /** Other whole-draft facts a rule's fixes read, computed once per analysis on first use (keyed by rule id). */
  memo?: Map<string, unknown>;
  /** Milliseconds spent in each phase of the analysis (for the benchmark's profile and the server's trace). */
  timings: Record<string, number>;
}

/**
 * The key of the context kept on each analysis: a hidden property, not a WeakMap keyed by the analysis. A collection
 * of the young generation treats the values of a long-lived WeakMap as live, so every context of the last versions
 * (facts, detections, line index) survived it and was promoted; a property dies with its analysis.
 */
const CONTEXT = Symbol('ai-clauses analysis context');

export function attachContext(analysis: DocumentAnalysis, context: AnalysisContext): void {
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

