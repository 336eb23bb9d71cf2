import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openDraft, revertAndCloseAll, waitForDiagnostics, withRule, workspaceFolder } from './helpers.js';

describe('configuration changes the diagnostics', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('setting aiClauses.rules {"and-or": "off"} removes and-or diagnostics, resetting brings them back', async () => {
    const { document } = await openDraft('vague-ai-licence.md');
    const uri = document.uri;
    await waitForDiagnostics(uri, () => withRule(uri, 'and-or').length > 0, 'and-or diagnostics');
    const config = vscode.workspace.getConfiguration('aiClauses', uri);
    try {
      await config.update('rules', { 'and-or': 'off' }, vscode.ConfigurationTarget.Workspace);
      const ds = await waitForDiagnostics(uri, () => withRule(uri, 'and-or').length === 0, 'and-or diagnostics to go away');
      assert.ok(ds.length > 0, 'every diagnostic went away, not only and-or');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, () => withRule(uri, 'and-or').length > 0, 'and-or diagnostics to come back');
  });

  it('a .ai-clauses.json file at the workspace root turns a rule off, deleting it turns the rule on again', async () => {
    const { document } = await openDraft('vague-ai-licence.md');
    const uri = document.uri;
    await waitForDiagnostics(uri, () => withRule(uri, 'vague-time').length > 0, 'vague-time diagnostics');
    const configFile = vscode.Uri.joinPath(workspaceFolder().uri, '.ai-clauses.json');
    const text = '{\n  // JSONC is allowed\n  "rules": { "vague-time": "off" }\n}\n';
    try {
      await vscode.workspace.fs.writeFile(configFile, new TextEncoder().encode(text));
      await waitForDiagnostics(uri, () => withRule(uri, 'vague-time').length === 0, 'vague-time diagnostics to go away');
    } finally {
      await vscode.workspace.fs.delete(configFile);
    }
    await waitForDiagnostics(uri, () => withRule(uri, 'vague-time').length > 0, 'vague-time diagnostics to come back');
  });
});
