/**
 * Incorporation by a Markdown link to another file of the deal folder, through the language server: the server
 * reads the linked files (relative, the draft's folder or below, one level, trusted workspaces only; an open
 * editor's buffer wins) and the clauses they hold count for the draft, present by reference. Fixture:
 * fixtures/deal/ (main.md links ai-addendum.md and dpa.md from Section 9).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CoverageResult } from '../../server/src/lsp/protocol.js';
import { FIXTURES, TestClient, positionOf } from './harness.js';

const deal = path.join(FIXTURES, 'deal');
const uriOf = (name: string) => pathToFileURL(path.join(deal, name)).href;
const read = (name: string) => fs.readFileSync(path.join(deal, name), 'utf8');

async function coverageOf(client: TestClient, uri: string, clause: string) {
  const result = await client.request<CoverageResult>('aiClauses/coverage', { uri });
  return result.coverage.find((c) => c.clause === clause)!;
}

describe('linked files of the deal folder', () => {
  it('counts the clauses of linked files, says where in the hover, and follows edits of a linked file', async () => {
    const client = await TestClient.start({ workspaceFolders: [{ uri: pathToFileURL(deal).href, name: 'deal' }] });
    try {
      const main = uriOf('main.md');
      await client.open(main, read('main.md'));
      const dp = await coverageOf(client, main, 'data-protection');
      assert.equal(dp.status, 'present');
      assert.equal(dp.byReference, true);
      assert.deepEqual(dp.referencedIn, { file: 'dpa.md', section: 'Section 9.1' });
      assert.deepEqual((await coverageOf(client, main, 'model-change-notice')).referencedIn, { file: 'ai-addendum.md', section: 'Section 9.1' });
      assert.ok(!(await client.diagnostics(main)).some((d) => d.code === 'missing-clause' && /Data protection/.test(d.message)), 'no missing-clause for a clause the DPA holds');

      // The hover on the link says where the clauses are.
      const at = positionOf(client.doc(main), '[Data Processing Addendum](dpa.md)', 3);
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: main }, position: at });
      assert.match(hover!.contents.value, /present in dpa\.md, linked from Section 9\.1/);
      assert.match(hover!.contents.value, /Data protection law and processing terms/);

      // Editing the linked file in an editor (unsaved) re-analyses the draft: the DPA loses its processing terms.
      const dpa = uriOf('dpa.md');
      const text = read('dpa.md');
      await client.open(dpa, text);
      const refreshes = client.refreshRequests;
      const start = text.indexOf('## 2. Processing');
      const end = text.indexOf('## 3. Return');
      const doc = client.doc(dpa);
      await client.change(dpa, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: '' }]);
      await client.waitFor(() => client.refreshRequests > refreshes, 5000, 'a diagnostics refresh after the linked file changed');
      const after = await coverageOf(client, main, 'data-protection');
      assert.notEqual(after.referencedIn?.file, 'dpa.md', 'the edited DPA no longer holds data protection');
      assert.deepEqual((await coverageOf(client, main, 'data-return-deletion')).referencedIn, { file: 'dpa.md', section: 'Section 9.1' }, 'what it still holds counts');
    } finally {
      await client.stop();
    }
  });

  it('reads no linked file in an untrusted workspace, nor outside the draft\'s folder', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rd2-lsp-deal-'));
    try {
      const folder = path.join(root, 'deal');
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(root, 'dpa.md'), read('dpa.md'));
      fs.writeFileSync(path.join(folder, 'dpa.md'), read('dpa.md'));
      const outside = read('main.md').replace('](dpa.md)', '](../dpa.md)');
      fs.writeFileSync(path.join(folder, 'main.md'), outside);
      fs.writeFileSync(path.join(folder, 'inside.md'), read('main.md'));
      const untrusted = await TestClient.start({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'deal' }], initializationOptions: { trusted: false } });
      try {
        const inside = pathToFileURL(path.join(folder, 'inside.md')).href;
        await untrusted.open(inside, read('main.md'));
        assert.equal((await coverageOf(untrusted, inside, 'data-protection')).referencedIn, undefined, 'untrusted: not followed');
      } finally {
        await untrusted.stop();
      }
      const client = await TestClient.start({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'deal' }] });
      try {
        const main = pathToFileURL(path.join(folder, 'main.md')).href;
        await client.open(main, outside);
        assert.equal((await coverageOf(client, main, 'data-protection')).referencedIn, undefined, '../dpa.md is outside the draft\'s folder');
        const inside = pathToFileURL(path.join(folder, 'inside.md')).href;
        await client.open(inside, read('main.md'));
        assert.deepEqual((await coverageOf(client, inside, 'data-protection')).referencedIn, { file: 'dpa.md', section: 'Section 9.1' }, 'trusted, inside: followed');
      } finally {
        await client.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
