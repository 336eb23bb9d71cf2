/**
 * A small LSP client for the protocol tests: spawns the BUNDLED server as the VS Code client starts it
 * (`node <serverNodeOptions()> dist/server.cjs --stdio`), drives it with vscode-jsonrpc over stdio, answers the
 * server's requests (workspace/configuration, registerCapability, diagnostic refresh, showDocument), keeps a mirror
 * of every open document and applies WorkspaceEdits to it.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, CancellationTokenSource, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverNodeOptions } from '../../server/src/lsp/launch.js';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
  InitializeResult,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.cjs');
export const FIXTURES = path.join(ROOT, 'test', 'lsp', 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface StartOptions {
  /** Advertise pull diagnostics (default true). */
  pull?: boolean;
  /** Answer workspace/configuration (default true). */
  configuration?: boolean;
  snippetEdits?: boolean;
  initializationOptions?: unknown;
  workspaceFolders?: { uri: string; name: string }[];
  /** The `aiClauses` settings section the test client answers with. */
  settings?: Record<string, unknown>;
  /** Per-resource settings (multi-root): called with the request's scopeUri; wins over `settings`. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown>;
  /** Advertise snippet support in completion items (default true). */
  completionSnippets?: boolean;
  /** Advertise Markdown hovers (default true). */
  markdownHover?: boolean;
  /** Advertise related information on diagnostics (default true). */
  relatedInformation?: boolean;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly shownDocuments: string[] = [];
  /** Every window/showDocument request, with its selection. */
  readonly shownDocumentParams: { uri: string; selection?: Range; takeFocus?: boolean }[] = [];
  /** Every window/showMessageRequest; `answerMessage` picks the answer (default: the first action). */
  readonly messageRequests: { message: string; actions?: { title: string }[] }[] = [];
  answerMessage: (actions: { title: string }[]) => { title: string } | null = (actions) => actions[0] ?? null;
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  refreshRequests = 0;
  configurationRequests = 0;
  settings: Record<string, unknown>;
  readonly docs = new Map<string, TextDocument>();
  initializeResult!: InitializeResult;
  private exited = false;
  private stderr = '';
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    proc.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run "node scripts/build.mjs" before the LSP tests`);
    const proc = spawn(process.execPath, [...serverNodeOptions(), SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, connection, options);
    connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      client.configurationRequests++;
      return params.items.map((item) =>
        item.section === 'aiClauses' ? (options.settingsFor ? options.settingsFor(item.scopeUri) : client.settings) : null,
      );
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...params.registrations);
      client.notify();
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      client.notify();
      return null;
    });
    connection.onRequest('window/showMessageRequest', (params: { message: string; actions?: { title: string }[] }) => {
      client.messageRequests.push(params);
      return client.answerMessage(params.actions ?? []);
    });
    connection.onRequest('workspace/applyEdit', async (params: { edit: WorkspaceEdit }) => {
      await client.applyEdit(params.edit);
      return { applied: true };
    });
    connection.onRequest('window/showDocument', (params: { uri: string; selection?: Range; takeFocus?: boolean }) => {
      client.shownDocuments.push(params.uri);
      client.shownDocumentParams.push(params);
      client.notify();
      return { success: true };
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push(params);
      client.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
    });
    connection.listen();

    const pull = options.pull !== false;
    const capabilities: Record<string, unknown> = {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: { relatedInformation: options.relatedInformation !== false, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          resolveSupport: { properties: ['edit'] },
        },
        completion: { completionItem: { snippetSupport: options.completionSnippets !== false, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
        hover: { contentFormat: options.markdownHover === false ? ['plaintext'] : ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        definition: {},
        references: {},
        rename: { prepareSupport: true },
      },
      workspace: {
        configuration: options.configuration !== false,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: false },
        didChangeWatchedFiles: { dynamicRegistration: true },
        applyEdit: true,
        workspaceEdit: { documentChanges: true, ...(options.snippetEdits ? { snippetEditSupport: true } : {}) },
        ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { showDocument: { support: true }, workDoneProgress: false },
    };
    client.initializeResult = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `predicate` holds (re-checked on every notification from the server), or fails after `ms`. */
  async waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out after ${ms} ms waiting for ${what}`);
      assert.ok(!this.exited, `server exited while waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    assert.ok(doc, `${uri} is not open`);
    return doc;
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  /** Sends incremental changes (each relative to the text after the previous one), mirrored locally. */
  async change(uri: string, changes: { range: Range; text: string }[]): Promise<TextDocument> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return doc;
  }

  /** Replaces the first occurrence of `search` (after `from`) with `replacement`, as an incremental change. */
  async replace(uri: string, search: string, replacement: string, from = 0): Promise<void> {
    const doc = this.doc(uri);
    const at = doc.getText().indexOf(search, from);
    assert.ok(at >= 0, `"${search}" not found in ${uri}`);
    await this.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + search.length) }, text: replacement }]);
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** Pulls and returns the items of a full report (fails on an unchanged report). */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.pull(uri);
    assert.equal(report.kind, 'full', 'expected a full diagnostic report');
    return (report as { items: Diagnostic[] }).items;
  }

  /** A request that is cancelled right after it is sent. */
  cancelledRequest<R>(method: string, params: unknown): Promise<R> {
    const source = new CancellationTokenSource();
    const promise = this.connection.sendRequest(method, params, source.token) as Promise<R>;
    source.cancel();
    return promise;
  }

  /**
   * Applies a WorkspaceEdit to the mirror the way an editor does: a TextDocumentEdit whose version is not the
   * document's current version is rejected. Then sends the edits to the server as incremental changes.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const perDoc: { uri: string; version: number | null; edits: TextEdit[] }[] = [];
    for (const change of edit.documentChanges ?? []) {
      assert.ok('textDocument' in change && 'edits' in change, 'only TextDocumentEdits are expected');
      perDoc.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits as TextEdit[] });
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perDoc.push({ uri, version: null, edits });
    for (const { uri, version, edits } of perDoc) {
      const doc = this.doc(uri);
      if (version !== null) assert.equal(version, doc.version, `stale edit: made for version ${version}, document is at ${doc.version}`);
      const plain = edits.map((e) => {
        const snippet = (e as TextEdit & { snippet?: { value: string } }).snippet;
        return { range: e.range, newText: snippet ? stripSnippet(snippet.value) : e.newText };
      });
      // Edits must not overlap (LSP requirement).
      const sorted = plain
        .map((e) => ({ ...e, start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
      for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, 'edits overlap');
      // Send in reverse document order so every range is still valid when its turn comes.
      await this.change(
        uri,
        [...sorted].reverse().map((e) => ({ range: e.range, text: e.newText })),
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // The server may be gone already.
      }
      await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
      if (!this.exited) this.proc.kill();
    }
    this.connection.dispose();
  }
}

/** Snippet syntax → the plain text an editor inserts when tab stops keep their defaults. */
export function stripSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
      continue;
    }
    if (c === '$') {
      const rest = snippet.slice(i);
      const placeholder = /^\$\{\d+:/.exec(rest);
      if (placeholder) {
        i += placeholder[0].length - 1;
        continue;
      }
      const tab = /^\$\{?\d+\}?/.exec(rest);
      if (tab) {
        i += tab[0].length - 1;
        continue;
      }
    }
    if (c === '}') continue; // end of a placeholder (literal braces are escaped)
    out += c;
  }
  return out;
}

/** Starts a server before a suite's tests, opens the fixture `name` in it and stops it afterwards; returns its URI. */
export function serveDraft(name: string, use: (client: TestClient) => void): string {
  const uri = docUri(name);
  let started: TestClient | undefined;
  before(async () => {
    started = await TestClient.start();
    await started.open(uri, fixture(name));
    use(started);
  });
  after(async () => {
    await started?.stop();
  });
  return uri;
}

export function docUri(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).href;
}

/** Offsets of `search` in `text` as an LSP position (first occurrence after `from`). */
export function positionOf(doc: TextDocument, search: string, delta = 0, from = 0): { line: number; character: number } {
  const at = doc.getText().indexOf(search, from);
  assert.ok(at >= 0, `"${search}" not found`);
  return doc.positionAt(at + delta);
}

export function textAt(doc: TextDocument, range: Range): string {
  return doc.getText(range);
}

/** (rule, text) pairs of our diagnostics, sorted: compares findings independent of their offsets. */
export function findingSet(doc: TextDocument, items: Diagnostic[]): string[] {
  return items.map((d) => `${String(d.code)}: ${doc.getText(d.range)}`).sort();
}

const SEVERITY_NUMBER: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

/**
 * The missing clauses reported in `items`, one entry per clause, whether the server grouped them into a summary
 * diagnostic with related information (`aiClauses.missingClauses: "grouped"`, the default) or sent one each.
 */
export function missingClauses(items: Diagnostic[]): { title: string; severity: number; range: Range }[] {
  const out: { title: string; severity: number; range: Range }[] = [];
  for (const d of items) {
    if (d.code !== 'missing-clause') continue;
    if (d.relatedInformation?.length) {
      for (const r of d.relatedInformation) {
        const m = /^Missing clause: (.+) \((\w+)\)$/.exec(r.message);
        assert.ok(m, `unexpected related information: ${r.message}`);
        out.push({ title: m[1], severity: SEVERITY_NUMBER[m[2]], range: r.location.range });
      }
    } else {
      const m = /^Missing clause: (.+)\.$/.exec(d.message);
      assert.ok(m, `unexpected missing-clause message: ${d.message}`);
      out.push({ title: m[1], severity: d.severity!, range: d.range });
    }
  }
  return out;
}
