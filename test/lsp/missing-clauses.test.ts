/**
 * Missing clauses in the Problems panel: one summary diagnostic with related information per clause (the default,
 * `aiClauses.missingClauses: "grouped"`), or one diagnostic each (`"each"`). Quick fixes work on both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { CoverageResult } from '../../server/src/lsp/protocol.js';
import { TestClient, docUri, fixture, missingClauses } from './harness.js';

const uri = docUri('draft.md');

async function actionsFor(client: TestClient, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind: 2 } });
}

describe('missing clauses, grouped (default)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('one summary diagnostic on the title, with one related-information line per missing clause', async () => {
    const items = await client.diagnostics(uri);
    const summary = items.filter((d) => d.code === 'missing-clause');
    assert.equal(summary.length, 1, 'one missing-clause diagnostic');
    const coverage = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    const missing = coverage.coverage.filter((c) => c.status === 'missing');
    assert.ok(missing.length > 3);
    const d = summary[0];
    assert.equal(d.relatedInformation?.length, missing.length);
    assert.match(d.message, new RegExp(`^${missing.length} clauses missing: .+ and ${missing.length - 3} more\\.$`));
    assert.equal(d.range.start.line, d.relatedInformation![0].location.range.start.line, 'the anchor is kept');
    assert.deepEqual(new Set(missingClauses(items).map((m) => m.title)), new Set(missing.map((c) => c.title)));
    // The most severe first, and the summary has that severity.
    const severities = missingClauses(items).map((m) => m.severity);
    assert.deepEqual(severities, [...severities].sort((a, b) => a - b));
    assert.equal(d.severity, severities[0]);
  });

  it('its quick fixes: the first clause\'s insertion (preferred) and "Insert missing clause…"; the insertion works', async () => {
    const items = await client.diagnostics(uri);
    const d = items.find((x) => x.code === 'missing-clause')!;
    const actions = await actionsFor(client, d);
    const titles = actions.map((a) => a.title);
    assert.ok(actions.length <= 4, `a short menu: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Insert missing clause…'), titles.join(' | '));
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    const first = missingClauses(items)[0].title;
    assert.equal(preferred[0].title, `Insert "${first}" clause`);
    const resolved = await client.request<CodeAction>('codeAction/resolve', preferred[0]);
    assert.ok(resolved.edit);
    await client.applyEdit(resolved.edit);
    const now = missingClauses(await client.diagnostics(uri));
    assert.equal(now.length, missingClauses(items).length - 1);
    assert.ok(!now.some((m) => m.title === first), 'the inserted clause is no longer missing');
  });
});

describe('missing clauses, each (aiClauses.missingClauses: "each")', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: { missingClauses: 'each' } });
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('one diagnostic per missing clause, each with its own insertion', async () => {
    const items = await client.diagnostics(uri);
    const each = items.filter((d) => d.code === 'missing-clause');
    const coverage = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    assert.equal(each.length, coverage.coverage.filter((c) => c.status === 'missing').length);
    for (const d of each) assert.equal(d.relatedInformation, undefined);
    const actions = await actionsFor(client, each[1]);
    const title = /^Missing clause: (.+)\.$/.exec(each[1].message)![1];
    assert.ok(actions.some((a) => a.isPreferred && a.title === `Insert "${title}" clause`), actions.map((a) => a.title).join(' | '));
  });
});

describe('missing clauses, grouped, for a client without related information', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ relatedInformation: false });
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('the summary names every missing clause in its message', async () => {
    const items = await client.diagnostics(uri);
    const summary = items.filter((d) => d.code === 'missing-clause');
    assert.equal(summary.length, 1);
    const coverage = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    for (const c of coverage.coverage.filter((x) => x.status === 'missing')) assert.ok(summary[0].message.includes(c.title), c.title);
  });
});
