/**
 * `aiClauses/compare`: the VS Code client's "Compare Clause Positions With…" command. The client sends both texts
 * (the editor's current draft and the other file or git revision it read); this handler only resolves the
 * document's configuration, as diagnostics do, runs the engine's comparison and turns its offsets into ranges.
 */
import type { ComparedClauseSide, LineIndex } from '../engine/index.js';
import type { ServerContext } from './context.js';
import { loadEngine } from './engine.js';
import { CompareRequestMethod, type CompareParams, type CompareResult, type CompareSide } from './protocol.js';
import { guard } from './safe.js';

function side(s: ComparedClauseSide, index: LineIndex): CompareSide {
  return {
    status: s.status,
    ...(s.position ? { position: { id: s.position.id, title: s.position.title } } : {}),
    ...(s.favours ? { favours: s.favours } : {}),
    ...(s.span ? { range: index.range(s.span.start, s.span.end) } : {}),
    ...(s.excerpt !== undefined ? { excerpt: s.excerpt } : {}),
    ...(s.section !== undefined ? { section: s.section } : {}),
  };
}

function isParams(p: unknown): p is CompareParams {
  const o = p as Record<string, unknown> | null;
  return !!o && ['uri', 'beforeText', 'beforeLabel', 'afterText', 'afterLabel'].every((k) => typeof o[k] === 'string');
}

export function registerCompare(ctx: ServerContext): void {
  const { connection, config, log } = ctx;
  connection.onRequest(
    CompareRequestMethod,
    guard(log, 'compare', null as CompareResult | null, async (params: CompareParams) => {
      if (!isParams(params)) return null;
      const engine = await loadEngine();
      // The same configuration as the document's diagnostics: settings, .ai-clauses.json, playbooks, trust.
      const documentConfig = await config.configFor(params.uri);
      if (!documentConfig.settings.enable) return null;
      const comparison = engine.compareTexts(params.beforeText, params.afterText, {
        before: params.beforeLabel,
        after: params.afterLabel,
        config: documentConfig.resolved,
      });
      const beforeIndex = new engine.LineIndex(params.beforeText);
      const afterIndex = new engine.LineIndex(params.afterText);
      return {
        uri: params.uri,
        before: comparison.before,
        after: comparison.after,
        perspective: comparison.perspective,
        changes: comparison.changes.map((c) => ({
          clause: c.clause,
          title: c.title,
          before: side(c.before, beforeIndex),
          after: side(c.after, afterIndex),
          direction: c.direction,
          against: c.against,
          details: c.details,
          ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
          ...(c.fallback !== undefined ? { fallback: c.fallback } : {}),
          ...(c.fallbackPosition ? { fallbackPosition: c.fallbackPosition } : {}),
        })),
      };
    }),
  );
}
