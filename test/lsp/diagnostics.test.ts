import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT, TestClient, docUri, findingSet, fixture, serveDraft } from './harness.js';
import { generateDraft } from '../../bench/generate.js';

describe('diagnostics (pull)', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  it('reports findings with code, source, documentation link and data', async () => {
    const items = await client.diagnostics(uri);
    const doc = client.doc(uri);
    const vague = items.find((d) => d.code === 'vague-time');
    assert.ok(vague, `no vague-time diagnostic in ${JSON.stringify(findingSet(doc, items))}`);
    assert.equal(doc.getText(vague.range), 'promptly');
    assert.equal(vague.source, 'ai-clauses');
    assert.equal(vague.severity, 3, 'vague-time is information by default');
    const href = vague.codeDescription?.href ?? '';
    assert.ok(href.startsWith('file://'), href);
    assert.equal(fileURLToPath(href), path.join(ROOT, 'docs', 'rules', 'vague-time.md'));
    const data = vague.data as { key: string; version: number };
    assert.equal(typeof data.key, 'string');
    assert.equal(data.version, 1);
    for (const d of items) {
      assert.equal(d.source, 'ai-clauses');
      assert.equal(typeof d.code, 'string');
    }
    const andOr = items.find((d) => d.code === 'and-or');
    assert.ok(andOr);
    assert.equal(andOr.severity, 2, 'and-or is a warning');
    assert.equal(doc.getText(andOr.range), 'and/or');
  });

  it('answers "unchanged" when neither the document nor the configuration changed', async () => {
    const first = await client.pull(uri);
    assert.equal(first.kind, 'full');
    const resultId = (first as { resultId?: string }).resultId;
    assert.ok(resultId);
    const second = await client.pull(uri, resultId);
    assert.deepEqual(second, { kind: 'unchanged', resultId });
  });

  it('reflects incremental edits', async () => {
    const before = await client.pull(uri);
    const beforeId = (before as { resultId?: string }).resultId;
    await client.replace(uri, 'promptly notify', 'notify');
    await client.replace(uri, 'Each party shall keep', 'Each party and/or its affiliates shall keep');
    const report = await client.pull(uri, beforeId);
    assert.equal(report.kind, 'full', 'a changed document gets a full report');
    const items = (report as { items: Diagnostic[] }).items;
    const doc = client.doc(uri);
    assert.ok(!items.some((d) => d.code === 'vague-time'), 'vague-time is gone after "promptly" was deleted');
    const andOrs = items.filter((d) => d.code === 'and-or');
    assert.equal(andOrs.length, 2, 'the new "and/or" is reported');
    for (const d of andOrs) assert.equal(doc.getText(d.range), 'and/or', 'ranges follow the edits');
    for (const d of items) assert.equal((d.data as { version: number }).version, doc.version);
  });

  it('survives a cancelled pull and answers the next one', async () => {
    await client.replace(uri, 'Neither party', 'Neither party, in its sole discretion,');
    const cancelled = client.cancelledRequest('textDocument/diagnostic', { textDocument: { uri } });
    const outcome = await cancelled.then(
      (r) => ({ result: r as { kind: string } }),
      (e: { code?: number }) => ({ error: e }),
    );
    if ('error' in outcome) assert.ok(outcome.error.code === -32800 || outcome.error.code === -32802, `cancellation error code, got ${outcome.error.code}`);
    else assert.equal(outcome.result.kind, 'full');
    assert.ok(client.alive);
    const items = await client.diagnostics(uri);
    assert.ok(items.some((d) => d.code === 'sole-discretion'), 'the next pull analyses the latest text');
  });

  it('serves a short draft while a long one is analysed, and answers every request made meanwhile on the long one', async () => {
    const long = docUri('long-concurrent.md');
    // Long enough to take many slices even on a machine several times faster than ours.
    await client.open(long, generateDraft(1_000_000, 7));
    const order: string[] = [];
    const noted = <T>(name: string, promise: Promise<T>): Promise<T> => promise.then((value) => (order.push(name), value));
    const [report, symbols] = await Promise.all([
      noted('long diagnostics', client.pull(long)),
      noted('long symbols', client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: long } })),
      noted('short diagnostics', client.diagnostics(uri)),
    ]);
    assert.equal(order[0], 'short diagnostics', `the short draft waited for the long one: ${order.join(', ')}`);
    assert.equal(report.kind, 'full');
    assert.ok((report as { items: Diagnostic[] }).items.length > 100);
    assert.ok(symbols.length > 0, 'the long draft has sections');
    // The same version asked again: it was analysed once.
    const resultId = (report as { resultId?: string }).resultId;
    assert.deepEqual(await client.pull(long, resultId), { kind: 'unchanged', resultId });
    await client.close(long);
  });

  it('drops the document on close', async () => {
    const other = docUri('closing.md');
    await client.open(other, fixture('draft.md'));
    assert.ok((await client.diagnostics(other)).length > 0);
    await client.close(other);
    assert.deepEqual(await client.pull(other), { kind: 'full', items: [] });
  });

  it('never pushes diagnostics to a pull client', async () => {
    await client.replace(uri, 'Output', 'Outputs');
    await client.diagnostics(uri);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(client.published.length, 0);
  });
});
