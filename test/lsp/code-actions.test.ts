import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Range, TextDocumentEdit } from 'vscode-languageserver-protocol';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, TestClient, docUri, findingSet, fixture, missingClauses, serveDraft } from './harness.js';

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
    // "Including but not limited to" → "including" is safe only where an interpretation clause says "including" is
    // not limiting; this copy of the draft has one.
    const interpreted = uri.replace(/draft\.md$/, 'interpreted.md');
    await client.open(interpreted, `${fixture('draft.md')}\n\n## 99. Interpretation\n\nThe words "include" and "including" are to be read as if followed by "without limitation".\n`);
    const only = { only: ['source.fixAll.aiClauses'], diagnostics: [] };
    const request = (target = interpreted) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: target },
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
    const before = await client.diagnostics(interpreted);
    assert.ok(before.some((d) => d.code === 'including-but-not-limited'));
    const vagueBefore = before.filter((d) => d.code === 'dangling-cross-reference').length;
    await client.applyEdit(actions[0].edit!);
    const after = await client.diagnostics(interpreted);
    assert.ok(!after.some((d) => d.code === 'including-but-not-limited'), 'the safe fix was applied');
    assert.equal(after.filter((d) => d.code === 'dangling-cross-reference').length, vagueBefore, 'unsafe findings are left alone');
    // Without an interpretation clause, dropping "but not limited to" may narrow a list: nothing is safe to apply.
    const plain = await request(uri);
    const edits = plain.flatMap((a) => Object.values(a.edit?.changes ?? {}).flat());
    assert.equal(edits.length, 0, 'no safe fix in the draft without an interpretation clause');
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
    const countBefore = missingClauses(items).length;
    await client.applyEdit(resolved.edit!);
    const after = client.text(uri);
    assert.ok(after.length > before.length);
    assert.ok(after.includes('Provider') && after.includes('Customer'));
    const now = await client.diagnostics(uri);
    assert.equal(missingClauses(now).length, countBefore - 1, 'the inserted clause is detected');
    const others = (list: Diagnostic[]) => findingSet(client.doc(uri), list.filter((d) => d.code !== 'missing-clause'));
    assertNoNewFindings(others(now), others(items), 'the inserted clause');
  });

  it('an insertion runs a command that reveals the inserted clause (window/showDocument with a selection)', async () => {
    const missing = (await client.diagnostics(uri)).find((d) => d.code === 'missing-clause')!;
    const insert = (await actionsFor(client, uri, missing)).find((a) => a.isPreferred && a.data)!;
    assert.equal(insert.command?.command, 'aiClauses.server.revealClause', 'the command is sent with the unresolved action');
    const resolved = await client.request<CodeAction>('codeAction/resolve', insert);
    await client.applyEdit(resolved.edit!);
    const shown = client.shownDocumentParams.length;
    assert.equal(await client.request('workspace/executeCommand', { command: insert.command!.command, arguments: insert.command!.arguments }), true);
    const params = client.shownDocumentParams[shown];
    assert.ok(params?.selection, 'showDocument was asked with a selection');
    assert.equal(params.uri, uri);
    const doc = client.doc(uri);
    const line = doc.getText({ start: params.selection.start, end: { line: params.selection.start.line + 1, character: 0 } });
    const clause = (insert.data as { clause: string }).clause;
    const coverage = await client.request<{ coverage: { clause: string; title: string; range?: Range } []}>('aiClauses/coverage', { uri });
    const item = coverage.coverage.find((c) => c.clause === clause)!;
    assert.deepEqual(params.selection.start, item.range!.start, `the selection is at the inserted clause ("${line.trim()}")`);
  });

  it('offers one "Insert missing clause…" action, not one per missing clause, when the user asks for code actions', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], only: ['refactor'], triggerKind: 1 },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Insert missing clause…']);
    assert.equal(actions[0].kind, 'refactor.aiClauses.insertClause');
    // This client implements no client command: the server's own command asks which clause and inserts it.
    assert.equal(actions[0].command?.command, 'aiClauses.server.insertClause');
    const before = await client.request<{ coverage: { status: string }[] }>('aiClauses/coverage', { uri });
    const asked = client.messageRequests.length;
    const inserted = await client.request('workspace/executeCommand', { command: actions[0].command!.command, arguments: actions[0].command!.arguments });
    assert.equal(inserted, true);
    const request = client.messageRequests[asked];
    assert.equal(request.actions?.length, before.coverage.filter((c) => c.status === 'missing').length, 'every missing clause is offered');
    const after = await client.request<{ coverage: { title: string; status: string }[] }>('aiClauses/coverage', { uri });
    const picked = after.coverage.find((c) => c.title === request.actions![0].title)!;
    assert.notEqual(picked.status, 'missing', 'the chosen clause was inserted');
    const automatic = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], triggerKind: 2 },
    });
    assert.ok(!automatic.some((a) => a.kind?.startsWith('refactor')), 'not on the automatic lightbulb');
  });
});

describe('code actions: a client that opens the clause picker itself (VS Code)', () => {
  let client: TestClient;
  const uri = docUri('draft.md');
  before(async () => {
    client = await TestClient.start({ initializationOptions: { clientCommands: ['aiClauses.insertClause'] } });
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('"Insert missing clause…" runs the client\'s aiClauses.insertClause command with the document', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [], triggerKind: 1 },
    });
    const insert = actions.filter((a) => a.title.startsWith('Insert'));
    assert.equal(insert.length, 1, insert.map((a) => a.title).join(' | '));
    assert.equal(insert[0].command?.command, 'aiClauses.insertClause');
    assert.deepEqual(insert[0].command?.arguments, [null, uri]);
  });
});

describe('code actions: order and the preferred fix', () => {
  let client: TestClient;
  const uri = pathToFileURL(path.join(ROOT, 'examples', 'vague-ai-licence.md')).href;
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, fs.readFileSync(new URL(uri), 'utf8'));
  });
  after(async () => {
    await client.stop();
  });

  it('on "thirty (20) days" the fixes of the error-level number-words mismatch come first, and only one fix is preferred', async () => {
    const items = await client.diagnostics(uri);
    const line = items.find((d) => d.code === 'number-words-mismatch');
    assert.ok(line, items.map((d) => d.code).join(', '));
    const here = items.filter((d) => d.range.start.line === line.range.start.line);
    assert.ok(here.some((d) => d.code === 'days-without-unit'), `both rules fire on the line: ${here.map((d) => d.code).join(', ')}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: line.range.start.line, character: 0 }, end: line.range.end },
      context: { diagnostics: here, triggerKind: 1 },
    });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, preferred.map((a) => a.title).join(' | '));
    assert.equal(actions[0], preferred[0], 'the preferred fix is listed first');
    assert.equal(preferred[0].diagnostics?.[0].code, 'number-words-mismatch');
    const severities = actions.filter((a) => a.diagnostics?.length).map((a) => Math.min(...a.diagnostics!.map((d) => d.severity!)));
    assert.deepEqual(severities, [...severities].sort((a, b) => a - b), 'fixes of more severe diagnostics first');
  });
});

describe('code actions: repeated clause insertions', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  it('two insertions leave exactly one blank line between blocks', async () => {
    for (let i = 0; i < 2; i++) {
      const missing = (await client.diagnostics(uri)).find((d) => d.code === 'missing-clause')!;
      const insert = (await actionsFor(client, uri, missing)).find((a) => a.isPreferred && a.data)!;
      const resolved = await client.request<CodeAction>('codeAction/resolve', insert);
      await client.applyEdit(resolved.edit!);
    }
    const text = client.text(uri);
    assert.ok(!/\n[ \t]*\n[ \t]*\n/.test(text), `two blank lines in a row after two insertions:\n${text}`);
  });
});
