/**
 * `aiClauses/compare`, the request behind VS Code's "Compare Clause Positions With…": the client sends both texts,
 * the server applies the document's configuration (settings, .ai-clauses.json) and answers the clause changes with
 * ranges in each side's text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompareParams, CompareResult, LspRange } from '../../server/src/lsp/protocol.js';
import { ROOT, TestClient } from './harness.js';

const PAIR = path.join(ROOT, 'test', 'e2e', 'fixtures', 'compare');
const v1 = fs.readFileSync(path.join(PAIR, 'licence-v1.md'), 'utf8');
const v2 = fs.readFileSync(path.join(PAIR, 'licence-v2.md'), 'utf8');

function textOf(text: string, range: LspRange | undefined): string {
  assert.ok(range, 'the side has a range');
  return TextDocument.create('file:///x.md', 'markdown', 1, text).getText(range);
}

function params(uri: string): CompareParams {
  return { uri, beforeText: v1, beforeLabel: 'licence-v1.md', afterText: v2, afterLabel: 'licence-v2.md' };
}

describe('aiClauses/compare', () => {
  let dir: string;
  let client: TestClient;
  let plainUri: string;
  let licensorUri: string;
  let settings: Record<string, unknown> = { perspective: 'licensee' };

  before(async () => {
    // Two folders: one without a configuration file, one whose .ai-clauses.json takes the licensor's side.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmpui-lsp-'));
    fs.mkdirSync(path.join(dir, 'plain'));
    fs.mkdirSync(path.join(dir, 'licensor'));
    fs.writeFileSync(path.join(dir, 'licensor', '.ai-clauses.json'), JSON.stringify({ perspective: 'licensor' }));
    plainUri = pathToFileURL(path.join(dir, 'plain', 'licence.md')).href;
    licensorUri = pathToFileURL(path.join(dir, 'licensor', 'licence.md')).href;
    // The perspective comes from the settings in `plain`, from the configuration file in `licensor` (a setting would win).
    const plainFolder = pathToFileURL(path.join(dir, 'plain')).href;
    client = await TestClient.start({
      workspaceFolders: [
        { uri: plainFolder, name: 'plain' },
        { uri: pathToFileURL(path.join(dir, 'licensor')).href, name: 'licensor' },
      ],
      settingsFor: (scopeUri) => (scopeUri?.startsWith(plainFolder) ? settings : {}),
    });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports each flipped position with its direction, against the licensee set in the settings', async () => {
    const result = await client.request<CompareResult | null>('aiClauses/compare', params(plainUri));
    assert.ok(result, 'an answer for an enabled document');
    assert.equal(result.uri, plainUri);
    assert.equal(result.before, 'licence-v1.md');
    assert.equal(result.after, 'licence-v2.md');
    assert.equal(result.perspective, 'licensee');
    const byClause = new Map(result.changes.map((c) => [c.clause, c]));

    const training = byClause.get('no-training-on-customer-data');
    assert.ok(training, `training flip reported; got ${[...byClause.keys()].join(', ')}`);
    assert.equal(training.direction, 'towards-licensor');
    assert.equal(training.against, true);
    assert.equal(training.before.favours, 'licensee');
    assert.equal(training.after.favours, 'licensor');
    // Ranges are in each side's own text.
    assert.match(textOf(v1, training.before.range), /shall not use Customer Data/);
    assert.match(textOf(v2, training.after.range), /may use Customer Data/);
    // The engine's words come through: details, the catalogue's explanation and a fallback that is not the licensor's.
    assert.ok(training.details.some((d) => /^position: /.test(d)), `details: ${JSON.stringify(training.details)}`);
    assert.ok(training.explanation, 'an explanation');
    assert.ok(training.fallback && training.fallbackPosition && training.fallbackPosition.favours !== 'licensor', 'a fallback for the licensee');

    const notice = byClause.get('model-change-notice');
    assert.ok(notice, 'model change flip reported');
    assert.equal(notice.direction, 'towards-licensor');
    assert.equal(notice.against, true);
    assert.match(textOf(v2, notice.after.range), /without notice/);

    const liability = byClause.get('limitation-of-liability');
    assert.ok(liability, 'liability flip reported');
    assert.equal(liability.direction, 'towards-licensee');
    assert.equal(liability.against, false);

    // Untouched clauses are not listed.
    assert.ok(!byClause.has('output-ownership'), 'the unchanged output clause is not listed');
    assert.ok(!byClause.has('governing-law-disputes'), 'the unchanged governing-law clause is not listed');
  });

  it('applies the .ai-clauses.json of the document’s folder, as diagnostics do', async () => {
    const result = await client.request<CompareResult | null>('aiClauses/compare', params(licensorUri));
    assert.ok(result);
    assert.equal(result.perspective, 'licensor', 'the configuration file applies');
    const training = result.changes.find((c) => c.clause === 'no-training-on-customer-data');
    const liability = result.changes.find((c) => c.clause === 'limitation-of-liability');
    assert.equal(training?.against, false, 'training on customer data helps the licensor');
    assert.equal(liability?.against, true, 'capping only the licensee’s liability hurts the licensor');
  });

  it('answers null when ai-clauses is disabled for the document, and for malformed parameters', async () => {
    settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await client.request('aiClauses/compare', params(plainUri)), null);
    settings = { perspective: 'licensee' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await client.request('aiClauses/compare', { uri: plainUri, beforeText: 42 }), null);
    // Still answering after both.
    const again = await client.request<CompareResult | null>('aiClauses/compare', params(plainUri));
    assert.equal(again?.perspective, 'licensee');
  });
});
