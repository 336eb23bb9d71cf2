import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './harness.js';

describe('initialize', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('announces the server and its capabilities', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'ai-clauses');
    const sync = capabilities.textDocumentSync as { openClose: boolean; change: number };
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, 2, 'incremental sync');
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'ai-clauses', interFileDependencies: false, workspaceDiagnostics: false });
    const codeActions = capabilities.codeActionProvider as { codeActionKinds: string[]; resolveProvider: boolean };
    assert.equal(codeActions.resolveProvider, true);
    assert.ok(codeActions.codeActionKinds.includes('quickfix'));
    assert.ok(codeActions.codeActionKinds.includes('source.fixAll.aiClauses'));
    assert.ok(codeActions.codeActionKinds.some((k) => k.startsWith('refactor')));
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('"'));
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.documentSymbolProvider);
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  });

  it('answers requests for documents it does not know with empty results', async () => {
    const uri = 'file:///nowhere/unknown.md';
    const report = await client.pull(uri);
    assert.deepEqual(report, { kind: 'full', items: [] });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });

  it('does not announce pull diagnostics to a client without them', async () => {
    const push = await TestClient.start({ pull: false });
    try {
      assert.equal(push.initializeResult.capabilities.diagnosticProvider, undefined);
    } finally {
      await push.stop();
    }
  });
});
