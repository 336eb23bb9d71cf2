/** The extension's commands: insert clause (QuickPick), show coverage, restart server, show rule documentation. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import type { WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient/node.js';
import {
  Commands,
  CoverageRequestMethod,
  InsertClauseRequestMethod,
  groupTitles,
  statusLabels,
  statusRank,
  type CoverageItem,
  type CoverageResult,
  type InsertClauseParams,
  type LspRange,
} from '../../server/src/lsp/protocol.js';
import { isMarkdown } from './coverage-model.js';

const STATUS_ICON: Record<string, string> = { missing: '$(error)', incomplete: '$(warning)', present: '$(pass)', 'not-applicable': '$(circle-slash)' };

async function targetDocument(uri?: string): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const doc = vscode.window.activeTextEditor?.document;
  return isMarkdown(doc) ? doc : undefined;
}

interface ClausePick extends vscode.QuickPickItem {
  clause?: CoverageItem;
}

async function pickClause(coverage: CoverageResult): Promise<CoverageItem | undefined> {
  const groups = new Map<string, CoverageItem[]>();
  for (const c of coverage.coverage) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  // Groups with missing clauses first; inside a group, missing clauses first.
  const ordered = [...groups].sort(
    ([, a], [, b]) => Number(b.some((c) => c.status === 'missing')) - Number(a.some((c) => c.status === 'missing')),
  );
  const items: ClausePick[] = [];
  for (const [group, clauses] of ordered) {
    items.push({ label: groupTitles[group] ?? group, kind: vscode.QuickPickItemKind.Separator });
    for (const c of [...clauses].sort((a, b) => statusRank(a.status) - statusRank(b.status))) {
      items.push({ label: `${STATUS_ICON[c.status] ?? ''} ${c.title}`, description: statusLabels[c.status].toLowerCase(), detail: c.why, clause: c });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Insert clause', placeHolder: 'Choose a clause to insert (missing clauses first)', matchOnDetail: true });
  return picked?.clause;
}

async function pickVariant(item: CoverageItem): Promise<string | undefined | null> {
  if (item.variants.length <= 1) return item.variants[0]?.id;
  const picked = await vscode.window.showQuickPick(
    item.variants.map((v) => ({ label: v.title, id: v.id })),
    { title: `${item.title}: choose a variant` },
  );
  return picked ? picked.id : null;
}

export async function insertClause(client: LanguageClient, clauseId?: string, uri?: string): Promise<boolean> {
  const doc = await targetDocument(uri);
  if (!doc) {
    void vscode.window.showInformationMessage('Open a Markdown agreement to insert a clause.');
    return false;
  }
  const coverage = await client.sendRequest<CoverageResult | null>(CoverageRequestMethod, { uri: doc.uri.toString() });
  if (!coverage) {
    void vscode.window.showInformationMessage('AI clauses is disabled for this document.');
    return false;
  }
  const item = clauseId ? coverage.coverage.find((c) => c.clause === clauseId) : await pickClause(coverage);
  if (!item) return false;
  const variant = await pickVariant(item);
  if (variant === null) return false;
  const params: InsertClauseParams = { uri: doc.uri.toString(), clause: item.clause, variant };
  const lspEdit = await client.sendRequest<LspWorkspaceEdit | null>(InsertClauseRequestMethod, params);
  if (!lspEdit) {
    void vscode.window.showInformationMessage(`Could not insert "${item.title}".`);
    return false;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(lspEdit);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) {
    const first = edit.get(doc.uri)[0];
    const editor = await vscode.window.showTextDocument(doc);
    if (first) {
      const at = first.range.start;
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
  return applied;
}

export async function showRuleDocumentation(extensionUri: vscode.Uri, rule: unknown): Promise<void> {
  if (typeof rule !== 'string' || !/^[a-z0-9-]+$/.test(rule)) return;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${rule}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`No documentation page for rule "${rule}".`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
  }
}

export async function revealClause(uri: string, range: LspRange): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = new vscode.Selection(r.start, r.start);
  editor.revealRange(r, vscode.TextEditorRevealType.AtTop);
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, onRestart: () => void): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.insertClause, (clauseArg?: unknown, uri?: unknown) => {
      // From code, the tree item's command or a key binding: a clause id; from the tree's inline button: the tree node.
      const node = clauseArg as { item?: { clause?: unknown } } | undefined;
      const clauseId = typeof clauseArg === 'string' ? clauseArg : typeof node?.item?.clause === 'string' ? node.item.clause : undefined;
      return insertClause(client, clauseId, typeof uri === 'string' ? uri : undefined);
    }),
    vscode.commands.registerCommand(Commands.showCoverage, () => vscode.commands.executeCommand('aiClauses.coverage.focus')),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      await client.restart();
      onRestart();
    }),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, (rule: unknown) => showRuleDocumentation(context.extensionUri, rule)),
    vscode.commands.registerCommand(Commands.revealClause, (uri: string, range: LspRange) => revealClause(uri, range)),
  );
}
