import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  aiDiagnostics,
  applyCodeAction,
  catalogueClauseByTitle,
  openDraft,
  revertAndCloseAll,
  ruleOf,
  waitForCodeAction,
  waitForDiagnostics,
} from './helpers.js';

/** The clauses listed by the summary missing-clause diagnostic (aiClauses.missingClauses: "grouped", the default). */
function missingTitles(ds: vscode.Diagnostic[]): string[] {
  return ds
    .filter((d) => ruleOf(d) === 'missing-clause')
    .flatMap((d) => (d.relatedInformation ?? []).map((r) => /^Missing clause: (.+) \(\w+\)$/.exec(r.message)?.[1] ?? r.message));
}

describe('a draft with missing clauses (examples/gappy-ai-licence.md)', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('gets one summary missing-clause diagnostic with a related-information line per clause', async () => {
    const { document } = await openDraft('gappy-ai-licence.md');
    const ds = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const missing = ds.filter((d) => ruleOf(d) === 'missing-clause');
    assert.equal(missing.length, 1, 'the missing clauses are grouped');
    const d = missing[0];
    assert.equal(d.source, 'ai-clauses');
    assert.match(d.message, /^\d+ clauses missing: .+\./);
    assert.ok((d.relatedInformation?.length ?? 0) > 1, 'one related-information line per missing clause');
    for (const r of d.relatedInformation!) assert.match(r.message, /^Missing clause: .+ \((error|warning|information|hint)\)$/);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(typeof code, 'object', 'the diagnostic code carries no documentation link');
    assert.match(code.target.path, /docs\/rules\/missing-clause\.md$/);
  });

  it('"Insert … clause" inserts the model clause, reveals it, and the clause is no longer missing', async () => {
    const editor = await openDraft('gappy-ai-licence.md');
    const { document } = editor;
    const uri = document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const target = ds.find((d) => ruleOf(d) === 'missing-clause')!;
    const titles = missingTitles(ds);
    const title = titles[0];
    assert.ok(title, `no clause in "${target.message}"`);
    const clause = catalogueClauseByTitle(title);
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
    // The inserted clause is in sight: the cursor is on its heading.
    const active = vscode.window.activeTextEditor!;
    const line = active.document.lineAt(active.selection.active.line).text;
    assert.ok(line.includes(heading), `the cursor is on line ${active.selection.active.line + 1} ("${line}"), not on the inserted heading`);
    assert.ok(active.visibleRanges.some((r) => r.contains(active.selection.active)), 'the inserted clause is visible');

    await waitForDiagnostics(uri, (d) => !missingTitles(d).includes(title), `"${title}" to leave the missing clauses`);
    // The inserted text may also cover a neighbouring clause (the AI Act roles clause allocates compliance duties), and
    // a clause only some deals need may become expected by what it says (a clause citing the AI Act makes the AI Act
    // roles expected); no other clause may appear.
    const after = missingTitles(aiDiagnostics(uri));
    assert.ok(after.length < titles.length + 3, `${after.length} missing clauses after the insertion, ${titles.length} before`);
    for (const t of after.filter((x) => !titles.includes(x))) {
      assert.ok(catalogueClauseByTitle(t).detection.expectedWhen, `"${t}" became missing although nothing makes it expected`);
    }
  });

  it('aiClauses.insertClause inserts a clause given its id', async () => {
    const { document } = await openDraft('gappy-ai-licence.md');
    const uri = document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'missing-clause'), 'missing-clause diagnostics');
    const title = missingTitles(ds).at(-1)!;
    const clause = catalogueClauseByTitle(title);
    const inserted = await vscode.commands.executeCommand<boolean>('aiClauses.insertClause', clause.id, uri.toString());
    assert.equal(inserted, true, 'aiClauses.insertClause reported failure');
    await waitForDiagnostics(uri, (d) => !missingTitles(d).includes(title), `"${title}" to leave the missing clauses`);
  });
});
