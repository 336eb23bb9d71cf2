import { CancelledError, type CancellationLike } from '../types.js';

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
export async function inSlices<T>(steps: Generator<void, T, void>, options: SliceOptions): Promise<T> {
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

/** Runs work written as steps to its end, in one go. */
export function allSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
