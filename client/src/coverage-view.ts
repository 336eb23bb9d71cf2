/** The "AI clause coverage" tree view: every catalogue clause, grouped, as present / incomplete / missing / n/a. */
import * as vscode from 'vscode';
import type { CoverageItem } from '../../server/src/lsp/protocol.js';
import type { CoverageModel } from './coverage-model.js';
import { STATUS_ORDER, clauseCommand, clauseIcon, clauseTooltip, countsText, groupedClauses, statusLabel } from './coverage-items.js';

type Node = { type: 'group'; group: string; title: string; items: CoverageItem[] } | { type: 'clause'; item: CoverageItem };

export class CoverageTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: CoverageModel) {
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    const coverage = this.model.coverage;
    if (!coverage) return [];
    if (!node) return groupedClauses(coverage.coverage).map((g) => ({ type: 'group', ...g }));
    if (node.type === 'group') {
      return [...node.items].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]).map((item) => ({ type: 'clause', item }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = countsText(node.items);
      item.contextValue = 'group';
      return item;
    }
    const c = node.item;
    const item = new vscode.TreeItem(c.title, vscode.TreeItemCollapsibleState.None);
    const icon = clauseIcon(c);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.description = statusLabel(c);
    item.tooltip = new vscode.MarkdownString(clauseTooltip(c));
    item.contextValue = `clause.${c.status}`;
    // A plain selection reveals a clause that is there; it never inserts one (see clauseCommand).
    item.command = clauseCommand(c, this.model.uri);
    return item;
  }
}
