import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyCodeAction,
  catalogueClauseByTitle,
  openDraft,
  revertAndCloseAll,
  ruleOf,
  waitForCodeAction,
  waitForDiagnostics,
  withRule,
} from './helpers.js';

describe('a draft with missing clauses (examples/gappy-ai-licence.md)', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('gets missing-clause diagnostics from the ai-clauses language server', async () => {
    const { document } = await openDraft('gappy-ai-licence.md');
    const ds = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const missing = ds.filter((d) => ruleOf(d) === 'missing-clause');
    for (const d of missing) {
      assert.equal(d.source, 'ai-clauses');
      assert.match(d.message, /^Missing clause: .+\./);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', 'the diagnostic code carries no documentation link');
      assert.match(code.target.path, /docs\/rules\/missing-clause\.md$/);
    }
  });

  it('"Insert … clause" inserts the model clause and the missing-clause diagnostic goes away', async () => {
    const { document } = await openDraft('gappy-ai-licence.md');
    const uri = document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const target = ds.find((d) => ruleOf(d) === 'missing-clause')!;
    const title = /^Missing clause: (.+?)\.(?: |$)/.exec(target.message)?.[1];
    assert.ok(title, `cannot read the clause title from "${target.message}"`);
    const clause = catalogueClauseByTitle(title);
    const countBefore = withRule(uri, 'missing-clause').length;
    const textBefore = document.getText();

    const action = await waitForCodeAction(uri, target.range, (a) => a.title.startsWith(`Insert "${title}" clause`), `inserting "${title}"`);
    await applyCodeAction(action);

    const text = document.getText();
    assert.ok(text.length > textBefore.length, 'nothing was inserted');
    const heading = clause.model.heading.replace(/\{[^}]+\}/g, '').trim();
    assert.ok(text.includes(heading), `the inserted text lacks the model heading "${heading}"`);
    // Only an insertion: the original text is still there around it.
    let at = 0;
    while (at < textBefore.length && textBefore[at] === text[at]) at++;
    assert.ok(text.endsWith(textBefore.slice(at)), 'the text after the insertion point changed');

    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'missing-clause' && x.message === target.message),
      `the "${title}" missing-clause diagnostic to go away`,
    );
    assert.equal(withRule(uri, 'missing-clause').length, countBefore - 1);
  });

  it('aiClauses.insertClause inserts a clause given its id', async () => {
    const { document } = await openDraft('gappy-ai-licence.md');
    const uri = document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const target = ds.filter((d) => ruleOf(d) === 'missing-clause').at(-1)!;
    const title = /^Missing clause: (.+?)\.(?: |$)/.exec(target.message)?.[1] ?? '';
    const clause = catalogueClauseByTitle(title);
    const inserted = await vscode.commands.executeCommand<boolean>('aiClauses.insertClause', clause.id, uri.toString());
    assert.equal(inserted, true, 'aiClauses.insertClause reported failure');
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'missing-clause' && x.message === target.message),
      `the "${title}" missing-clause diagnostic to go away`,
    );
  });
});
