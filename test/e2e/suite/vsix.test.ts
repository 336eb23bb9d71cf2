import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID, activateExtension, extension, openDraft, revertAndCloseAll, ruleOf, waitForDiagnostics } from './helpers.js';

// Runs against the extension installed from the packaged .vsix (the harness's `vsix` suite).
describe('the packaged .vsix, installed into VS Code', () => {
  after(revertAndCloseAll);

  it('is installed from the extensions folder, not loaded from the source tree', () => {
    const ext = extension();
    const dir = process.env.AI_CLAUSES_E2E_EXTENSIONS_DIR;
    assert.ok(dir, 'AI_CLAUSES_E2E_EXTENSIONS_DIR is not set (run through test/e2e/harness.mjs --suite vsix)');
    assert.ok(ext.extensionPath.startsWith(path.resolve(dir) + path.sep), `${EXTENSION_ID} was loaded from ${ext.extensionPath}`);
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.cjs')), 'dist/server.cjs is not in the package');
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'node_modules was packaged');
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'client', 'src')), 'sources were packaged');
  });

  it('activates and reports missing clauses in a draft', async () => {
    await activateExtension();
    const { document } = await openDraft('gappy-ai-licence.md');
    await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
  });
});
