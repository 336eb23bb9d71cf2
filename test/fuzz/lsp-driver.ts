/**
 * A minimal LSP client for tests and the benchmark: spawns the bundled server as the VS Code client starts it
 * (`node <serverNodeOptions()> dist/server.cjs --stdio`) and
 * drives it with vscode-jsonrpc. It answers the requests a server may send to its client (configuration, capability
 * registration, progress), mirrors nothing itself and measures nothing: callers time what they need.
 *
 * Diagnostics: when the server advertises `diagnosticProvider`, `diagnostics(uri)` pulls them with
 * `textDocument/diagnostic`; otherwise it waits for the `textDocument/publishDiagnostics` of the document's latest
 * version.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server.cjs');

import type { LspPosition, LspRange } from '../../server/src/lsp/protocol.js';
import { serverNodeOptions } from '../../server/src/lsp/launch.js';

export type { LspPosition, LspRange };
export interface LspDiagnostic {
  range: LspRange;
  message: string;
  severity?: number;
  code?: string | number;
  source?: string;
  data?: unknown;
}
export interface ContentChange {
  range?: LspRange;
  text: string;
}

export interface DriverOptions {
  serverPath?: string;
  /** Extra arguments after `--stdio`. */
  args?: string[];
  /** Node flags added to the product's own (`serverNodeOptions()`), e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
  cwd?: string;
  /** Answer to every `workspace/configuration` item. */
  settings?: unknown;
  env?: NodeJS.ProcessEnv;
}

export class LspDriver {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** Everything the server wrote to stderr (logs). */
  stderr = '';
  /** `window/logMessage` and `window/showMessage` texts. */
  readonly messages: string[] = [];
  capabilities: Record<string, any> = {};
  exited = false;
  exitCode: number | null = null;
  private readonly published = new Map<string, { version?: number; diagnostics: LspDiagnostic[] }>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: LspDiagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();

  constructor(options: DriverOptions = {}) {
    const serverPath = options.serverPath ?? SERVER_BUNDLE;
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run \`node scripts/build.mjs\` first`);
    this.child = spawn(process.execPath, [...serverNodeOptions(), ...(options.nodeArgs ?? []), serverPath, '--stdio', ...(options.args ?? [])], {
      cwd: options.cwd ?? REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (d: string) => {
      if (this.stderr.length < 1_000_000) this.stderr += d;
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      this.exitCode = code;
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    const settings = options.settings ?? {};
    this.connection.onRequest((method: string, params: any) => {
      if (method === 'workspace/configuration') return (params?.items ?? []).map(() => settings);
      if (method === 'workspace/workspaceFolders') return null;
      return null; // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh, ...
    });
    this.connection.onNotification((method: string, params: any) => {
      if (method === 'textDocument/publishDiagnostics') {
        this.published.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          const w = this.waiters[i];
          if (w.uri === params.uri && (w.version === undefined || params.version === undefined || params.version >= w.version)) {
            this.waiters.splice(i, 1);
            w.resolve(params.diagnostics);
          }
        }
      } else if (method === 'window/logMessage' || method === 'window/showMessage') {
        if (this.messages.length < 10_000) this.messages.push(String(params?.message ?? ''));
      }
    });
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Sends `initialize` + `initialized`; resolves with the server's capabilities. */
  async initialize(rootPath: string = REPO_ROOT, initializationOptions?: unknown): Promise<Record<string, any>> {
    const rootUri = pathToFileURL(rootPath).href;
    const result: any = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source', 'source.fixAll'] } },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
        window: { workDoneProgress: false },
      },
    });
    this.capabilities = result?.capabilities ?? {};
    await this.connection.sendNotification('initialized', {});
    return this.capabilities;
  }

  get pulls(): boolean {
    return !!this.capabilities.diagnosticProvider;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  async change(uri: string, changes: ContentChange[], version?: number): Promise<number> {
    const v = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, v);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.published.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics of the document's current version (pulled, or the matching publish). */
  async diagnostics(uri: string, timeoutMs = 30_000): Promise<LspDiagnostic[]> {
    if (this.pulls) {
      const report: any = await withTimeout(
        this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
        timeoutMs,
        `textDocument/diagnostic for ${uri}`,
      );
      return report?.items ?? [];
    }
    const version = this.versions.get(uri);
    const last = this.published.get(uri);
    if (last && (version === undefined || last.version === undefined || last.version >= version)) return last.diagnostics;
    return withTimeout(
      new Promise<LspDiagnostic[]>((resolve) => this.waiters.push({ uri, version, resolve })),
      timeoutMs,
      `publishDiagnostics for ${uri} v${version}`,
    );
  }

  request<R = any>(method: string, params: unknown, timeoutMs = 30_000): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), timeoutMs, method);
  }

  /** shutdown + exit, then waits (briefly) for the process to end; kills it if it does not. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        /* the server may already be gone */
      }
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 3000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
