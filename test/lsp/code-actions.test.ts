import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TestClient, docUri, findingSet, fixture, serveDraft } from './harness.js';

async function actionsFor(client: TestClient, uri: string, diagnostic: Diagnostic, extra: Record<string, unknown> = {}): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], triggerKind: 2, ...extra },
  });
}

function editedVersion(action: CodeAction): number | null {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has no TextDocumentEdit`);
  return change.textDocument.version;
}

/** Applies the preferred fix of the first diagnostic with `code`, then checks that it is gone and nothing new appeared. */
async function fixAndRecheck(client: TestClient, uri: string, code: string): Promise<void> {
  const before = await client.diagnostics(uri);
  const target = before.find((d) => d.code === code);
  assert.ok(target, `no ${code} diagnostic`);
  const actions = await actionsFor(client, uri, target);
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix, `no preferred fix with an edit for ${code}: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(fix.kind, 'quickfix');
  assert.deepEqual(fix.diagnostics?.map((d) => d.code), [code]);
  assert.equal(editedVersion(fix), client.doc(uri).version, 'the edit is versioned with the current document version');
  const expected = findingSet(client.doc(uri), before.filter((d) => d !== target));
  await client.applyEdit(fix.edit!);
  const after = findingSet(client.doc(uri), await client.diagnostics(uri));
  assertNoNewFindings(after, expected, `fixing ${code}`);
  assert.ok(after.filter((f) => f.startsWith(`${code}: `)).length < before.filter((d) => d.code === code).length, `the ${code} finding is gone`);
}

/** Every finding after the fix was there before (a fix may also resolve other findings, never add one). */
function assertNoNewFindings(after: string[], before: string[], what: string): void {
  const pool = [...before];
  for (const f of after) {
    const i = pool.indexOf(f);
    assert.ok(i >= 0, `${what} added a finding: ${f}`);
    pool.splice(i, 1);
  }
}

describe('code actions', () => {
  let client: TestClient;
  const uri = docUri('draft.md');

  before(async () => {
    client = await TestClient.start({ initializationOptions: { clientCommands: ['aiClauses.showRuleDocumentation'] } });
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('fixes vague wording: apply the edit, re-diagnose, the finding is gone and nothing new appears', async () => {
    await fixAndRecheck(client, uri, 'vague-time');
    assert.match(client.text(uri), /Provider shall within 2 (?:Business Days|calendar days) notify Customer/);
  });

  it('fixes "and/or"', async () => {
    await fixAndRecheck(client, uri, 'and-or');
    assert.ok(!client.text(uri).includes('and/or'));
  });

  it('offers disable comments and a documentation command', async () => {
    const items = await client.diagnostics(uri);
    const target = items.find((d) => d.code === 'dangling-cross-reference');
    assert.ok(target);
    const actions = await actionsFor(client, uri, target);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable dangling-cross-reference on this line'), titles.join(' | '));
    assert.ok(titles.includes('Disable dangling-cross-reference in this file'), titles.join(' | '));
    const doc = actions.find((a) => a.command);
    assert.ok(doc);
    assert.equal(doc.command!.command, 'aiClauses.showRuleDocumentation', 'the client implements the command');
    assert.deepEqual(doc.command!.arguments, ['dangling-cross-reference']);
    // Disabling on this line removes exactly that finding.
    const disable = actions.find((a) => a.title === 'Disable dangling-cross-reference on this line')!;
    const expected = findingSet(client.doc(uri), items.filter((d) => d !== target));
    await client.applyEdit(disable.edit!);
    assert.ok(client.text(uri).includes('<!-- ai-clauses-disable-line dangling-cross-reference -->'));
    const after = findingSet(client.doc(uri), await client.diagnostics(uri));
    assertNoNewFindings(after, expected, 'the disable comment');
    assert.ok(!after.includes('dangling-cross-reference: Section 9'));
  });

  it('sends edits versioned, so a stale edit is refused by the editor', async () => {
    const items = await client.diagnostics(uri);
    const target = items.find((d) => d.code === 'including-but-not-limited');
    assert.ok(target);
    const [fix] = (await actionsFor(client, uri, target)).filter((a) => a.isPreferred && a.edit);
    assert.ok(fix);
    await client.replace(uri, 'Each party', 'Each Party');
    await assert.rejects(client.applyEdit(fix.edit!), /stale edit/);
  });

  it('ignores diagnostics from other sources', async () => {
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, message: 'x', source: 'other', code: 'vague-time' };
    assert.deepEqual(await actionsFor(client, uri, foreign), []);
  });

  it('offers source.fixAll.aiClauses only when aiClauses.fixAll is on, with safe fixes only', async () => {
    const only = { only: ['source.fixAll.aiClauses'], diagnostics: [] };
    const request = () =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: only,
      });
    assert.deepEqual(await request(), [], 'off by default');
    client.settings = { fixAll: true };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.refreshRequests > 0, 5000, 'a diagnostic refresh');
    const actions = await request();
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.aiClauses');
    const before = await client.diagnostics(uri);
    assert.ok(before.some((d) => d.code === 'including-but-not-limited'));
    const vagueBefore = before.filter((d) => d.code === 'dangling-cross-reference').length;
    await client.applyEdit(actions[0].edit!);
    const after = await client.diagnostics(uri);
    assert.ok(!after.some((d) => d.code === 'including-but-not-limited'), 'the safe fix was applied');
    assert.equal(after.filter((d) => d.code === 'dangling-cross-reference').length, vagueBefore, 'unsafe findings are left alone');
    client.settings = {};
  });
});

describe('code actions: clause insertion', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  it('sends the insertion without its edit and computes it in codeAction/resolve', async () => {
    const items = await client.diagnostics(uri);
    const missing = items.find((d) => d.code === 'missing-clause');
    assert.ok(missing, `the draft lacks catalogue clauses, so missing-clause is expected; got ${items.map((d) => d.code).join(', ')}`);
    const actions = await actionsFor(client, uri, missing);
    const insert = actions.find((a) => a.title.startsWith('Insert'));
    assert.ok(insert, actions.map((a) => a.title).join(' | '));
    assert.equal(insert.edit, undefined, 'unresolved: data only');
    assert.ok(insert.data);
    const resolved = await client.request<CodeAction>('codeAction/resolve', insert);
    assert.ok(resolved.edit, 'resolve adds the edit');
    assert.equal(editedVersion(resolved), client.doc(uri).version);
    const before = client.text(uri);
    const countBefore = items.filter((d) => d.code === 'missing-clause').length;
    await client.applyEdit(resolved.edit!);
    const after = client.text(uri);
    assert.ok(after.length > before.length);
    assert.ok(after.includes('Provider') && after.includes('Customer'));
    const now = await client.diagnostics(uri);
    assert.equal(now.filter((d) => d.code === 'missing-clause').length, countBefore - 1, 'the inserted clause is detected');
    const others = (list: Diagnostic[]) => findingSet(client.doc(uri), list.filter((d) => d.code !== 'missing-clause'));
    assertNoNewFindings(others(now), others(items), 'the inserted clause');
  });

  it('lists "Insert clause: ..." refactors when the user asks for code actions', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], only: ['refactor'], triggerKind: 1 },
    });
    assert.ok(actions.length > 0, 'missing clauses are offered');
    for (const a of actions) {
      assert.ok(a.kind?.startsWith('refactor'));
      assert.ok(a.title.startsWith('Insert clause: '));
      assert.equal(a.edit, undefined);
    }
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    assert.ok(resolved.edit);
    const automatic = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], triggerKind: 2 },
    });
    assert.ok(!automatic.some((a) => a.kind?.startsWith('refactor')), 'not on the automatic lightbulb');
  });
});
