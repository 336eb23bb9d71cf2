/**
 * Every request and notification handler goes through `guard`: a failure is logged once per feature and message,
 * and the client gets an empty answer instead of an error or a crashed server. Cancellation is passed on as the
 * LSP cancellation error.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node.js';
import { isCancelledError } from './engine.js';
import { describeError, type Logger } from './log.js';

export function cancellationError(token: CancellationToken | undefined): ResponseError<unknown> {
  // Cancelled by the client: RequestCancelled. Abandoned by the server (a newer version arrived): ServerCancelled,
  // asking the client to ask again.
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'analysis superseded', { retriggerRequest: true });
}

export function guard<P, R, F>(
  log: Logger,
  feature: string,
  fallback: F,
  handler: (params: P, token: CancellationToken) => Promise<R> | R,
): (params: P, token: CancellationToken) => Promise<R | F> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      if (isCancelledError(error)) throw cancellationError(token);
      const message = error instanceof Error ? error.message : String(error);
      log.once(`${feature}:${message}`, 'error', `${feature} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** The same for notifications: errors are logged, never thrown. */
export function guardNotification<P>(log: Logger, feature: string, handler: (params: P) => Promise<void> | void): (params: P) => void {
  return (params) => {
    Promise.resolve()
      .then(() => handler(params))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log.once(`${feature}:${message}`, 'error', `${feature} failed: ${describeError(error)}`);
      });
  };
}
