import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openDraft, revertAndCloseAll, ruleOf, waitForDiagnostics, withRule } from './helpers.js';

// Runs with test/e2e/fixtures/multi-root/multi-root.code-workspace: folders alpha/ and beta/ hold the same draft;
// beta/.ai-clauses.json turns the and-or rule off, so each folder's configuration must apply to its own documents.
describe('a multi-root workspace', () => {
  before(activateExtension);
  after(revertAndCloseAll);

  function folder(name: string): vscode.WorkspaceFolder {
    const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
    assert.ok(f, `workspace folder ${name} is not open; folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')}`);
    return f;
  }

  it('is opened from the .code-workspace file with both folders', () => {
    assert.ok(vscode.workspace.workspaceFile, 'not a workspace opened from a .code-workspace file');
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((w) => w.name), ['alpha', 'beta']);
  });

  it('analyses drafts in both folders', async () => {
    for (const name of ['alpha', 'beta']) {
      const { document } = await openDraft('licence.md', folder(name));
      await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), `missing-clause diagnostics in ${name}`);
    }
  });

  it('applies each folder\'s own .ai-clauses.json', async () => {
    const alpha = (await openDraft('licence.md', folder('alpha'))).document.uri;
    const beta = (await openDraft('licence.md', folder('beta'))).document.uri;
    await waitForDiagnostics(alpha, () => withRule(alpha, 'and-or').length > 0, 'and-or diagnostics in alpha');
    const betaDiagnostics = await waitForDiagnostics(beta, (d) => d.length > 0, 'diagnostics in beta');
    assert.equal(withRule(beta, 'and-or').length, 0, 'beta/.ai-clauses.json turns and-or off, yet beta has and-or diagnostics');
    // Only and-or is off in beta: the same draft keeps every other diagnostic it has in alpha.
    const others = (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.filter((d) => ruleOf(d) !== 'and-or').map((d) => `${ruleOf(d)}@${d.range.start.line}`).sort();
    assert.deepEqual(others(betaDiagnostics), others(vscode.languages.getDiagnostics(alpha)), 'beta lost diagnostics other than and-or');
  });
});
