/**
 * Helpers for the extension-host suite. Every wait is driven by VS Code events (diagnostics changes) or, where VS Code
 * has no event (code actions become available once the main thread has the markers), by a bounded poll of the real
 * provider; none of them sleeps for a fixed time to "let things settle".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiClausesApi } from '../../../client/src/extension.js';

export const EXTENSION_ID = 'ai-clauses.ai-clauses';
export const SOURCE = 'ai-clauses';
export const DEFAULT_TIMEOUT = 30_000;

let apiPromise: Promise<AiClausesApi> | undefined;

/** Activates the extension (idempotent) and waits until its language server has answered `initialize`. */
export function activateExtension(): Promise<AiClausesApi> {
  apiPromise ??= (async () => {
    const ext = vscode.extensions.getExtension<AiClausesApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    const api = await ext.activate();
    assert.ok(api && typeof api === 'object', 'activate() returned no API object');
    assert.ok(api.ready instanceof Promise, 'the API has no `ready` promise');
    await api.ready;
    return api;
  })();
  return apiPromise;
}

export function extension(): vscode.Extension<AiClausesApi> {
  const ext = vscode.extensions.getExtension<AiClausesApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export function workspaceFolder(index = 0): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[index];
  assert.ok(folder, `no workspace folder #${index} is open`);
  return folder;
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

/** The ai-clauses diagnostics of a document. */
export function aiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function withRule(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return aiDiagnostics(uri).filter((d) => ruleOf(d) === rule);
}

function describe(uri: vscode.Uri): string {
  const ds = aiDiagnostics(uri);
  const counts = new Map<string, number>();
  for (const d of ds) counts.set(ruleOf(d) ?? '?', (counts.get(ruleOf(d) ?? '?') ?? 0) + 1);
  return `${ds.length} ai-clauses diagnostics on ${uri.toString(true)}: ${[...counts].map(([r, n]) => `${r}×${n}`).join(', ') || 'none'}`;
}

/**
 * Resolves with the document's ai-clauses diagnostics as soon as `ok` holds for them: checked now and again on every
 * `onDidChangeDiagnostics` event for that document. Rejects with what was there at the deadline.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = aiDiagnostics(uri);
      if (!ok(ds)) return false;
      finish();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${describe(uri)}`));
    }, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

/**
 * The code actions VS Code offers for `range`, polled until one matches: `vscode.executeCodeActionProvider` builds the
 * context's diagnostics from the main thread's markers, which lag behind the extension host's diagnostics.
 */
export async function waitForCodeAction(
  uri: vscode.Uri,
  range: vscode.Range,
  match: (a: vscode.CodeAction) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<vscode.CodeAction> {
  const end = Date.now() + timeoutMs;
  let titles: string[] = [];
  for (;;) {
    const actions =
      // The 4th argument makes VS Code resolve the actions (`codeAction/resolve`), as the lightbulb does on apply.
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, undefined, 100)) ?? [];
    titles = actions.map((a) => a.title);
    const found = actions.find(match);
    if (found) return found;
    if (Date.now() > end) throw new Error(`no code action for ${what} within ${timeoutMs} ms; offered: ${JSON.stringify(titles)}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval of the provider, not a synchronisation sleep
  }
}

/** Applies a code action the way the lightbulb does: its edit first, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `code action "${action.title}" has neither an edit nor a command`);
}

/** Opens a file of the (first) workspace folder in an editor; pull diagnostics are requested for visible documents. */
export async function openDraft(relative: string, folder = workspaceFolder()): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(folder.uri, relative);
  assert.ok(fs.existsSync(uri.fsPath), `fixture ${uri.fsPath} does not exist`);
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'markdown');
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Reverts and closes every editor, so that each test starts from the files on disk. */
export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The extension's package.json, as VS Code read it. */
export function manifest(): {
  contributes?: {
    commands?: { command: string }[];
    views?: Record<string, { id: string }[]>;
    snippets?: { language: string; path: string }[];
    configuration?: unknown;
  };
} {
  return extension().packageJSON as ReturnType<typeof manifest>;
}

/** A catalogue clause entry shipped with the extension, found by its title. */
export function catalogueClauseByTitle(title: string): { id: string; title: string; model: { heading: string; text: string }; detection: { expectedWhen?: string[] } } {
  const dir = path.join(extension().extensionPath, 'server', 'catalogue', 'clauses');
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const entry = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ReturnType<typeof catalogueClauseByTitle>;
    if (entry.title === title) return entry;
  }
  throw new Error(`no clause titled "${title}" in ${dir}`);
}
