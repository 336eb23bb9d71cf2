import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient, docUri, fixture } from './harness.js';

describe('diagnostics (push, for clients without pull)', () => {
  let client: TestClient;
  const uri = docUri('draft.md');

  before(async () => {
    client = await TestClient.start({ pull: false });
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics after open and after changes, debounced', async () => {
    await client.open(uri, fixture('draft.md'));
    await client.waitFor(() => client.published.some((p) => p.uri === uri), 10_000, 'publishDiagnostics after open');
    const first = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(first.version, 1);
    assert.ok(first.diagnostics.some((d) => d.code === 'vague-time' && d.source === 'ai-clauses'));

    // Three quick edits: one publication for the last version.
    const count = client.published.length;
    await client.replace(uri, 'promptly notify', 'notify');
    await client.replace(uri, 'Each party shall', 'Each party and/or its affiliates shall');
    await client.replace(uri, 'Neither party', 'Neither Party');
    await client.waitFor(() => client.published.length > count, 10_000, 'publishDiagnostics after changes');
    await new Promise((r) => setTimeout(r, 600));
    const after = client.published.slice(count);
    assert.equal(after.length, 1, 'debounced into one publication');
    assert.equal(after[0].version, 4);
    assert.ok(!after[0].diagnostics.some((d) => d.code === 'vague-time'));
    assert.equal(after[0].diagnostics.filter((d) => d.code === 'and-or').length, 2);
  });

  it('does not answer pull requests (never both)', async () => {
    await assert.rejects(client.pull(uri), (e: { code?: number }) => e.code === -32601);
  });

  it('clears the diagnostics of a closed document', async () => {
    const count = client.published.length;
    await client.close(uri);
    await client.waitFor(() => client.published.length > count, 5000, 'an empty publication on close');
    assert.deepEqual(client.published.at(-1), { uri, diagnostics: [] });
  });
});
