/** Status bar item "AI clauses 22/30" (complete clauses / applicable ones) for the active Markdown editor; hidden when the document is not a contract. */
import * as vscode from 'vscode';
import { Commands } from '../../server/src/lsp/protocol.js';
import type { CoverageModel } from './coverage-model.js';
import { countsText, coverageCounts } from './coverage-items.js';


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
    this.item.text = `$(law) AI clauses ${countsText(coverage.coverage)}`;
    this.item.tooltip = `${covered} of ${applicable} applicable clauses complete, ${incomplete} incomplete, ${missing} missing. ${coverage.applicability.reason}\nClick to show the coverage view.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
