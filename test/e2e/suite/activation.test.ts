import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, aiDiagnostics, extension, manifest, openDraft, revertAndCloseAll, waitForDiagnostics, withRule } from './helpers.js';

describe('activation, commands and the coverage view', () => {
  after(revertAndCloseAll);

  it('runs in a real VS Code extension host and activates with its API', async () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const api = await activateExtension();
    assert.ok(extension().isActive, 'the extension is not active after activate()');
    assert.equal(typeof api.client.isRunning, 'function', 'api.client is not a LanguageClient');
    assert.ok(api.client.isRunning(), 'the language client is not running after `ready`');
  });

  it('starts the server process with the Node options of server/src/lsp/launch.ts', async () => {
    const api = await activateExtension();
    // vscode-languageclient keeps the forked process of a `module` server in a private field; if that ever changes,
    // this test fails rather than passing without looking.
    const server = (api.client as unknown as { _serverProcess?: { spawnargs?: string[] } })._serverProcess;
    assert.ok(server?.spawnargs, 'could not find the server process of the language client');
    assert.ok(
      server.spawnargs.some((a) => /^--v8-pool-size=[1-4]$/.test(a)),
      `the server was started without --v8-pool-size: ${server.spawnargs.join(' ')}`,
    );
  });

  it('registers the contributed commands', async () => {
    await activateExtension();
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of ['aiClauses.insertClause', 'aiClauses.showCoverage', 'aiClauses.restartServer']) {
      assert.ok(commands.has(id), `command ${id} is not registered`);
      assert.ok(manifest().contributes?.commands?.some((c) => c.command === id), `command ${id} is not in package.json contributes.commands`);
    }
  });

  it('contributes the coverage view aiClauses.coverage and can reveal it', async () => {
    await activateExtension();
    const views = Object.values(manifest().contributes?.views ?? {}).flat();
    assert.ok(views.some((v) => v.id === 'aiClauses.coverage'), `aiClauses.coverage is not in contributes.views: ${JSON.stringify(views)}`);
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('aiClauses.coverage.focus'), 'VS Code registered no view for aiClauses.coverage');
    // showCoverage focuses the view; it rejects if the view does not exist.
    await vscode.commands.executeCommand('aiClauses.showCoverage');
  });

  it('restartServer restarts the language server, which analyses open drafts again', async () => {
    const api = await activateExtension();
    const editor = await openDraft('gappy-ai-licence.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'diagnostics before the restart');
    const stopped = new Promise<void>((resolve) => {
      const sub = api.client.onDidChangeState((e) => {
        if (e.newState !== 2 /* State.Running */) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('aiClauses.restartServer');
    await stopped; // the client really went through a stop
    assert.ok(api.client.isRunning(), 'the language client is not running after restartServer');
    // An edit after the restart is analysed by the new server: a "TBD" placeholder appears as a finding.
    const before = withRule(uri, 'placeholder-left').length;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '\n\nThe Fees are [TBD].\n')));
    await waitForDiagnostics(uri, () => withRule(uri, 'placeholder-left').length > before, 'a placeholder-left finding after the restart');
    assert.ok(aiDiagnostics(uri).length > 0);
  });
});
