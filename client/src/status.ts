/** Status bar item "AI clauses 22/30" for the active Markdown editor; hidden when the document is not a contract. */
import * as vscode from 'vscode';
import { Commands } from '../../server/src/lsp/protocol.js';
import type { CoverageModel } from './coverage-model.js';

export function coverageCounts(items: { status: string }[]): { covered: number; applicable: number; incomplete: number; missing: number } {
  const applicable = items.filter((i) => i.status !== 'not-applicable').length;
  const incomplete = items.filter((i) => i.status === 'incomplete').length;
  const missing = items.filter((i) => i.status === 'missing').length;
  const covered = items.filter((i) => i.status === 'present').length + incomplete;
  return { covered, applicable, incomplete, missing };
}

export class CoverageStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;

  constructor(private readonly model: CoverageModel) {
    this.item = vscode.window.createStatusBarItem('aiClauses.coverage', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'AI clause coverage';
    this.item.command = Commands.showCoverage;
    model.onDidChange(() => this.render());
  }

  render(): void {
    const coverage = this.model.coverage;
    if (!coverage || !coverage.applicability.isContract || !this.model.activeDocument()) {
      this.item.hide();
      return;
    }
    const { covered, applicable, incomplete, missing } = coverageCounts(coverage.coverage);
    this.item.text = `$(law) AI clauses ${covered}/${applicable}`;
    this.item.tooltip = `${covered} of ${applicable} applicable clauses addressed (${incomplete} incomplete), ${missing} missing. ${coverage.applicability.reason}\nClick to show the coverage view.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
