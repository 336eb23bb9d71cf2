import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extension, manifest, revertAndCloseAll } from './helpers.js';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** The text a snippet body inserts when every placeholder keeps its default. */
function expand(body: string): string {
  let out = body;
  // Innermost first, so nested placeholders resolve.
  for (let i = 0; i < 10 && /\$\{\d+(:[^{}]*|\|[^{}]*\|)\}/.test(out); i++) {
    out = out.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^{}]*\|\}/g, '$1');
  }
  return out.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

function contributedSnippets(): Record<string, Snippet> {
  const entries = (manifest().contributes?.snippets ?? []).filter((s) => s.language === 'markdown');
  assert.ok(entries.length > 0, 'package.json contributes no Markdown snippets');
  const all: Record<string, Snippet> = {};
  for (const e of entries) Object.assign(all, JSON.parse(fs.readFileSync(path.join(extension().extensionPath, e.path), 'utf8')));
  assert.ok(Object.keys(all).length > 0, 'the snippet files are empty');
  return all;
}

describe('contributed clause snippets', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('a snippet inserts its clause text (editor.action.insertSnippet by name)', async () => {
    const [name, snippet] = Object.entries(contributedSnippets())[0];
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    assert.ok(doc.getText().length > 0, `snippet "${name}" inserted nothing`);
    assert.equal(norm(doc.getText()), norm(expand(body)));
  });

  it('snippet prefixes are offered by completion in Markdown', async () => {
    const snippets = Object.values(contributedSnippets());
    const prefix = [snippets[0].prefix].flat()[0];
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: prefix.slice(0, 4) });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      doc.lineAt(0).range.end,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes(prefix), `completion does not offer "${prefix}"; got ${JSON.stringify(labels.slice(0, 30))}`);
  });
});
