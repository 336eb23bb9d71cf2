/** Logging through the LSP connection (never stdout: with `--stdio` that is the protocol stream). */
import type { Connection } from 'vscode-languageserver/node.js';

export class Logger {
  private readonly seen = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.connection.console.info(`[ai-clauses] ${message}`);
  }

  warn(message: string): void {
    this.connection.console.warn(`[ai-clauses] ${message}`);
  }

  error(message: string): void {
    this.connection.console.error(`[ai-clauses] ${message}`);
  }

  /** Logs a message once per key for the life of the server (one failing rule must not flood the output). */
  once(key: string, level: 'info' | 'warn' | 'error', message: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.add(key);
    this[level](message);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
