/** The "AI clause coverage" tree view: every catalogue clause, grouped, as present / incomplete / missing / n/a. */
import * as vscode from 'vscode';
import { Commands, groupTitles, statusLabels, statusRank, type ClauseStatus, type CoverageItem } from '../../server/src/lsp/protocol.js';
import type { CoverageModel } from './coverage-model.js';

type Node = { type: 'group'; group: string; items: CoverageItem[] } | { type: 'clause'; item: CoverageItem };

export function statusIcon(status: ClauseStatus): vscode.ThemeIcon {
  switch (status) {
    case 'present':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'incomplete':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'missing':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    default:
      return new vscode.ThemeIcon('circle-slash');
  }
}

export function statusLabel(item: CoverageItem): string {
  if (item.status === 'incomplete') return `incomplete: lacks ${item.missingElements.join(', ') || 'an element'}`;
  return statusLabels[item.status].toLowerCase();
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: CoverageModel) {
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    const coverage = this.model.coverage;
    if (!coverage) return [];
    if (!node) {
      const groups = new Map<string, CoverageItem[]>();
      for (const item of coverage.coverage) {
        const list = groups.get(item.group) ?? [];
        list.push(item);
        groups.set(item.group, list);
      }
      return [...groups].map(([group, items]) => ({ type: 'group', group, items }));
    }
    if (node.type === 'group') {
      return [...node.items].sort((a, b) => statusRank(a.status) - statusRank(b.status)).map((item) => ({ type: 'clause', item }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const present = node.items.filter((i) => i.status === 'present' || i.status === 'incomplete').length;
      const applicable = node.items.filter((i) => i.status !== 'not-applicable').length;
      const item = new vscode.TreeItem(groupTitles[node.group] ?? node.group, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${present}/${applicable}`;
      item.contextValue = 'group';
      return item;
    }
    const c = node.item;
    const item = new vscode.TreeItem(c.title, vscode.TreeItemCollapsibleState.None);
    item.iconPath = statusIcon(c.status);
    item.description = statusLabel(c);
    item.tooltip = new vscode.MarkdownString(`**${c.title}** — ${statusLabel(c)}\n\n${c.why}`);
    item.contextValue = `clause.${c.status}`;
    const uri = this.model.uri;
    if ((c.status === 'present' || c.status === 'incomplete') && c.range && uri) {
      item.command = { title: 'Reveal clause', command: Commands.revealClause, arguments: [uri, c.range] };
    } else if (c.status === 'missing') {
      item.command = { title: 'Insert clause', command: Commands.insertClause, arguments: [c.clause, uri] };
    }
    return item;
  }
}
