/**
 * Lazy access to the engine. The server answers `initialize` before the engine (and the Markdown parser it pulls
 * in) is evaluated: every module under server/src/lsp imports the engine with `import type` only and reaches its
 * runtime values through `loadEngine()`. esbuild turns the dynamic import into a lazily initialised module inside
 * the single-file bundle, so nothing is read from disk at run time.
 */
import type * as EngineModule from '../engine/index.js';

export type Engine = typeof EngineModule;

let loading: Promise<Engine> | undefined;
let loaded: Engine | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('../engine/index.js').then((m) => (loaded = m));
  return loading;
}

/** The engine when it has been loaded already (synchronous paths), else undefined. */
export function engineIfLoaded(): Engine | undefined {
  return loaded;
}

export function isCancelledError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CancelledError';
}
