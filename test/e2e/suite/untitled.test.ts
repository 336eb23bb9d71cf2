import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, revertAndCloseAll, ruleOf, waitForDiagnostics, workspaceFolder } from './helpers.js';

describe('an untitled Markdown document', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('gets diagnostics without being saved', async () => {
    const content = fs.readFileSync(vscode.Uri.joinPath(workspaceFolder().uri, 'gappy-ai-licence.md').fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    assert.equal(doc.uri.scheme, 'untitled');
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics on the untitled document');
    assert.ok(ds.every((d) => d.source === 'ai-clauses'));
  });
});
