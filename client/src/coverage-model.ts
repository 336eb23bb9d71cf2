/**
 * The clause coverage of the active Markdown editor, fetched from the server (`aiClauses/coverage`) and refreshed
 * when the active editor changes or diagnostics for it change. The tree view and the status bar render it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { CoverageRequestMethod, type CoverageParams, type CoverageResult } from '../../server/src/lsp/protocol.js';

export function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export class CoverageModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private current: CoverageResult | undefined;
  private currentUri: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = this.activeDocument();
        if (active && e.uris.some((u) => u.toString() === active.uri.toString())) this.schedule(150);
      }),
      vscode.workspace.onDidCloseTextDocument(() => this.schedule(0)),
    );
  }

  get coverage(): CoverageResult | undefined {
    return this.current;
  }

  activeDocument(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return isMarkdown(doc) ? doc : undefined;
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const doc = this.activeDocument();
    let next: CoverageResult | undefined;
    if (doc && this.client.isRunning()) {
      try {
        const params: CoverageParams = { uri: doc.uri.toString() };
        next = (await this.client.sendRequest<CoverageResult | null>(CoverageRequestMethod, params)) ?? undefined;
      } catch {
        next = undefined;
      }
    }
    if (generation !== this.generation) return;
    this.current = next;
    this.currentUri = doc?.uri.toString();
    this.emitter.fire();
  }

  get uri(): string | undefined {
    return this.currentUri;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
