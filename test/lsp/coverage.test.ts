import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CoverageResult } from '../../server/src/lsp/protocol.js';
import { TestClient, missingClauses, serveDraft } from './harness.js';

describe('custom requests: coverage and insert clause', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  it('aiClauses/coverage lists every catalogue clause with its status, range and why', async () => {
    const result = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    assert.equal(result.uri, uri);
    assert.equal(result.version, 1);
    assert.equal(result.applicability.isContract, true);
    assert.equal(result.applicability.isAIAgreement, true);
    assert.ok(result.coverage.length > 0);
    const statuses = new Set(result.coverage.map((c) => c.status));
    assert.ok(statuses.has('missing'));
    for (const c of result.coverage) {
      assert.ok(c.title && c.group && c.why, `${c.clause} has title, group and why`);
      if (c.status === 'present' || c.status === 'incomplete') assert.ok(c.range, `${c.clause} has a range`);
      if (c.status === 'incomplete') {
        assert.ok(c.missingElements.length > 0);
        assert.equal(c.missingElementTitles.length, c.missingElements.length);
        for (const t of c.missingElementTitles) assert.ok(!c.missingElements.includes(t), `${c.clause}: element title "${t}" is its id`);
      }
    }
    // Each missing or incomplete clause carries the severity of its diagnostic (the tree's icon follows it).
    const reported = missingClauses(await client.diagnostics(uri));
    for (const c of result.coverage.filter((x) => x.status === 'missing')) {
      const d = reported.find((x) => x.title === c.title);
      assert.ok(d, `no diagnostic for ${c.clause}`);
      assert.equal(c.severity, ['', 'error', 'warning', 'information', 'hint'][d.severity], c.clause);
    }
    const missing = missingClauses(await client.diagnostics(uri)).length;
    assert.equal(result.coverage.filter((c) => c.status === 'missing').length, missing);
  });

  it('aiClauses/insertClause returns a versioned edit that makes the clause present', async () => {
    const before = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    const target = before.coverage.find((c) => c.status === 'missing')!;
    const edit = await client.request<WorkspaceEdit | null>('aiClauses/insertClause', { uri, clause: target.clause });
    assert.ok(edit);
    await client.applyEdit(edit);
    const after = await client.request<CoverageResult>('aiClauses/coverage', { uri });
    assert.equal(after.version, 2);
    const now = after.coverage.find((c) => c.clause === target.clause)!;
    assert.ok(now.status === 'present' || now.status === 'incomplete', `inserted clause is detected (${now.status})`);
    assert.equal(await client.request('aiClauses/insertClause', { uri, clause: 'no-such-clause' }), null);
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await client.request('aiClauses/coverage', { uri: 'file:///not/open.md' }), null);
  });
});
