/**
 * Custom requests for the client's coverage tree view, status bar and "Insert clause…" command:
 * `aiClauses/coverage` and `aiClauses/insertClause`.
 */
import type { WorkspaceEdit } from 'vscode-languageserver/node.js';
import type { ServerContext } from './context.js';
import { workspaceEdit } from './convert.js';
import {
  CoverageRequestMethod,
  InsertClauseRequestMethod,
  type CoverageItem,
  type CoverageParams,
  type CoverageResult,
  type InsertClauseParams,
} from './protocol.js';
import { guard } from './safe.js';
import type { AnalysisResult } from './store.js';

export function coverageOf(result: AnalysisResult): CoverageResult {
  const { analysis, index } = result;
  const catalogue = result.config.resolved.catalogue;
  const perspective = result.config.resolved.perspective;
  // The most severe missing-clause / incomplete-clause finding of each clause (findings can be switched off).
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const severity = new Map<string, CoverageItem['severity']>();
  for (const f of analysis.findings) {
    if (!f.clause || (f.rule !== 'missing-clause' && f.rule !== 'incomplete-clause')) continue;
    const known = severity.get(f.clause);
    if (!known || rank[f.severity] < rank[known]) severity.set(f.clause, f.severity);
  }
  const coverage: CoverageItem[] = analysis.coverage.map((c) => {
    const entry = catalogue.clause(c.clause);
    return {
      clause: c.clause,
      title: c.title,
      group: c.group,
      status: c.status,
      missingElements: c.missingElements,
      missingElementTitles: c.missingElements.map((id) => entry?.elements.find((e) => e.id === id)?.title ?? id),
      ...(severity.has(c.clause) ? { severity: severity.get(c.clause) } : {}),
      range: c.span ? index.range(c.span.start, c.span.end) : undefined,
      variant: c.variant,
      why: entry?.why ?? '',
      importance: entry?.importance,
      variants: (entry?.variants ?? []).map((v) => ({ id: v.id, title: v.title })),
      ...(c.byReference ? { byReference: true } : {}),
      ...(c.referencedIn ? { referencedIn: c.referencedIn } : {}),
      ...(c.position
        ? {
            position: {
              id: c.position.id,
              title: c.position.title,
              favours: c.position.favours,
              rating: ratingFor(c.position.favours, perspective),
              range: index.range(c.position.span.start, c.position.span.end),
            },
          }
        : {}),
    };
  });
  return { uri: result.uri, version: result.version, applicability: analysis.applicability, coverage, skipped: analysis.skipped };
}

/** How a position rates for the user: the other side's is unfavourable; in the neutral perspective one-sided is. */
export function ratingFor(favours: 'licensee' | 'balanced' | 'licensor', perspective: 'licensee' | 'licensor' | 'neutral'): 'favourable' | 'balanced' | 'unfavourable' {
  if (favours === 'balanced') return 'balanced';
  if (perspective === 'neutral') return 'unfavourable';
  return favours === perspective ? 'favourable' : 'unfavourable';
}

export function registerCoverage(ctx: ServerContext): void {
  const { connection, store, log, client } = ctx;

  connection.onRequest(
    CoverageRequestMethod,
    guard(log, 'coverage', null as CoverageResult | null, async (params: CoverageParams, token) => {
      const result = await store.get(params.uri, token);
      return result ? coverageOf(result) : null;
    }),
  );

  connection.onRequest(
    InsertClauseRequestMethod,
    guard(log, 'insertClause', null as WorkspaceEdit | null, async (params: InsertClauseParams, token) => {
      const result = await store.get(params.uri, token);
      if (!result) return null;
      const fix = result.engine.insertClauseFix(result.analysis, params.clause, { variant: params.variant, snippets: false });
      if (!fix) return null;
      return workspaceEdit(result.uri, result.version, fix.edits, result.index, { ...client, snippetEdits: false });
    }),
  );
}
