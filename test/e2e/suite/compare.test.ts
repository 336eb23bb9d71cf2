/**
 * "Compare Clause Positions With…" in the real VS Code: against another file and against Git revisions of the draft
 * (a repository made in a folder of the test workspace, read through the built-in Git extension). Checks the rows of
 * the "AI Clause Changes" view (through the view's own data provider) and that a row opens the diff editor on the
 * clause, with the changed sentence selected on both sides.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiClausesApi } from '../../../client/src/extension.js';
import { gitAccessFor } from '../../../client/src/git.js';
import type { CompareResult } from '../../../server/src/lsp/protocol.js';
import { activateExtension, extension, manifest, revertAndCloseAll, workspaceFolder } from './helpers.js';

const COMPARE = 'aiClauses.compareWith';
const TIMEOUT = 30_000;

type Api = AiClausesApi;
type Node = ReturnType<Api['comparison']['getChildren']>[number];

/** The view's rows as the tree shows them: group titles with their rows' labels and descriptions. */
function rows(api: Api): { group: string; items: { label: string; description: string; node: Node }[] }[] {
  const provider = api.comparison;
  return provider.getChildren().map((group) => ({
    group: String(provider.getTreeItem(group).label),
    items: provider.getChildren(group).map((node) => {
      const item = provider.getTreeItem(node);
      return { label: String(item.label), description: String(item.description), node };
    }),
  }));
}

/** Resolves once `ok` holds, checked now and on every change of the given event; rejects at the deadline. */
function until<T>(event: vscode.Event<T>, ok: () => boolean, what: string, ms = TIMEOUT): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event(() => {
      if (!ok()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=ai-clauses e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

describe('Compare Clause Positions With… (aiClauses.compareWith)', () => {
  let api: Api;
  let dir: string;
  let v1: string;
  let v2: string;

  before(async () => {
    api = await activateExtension();
    const fixtures = path.join(extension().extensionPath, 'test', 'e2e', 'fixtures', 'compare');
    v1 = fs.readFileSync(path.join(fixtures, 'licence-v1.md'), 'utf8');
    v2 = fs.readFileSync(path.join(fixtures, 'licence-v2.md'), 'utf8');
    dir = path.join(workspaceFolder().uri.fsPath, `compare-e2e-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'licence-v1.md'), v1);
    fs.writeFileSync(path.join(dir, 'licence-v2.md'), v2);
    // The reviewer is on the licensee's side: read by the server from the folder's configuration file.
    fs.writeFileSync(path.join(dir, '.ai-clauses.json'), JSON.stringify({ perspective: 'licensee' }));
  });
  afterEach(revertAndCloseAll);
  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is contributed as a Markdown command with its own view next to the coverage view', async () => {
    const m = manifest() as ReturnType<typeof manifest> & { contributes: { menus: { commandPalette: { command: string; when?: string }[] } } };
    const command = (m.contributes.commands as { command: string; title: string; category: string }[]).find((c) => c.command === COMPARE);
    assert.equal(command?.title, 'Compare Clause Positions With…');
    assert.equal(command?.category, 'AI Clauses');
    assert.equal(m.contributes.menus.commandPalette.find((c) => c.command === COMPARE)?.when, 'editorLangId == markdown');
    const explorer = m.contributes.views?.explorer ?? [];
    assert.ok(explorer.some((v) => v.id === 'aiClauses.coverage') && explorer.some((v) => v.id === 'aiClauses.changes'), 'both views in the explorer');
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has(COMPARE), 'the command is registered');
    assert.ok(commands.has('aiClauses.changes.focus'), 'VS Code registered the changes view');
  });

  it('compares with another file: flips against the licensee first, and a row opens the diff editor on the clause', async () => {
    const afterUri = vscode.Uri.file(path.join(dir, 'licence-v2.md'));
    const beforeUri = vscode.Uri.file(path.join(dir, 'licence-v1.md'));
    await openEditor(afterUri);
    const result = await vscode.commands.executeCommand<CompareResult | undefined>(COMPARE, { against: beforeUri });
    assert.ok(result, 'the command returned no comparison');
    assert.equal(result.perspective, 'licensee', 'the folder’s .ai-clauses.json applies');
    assert.match(result.before, /licence-v1\.md$/);
    assert.match(result.after, /licence-v2\.md$/);

    const view = rows(api);
    assert.deepEqual(
      view.map((g) => g.group),
      ['Against the licensee', 'In the licensee’s favour'],
      `groups: ${JSON.stringify(view.map((g) => g.group))}`,
    );
    const against = view[0].items;
    assert.deepEqual(
      against.map((i) => i.label).sort(),
      ['Model changes, versioning and deprecation — towards licensor', 'Restriction on training with customer data — towards licensor'],
    );
    for (const i of against) assert.equal(i.description, 'licensee → licensor', i.label);
    assert.deepEqual(
      view[1].items.map((i) => `${i.label} | ${i.description}`),
      ['Limitation of liability — towards licensee | balanced → licensee'],
    );

    // Selecting a row runs its command: the diff editor opens, snapshot of v1 on the left, the draft on the right.
    const row = against.find((i) => i.label.startsWith('Restriction on training'))!;
    const item = api.comparison.getTreeItem(row.node);
    assert.ok(item.command, 'the row has a command');
    assert.equal(await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? [])), true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is not a diff editor: ${tab?.label}`);
    const input = tab.input;
    assert.equal(input.modified.toString(), afterUri.toString(), 'the draft is the modified side');
    assert.equal(input.original.scheme, 'ai-clauses-compare', 'the before side is a read-only snapshot');
    assert.match(tab.label, /Restriction on training with customer data/);

    const right = vscode.window.activeTextEditor;
    assert.equal(right?.document.uri.toString(), afterUri.toString(), 'the draft side has the focus');
    assert.match(right!.document.getText(right!.selection), /may use Customer Data/, 'the changed sentence is selected in the draft');
    const left = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === input.original.toString());
    assert.ok(left, 'the before side is visible');
    assert.equal(left.document.getText(), v1, 'the before side shows the other file');
    assert.match(left.document.getText(left.selection), /shall not use Customer Data/, 'the clause is selected on the before side');
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /favours licensee[\s\S]*favours licensor/, 'the tooltip gives both positions');
    assert.match(tooltip.value, /\*\*Fallback/, 'the tooltip proposes a fallback');

    // The list follows the draft: put the round-1 sentence back and the training change leaves the view.
    const sentence = /Provider may use Customer Data[^\n]*/.exec(right!.document.getText())!;
    const original = /Provider shall not use Customer Data[^\n]*/.exec(v1)![0];
    const at = right!.document.positionAt(sentence.index);
    assert.ok(await right!.edit((e) => e.replace(new vscode.Range(at, at.translate(0, sentence[0].length)), original)));
    const gone = () => !api.comparison.result?.changes.some((c) => c.clause === 'no-training-on-customer-data');
    await until(api.comparison.onDidChangeTreeData, gone, 'the training change to leave the list after the edit');
    assert.ok(!rows(api).some((g) => g.items.some((i) => i.label.startsWith('Restriction on training'))), 'the row is gone');
    assert.ok(rows(api)[0].items.some((i) => i.label.startsWith('Model changes')), 'the other changes stay');
  });

  it('compares with Git revisions (HEAD, a tag) read through the Git extension, and says when Git is off', async () => {
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const draft = path.join(repo, 'licence.md');
    const draftUri = vscode.Uri.file(draft);

    // The e2e settings switch Git off: then there are no revisions, and the reason is given.
    assert.equal(vscode.workspace.getConfiguration('git').get('enabled'), false, 'the e2e workbench starts with git.enabled false');
    const off = await gitAccessFor(draftUri);
    assert.ok('unavailable' in off && /disabled/i.test(off.unavailable), `expected "Git is disabled", got ${JSON.stringify(off)}`);
    fs.writeFileSync(draft, v1);
    await openEditor(draftUri);
    assert.equal(await vscode.commands.executeCommand(COMPARE, { against: { ref: 'HEAD' } }), undefined, 'no comparison without Git');

    // Round 1 committed and tagged, round 2 in the working tree.
    git(repo, 'init', '-q');
    git(repo, 'add', 'licence.md');
    git(repo, 'commit', '-q', '-m', 'Round 1');
    git(repo, 'tag', 'round-1');
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const gitExtension = vscode.extensions.getExtension<{
      enabled: boolean;
      onDidChangeEnablement: vscode.Event<boolean>;
      getAPI(v: 1): { openRepository(root: vscode.Uri): Promise<unknown>; getRepository(uri: vscode.Uri): unknown; onDidOpenRepository: vscode.Event<unknown> };
    }>('vscode.git');
    assert.ok(gitExtension, 'the built-in Git extension is there');
    const exports = await gitExtension.activate();
    await until(exports.onDidChangeEnablement, () => exports.enabled, 'the Git extension to be enabled');
    const gitApi = exports.getAPI(1);
    await gitApi.openRepository(vscode.Uri.file(repo));
    await until(gitApi.onDidOpenRepository, () => !!gitApi.getRepository(draftUri), 'the Git extension to open the repository');

    const editor = await openEditor(draftUri);
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), v2));
    const access = await gitAccessFor(draftUri);
    assert.ok(!('unavailable' in access), `Git access: ${JSON.stringify(access)}`);
    const refs = (await access.revisions()).map((r) => `${r.kind}:${r.ref}`);
    assert.ok(refs.includes('head:HEAD') && refs.includes('tag:round-1') && refs.includes('branch:main'), `revisions offered: ${refs.join(', ')}`);

    for (const ref of ['HEAD', 'round-1']) {
      const result = await vscode.commands.executeCommand<CompareResult | undefined>(COMPARE, { against: { ref } });
      assert.ok(result, `no comparison with ${ref}`);
      assert.match(result.before, new RegExp(`licence\\.md @ ${ref}$`));
      const training = result.changes.find((c) => c.clause === 'no-training-on-customer-data');
      assert.equal(training?.direction, 'towards-licensor', `${ref}: ${JSON.stringify(result.changes.map((c) => [c.clause, c.direction]))}`);
      assert.equal(training?.against, true);
      assert.ok(rows(api)[0].items.some((i) => i.label === 'Restriction on training with customer data — towards licensor'), `${ref}: the view lists it`);
    }
    const row = rows(api)[0].items.find((i) => i.label.startsWith('Model changes'))!;
    const item = api.comparison.getTreeItem(row.node);
    assert.equal(await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? [])), true);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'the diff editor opened');
    assert.equal(input.modified.toString(), draftUri.toString());
    const left = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === input.original.toString());
    assert.equal(left?.document.getText(), v1, 'the left side shows the committed round');
    assert.match(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), /without notice/);

    // A revision that does not exist: an error message, no comparison.
    assert.equal(await vscode.commands.executeCommand(COMPARE, { against: { ref: 'no-such-ref' } }), undefined);
  });
});
