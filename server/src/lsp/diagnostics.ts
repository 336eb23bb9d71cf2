/**
 * Diagnostics: pulled (`textDocument/diagnostic`) when the client supports it, else pushed (`publishDiagnostics`)
 * after a 300 ms per-document pause in typing. Never both. Pull results carry a result id of document version +
 * configuration epoch, so a pull for an unchanged document answers `unchanged`.
 */
import {
  CancellationTokenSource,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node.js';
import type { ClientFeatures, ServerContext } from './context.js';
import { toDiagnostic, ruleDocUrl, SOURCE, type DiagnosticData } from './convert.js';
import { loadEngine, isCancelledError } from './engine.js';
import { isConfigFileUri, uriToPath } from './files.js';
import { describeError } from './log.js';
import { guard } from './safe.js';
import { PerformanceObserver } from 'node:perf_hooks';
import type { AnalysisResult } from './store.js';
import { briefMessage } from '../shared/brief-message.js';

export const PUSH_DEBOUNCE_MS = 300;

/** The diagnostics of an analysis (computed once, cached on the result). */
export function diagnosticsOf(result: AnalysisResult, client: Pick<ClientFeatures, 'relatedInformation'>): Diagnostic[] {
  if (result.diagnostics) return result.diagnostics;
  const { analysis, index, version } = result;
  // What is wrong, without why it matters and what to write instead: the hover explains (no repetition there) and
  // the Problems panel stays readable.
  const catalogue = result.config.resolved.catalogue;
  let items = analysis.findings.map((f) => toDiagnostic(f, index, version, briefMessage(f, catalogue)));
  if (result.config.settings.missingClauses === 'grouped') items = groupMissingClauses(result, items, client.relatedInformation);
  if (analysis.skipped && !analysis.findings.some((f) => f.rule === 'document-too-large')) {
    items.push({
      range: index.range(0, Math.min(index.lineEnd(0), analysis.text.length)),
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'document-too-large',
      codeDescription: { href: ruleDocUrl('document-too-large') },
      message: `${analysis.skipped} The limit is set by the "aiClauses.maxDocumentSize" setting (currently ${result.config.resolved.maxDocumentSize} characters).`,
    });
  }
  result.diagnostics = items;
  return items;
}

const RANK: Record<number, number> = { [DiagnosticSeverity.Error]: 1, [DiagnosticSeverity.Warning]: 2, [DiagnosticSeverity.Information]: 3, [DiagnosticSeverity.Hint]: 4 };

/**
 * Missing clauses are all anchored on the agreement's title: listed one by one they fill the Problems panel. With
 * `aiClauses.missingClauses: "grouped"` (the default) the missing-clause diagnostics that share an anchor become one
 * summary diagnostic (the most severe of their severities) with one related-information line per clause; its `data`
 * keeps every finding's key, so the quick fixes still find them. A client without related information gets every
 * title in the message.
 */
export function groupMissingClauses(result: AnalysisResult, items: Diagnostic[], related: boolean): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of items) {
    if (d.code !== 'missing-clause') continue;
    const at = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`;
    groups.set(at, [...(groups.get(at) ?? []), d]);
  }
  const replaced = new Map<Diagnostic, Diagnostic | null>();
  const titleOf = (d: Diagnostic) => /^Missing clause: (.*)\.$/.exec(d.message)?.[1] ?? d.message;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    // Most severe first; the catalogue's order among equals.
    const sorted = members
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (RANK[a.d.severity ?? 4] ?? 4) - (RANK[b.d.severity ?? 4] ?? 4) || a.i - b.i)
      .map((x) => x.d);
    const titles = sorted.map(titleOf);
    const shown = related ? titles.slice(0, 3) : titles;
    const more = titles.length - shown.length;
    const summary: Diagnostic = {
      ...sorted[0],
      message: `${titles.length} clauses missing: ${shown.join(', ')}${more ? ` and ${more} more` : ''}.`,
      data: { ...(sorted[0].data as DiagnosticData), keys: sorted.map((d) => (d.data as DiagnosticData).key) } satisfies DiagnosticData,
    };
    if (related) {
      summary.relatedInformation = sorted.map((d) => ({
        location: { uri: result.uri, range: d.range },
        message: `Missing clause: ${titleOf(d)} (${['', 'error', 'warning', 'information', 'hint'][d.severity ?? 4]})`,
      }));
    }
    replaced.set(members[0], summary);
    for (const d of members.slice(1)) replaced.set(d, null);
  }
  if (!replaced.size) return items;
  return items.flatMap((d) => {
    const r = replaced.get(d);
    return r === undefined ? [d] : r ? [r] : [];
  });
}

async function configFileDiagnostics(ctx: ServerContext, uri: string): Promise<Diagnostic[]> {
  const file = uriToPath(uri);
  const doc = ctx.documents.get(uri);
  if (!file || !doc) return [];
  const problems = await ctx.config.problemsInConfigFile(file);
  if (!problems.length) return [];
  const engine = await loadEngine();
  const index = new engine.LineIndex(doc.getText());
  return problems.map((p) => ({
    range: index.range(p.start, p.end),
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'config-error',
    codeDescription: { href: ruleDocUrl('config-error') },
    message: p.message,
  }));
}

/**
 * When `aiClauses.logTimings` is on: how long after the change the diagnostics of a version were ready, and where the
 * analysis spent its time. Measured from the moment the server has applied the change to the moment the LSP
 * diagnostics are built (serialisation and transport excluded); logged after the answer is sent.
 */
function logTimings(ctx: ServerContext, result: AnalysisResult, items: Diagnostic[], changedAt: Map<string, { version: number; at: number }>, askedAt: number, convertStart: number): void {
  if (!result.config.settings.logTimings) return;
  observeGc();
  const changed = changedAt.get(result.uri);
  const now = performance.now();
  const waited = changed && changed.version === result.version ? Math.max(0, askedAt - changed.at) : 0;
  const phases = Object.entries(result.engine.timingsOf(result.analysis))
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  // Logged after the answer is sent, once the pauses of this period have been reported to the observer.
  setTimeout(() => {
    const ready =
      changed && changed.version === result.version
        ? `${(now - changed.at).toFixed(2)} ms after the change, ${gcTimeBetween(changed.at, now).toFixed(2)} ms of it garbage collection`
        : 'for an unchanged version';
    ctx.log.info(`timings ${result.uri} v${result.version}: ${items.length} diagnostics ready ${ready} (waiting ${waited.toFixed(2)}; prepare ${result.prepareMs.toFixed(2)}; analysis: ${phases}; LSP diagnostics ${(now - convertStart).toFixed(2)})`);
  }, 20);
}

/** Garbage-collection pauses of the last few seconds, observed only while timings are logged. */
const gcPauses: { start: number; duration: number }[] = [];
let gcObserver: PerformanceObserver | undefined;

function observeGc(): void {
  if (gcObserver) return;
  gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, duration: entry.duration });
    const horizon = performance.now() - 10_000;
    while (gcPauses.length && gcPauses[0].start < horizon) gcPauses.shift();
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

function gcTimeBetween(from: number, to: number): number {
  let total = 0;
  for (const p of gcPauses) if (p.start >= from && p.start < to) total += p.duration;
  return total;
}

export interface DiagnosticsFeature {
  /** Settings or configuration files changed: have every open document re-diagnosed. */
  refreshAll(): void;
}

export function registerDiagnostics(ctx: ServerContext): DiagnosticsFeature {
  const { connection, documents, store, client, log } = ctx;
  const changedAt = new Map<string, { version: number; at: number }>();
  documents.onDidChangeContent((e) => {
    changedAt.set(e.document.uri, { version: e.document.version, at: performance.now() });
  });
  documents.onDidClose((e) => changedAt.delete(e.document.uri));

  if (client.pullDiagnostics) {
    connection.languages.diagnostics.on(
      guard(log, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params, token) => {
        const askedAt = performance.now();
        const uri = params.textDocument.uri;
        if (isConfigFileUri(uri)) {
          return { kind: DocumentDiagnosticReportKind.Full, items: await configFileDiagnostics(ctx, uri) } satisfies DocumentDiagnosticReport;
        }
        const result = await store.get(uri, token);
        if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] } satisfies DocumentDiagnosticReport;
        const resultId = `${result.version}:${result.epoch}:${result.linkedStamp}`;
        if (params.previousResultId === resultId) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId } satisfies DocumentDiagnosticReport;
        }
        const convertStart = performance.now();
        const items = diagnosticsOf(result, ctx.client);
        logTimings(ctx, result, items, changedAt, askedAt, convertStart);
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items } satisfies DocumentDiagnosticReport;
      }),
    );
    return {
      refreshAll() {
        if (client.diagnosticRefresh) {
          connection.languages.diagnostics.refresh();
        }
      },
    };
  }

  // Push mode.
  const timers = new Map<string, { timer: NodeJS.Timeout; source: CancellationTokenSource }>();
  const published = new Set<string>();

  const publish = async (uri: string, source: CancellationTokenSource): Promise<void> => {
    try {
      const askedAt = performance.now();
      const doc = documents.get(uri);
      if (!doc) return;
      let diagnostics: Diagnostic[];
      let version: number | undefined = doc.version;
      if (isConfigFileUri(uri)) diagnostics = await configFileDiagnostics(ctx, uri);
      else {
        const result = await store.get(uri, source.token);
        const convertStart = performance.now();
        diagnostics = result ? diagnosticsOf(result, ctx.client) : [];
        if (result) logTimings(ctx, result, diagnostics, changedAt, askedAt, convertStart);
        version = result?.version ?? version;
      }
      if (source.token.isCancellationRequested || !documents.get(uri)) return;
      published.add(uri);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      if (isCancelledError(error)) return;
      log.once(`push:${String(error)}`, 'error', `publishing diagnostics failed: ${describeError(error)}`);
    }
  };

  const schedule = (uri: string, delay: number): void => {
    const previous = timers.get(uri);
    if (previous) {
      clearTimeout(previous.timer);
      previous.source.cancel();
    }
    const source = new CancellationTokenSource();
    const timer = setTimeout(() => {
      timers.delete(uri);
      void publish(uri, source);
    }, delay);
    timers.set(uri, { timer, source });
  };

  documents.onDidChangeContent((e) => schedule(e.document.uri, published.has(e.document.uri) ? PUSH_DEBOUNCE_MS : 0));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) {
      clearTimeout(pending.timer);
      pending.source.cancel();
      timers.delete(uri);
    }
    if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  return {
    refreshAll() {
      for (const doc of documents.all()) schedule(doc.uri, 0);
    },
  };
}
