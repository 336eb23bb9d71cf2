/**
 * The VS Code side of ai-clauses: starts the bundled language server over IPC for Markdown documents and adds the
 * commands, the coverage tree view and the status bar item. All analysis happens in the server process.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { CONFIG_FILE_NAME, Commands, DidChangeTrustNotificationMethod, type InitializationOptions } from '../../server/src/lsp/protocol.js';
import { serverNodeOptions } from '../../server/src/lsp/launch.js';
import { registerCommands } from './commands.js';
import { ComparisonFeature } from './compare.js';
import { CoverageModel } from './coverage-model.js';
import { CoverageTreeProvider } from './coverage-view.js';
import { CoverageStatus } from './status.js';

/** What `activate()` returns, for the extension tests. */
export interface AiClausesApi {
  /** Resolves when the language server has answered `initialize`. */
  ready: Promise<void>;
  client: LanguageClient;
  /** "Compare Clause Positions With…" and the "AI Clause Changes" view's data. */
  comparison: ComparisonFeature;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): AiClausesApi {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const execArgv = serverNodeOptions();
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    clientCommands: [Commands.showRuleDocumentation, Commands.insertClause],
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Synced so that problems in the configuration file show on it while it is open.
      { scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` },
    ],
    diagnosticPullOptions: { onChange: true, onSave: true },
    // The section makes the client send didChangeConfiguration when an aiClauses.* setting changes; the server then
    // pulls the settings per document with workspace/configuration.
    synchronize: { configurationSection: 'aiClauses', fileEvents: vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`) },
    initializationOptions,
  };

  void vscode.commands.executeCommand('setContext', 'aiClauses.active', true);
  const languageClient = new LanguageClient('aiClauses', 'AI Clauses', serverOptions, clientOptions);
  client = languageClient;

  const model = new CoverageModel(languageClient);
  const tree = vscode.window.createTreeView('aiClauses.coverage', { treeDataProvider: new CoverageTreeProvider(model), showCollapseAll: true });
  const status = new CoverageStatus(model);
  model.onDidChange(() => {
    tree.message = model.coverage
      ? model.coverage.applicability.isContract
        ? undefined
        : `Not analysed as a contract: ${model.coverage.applicability.reason}`
      : 'Open a Markdown agreement to see its clause coverage.';
  });
  tree.message = 'Open a Markdown agreement to see its clause coverage.';
  context.subscriptions.push(model, tree, status);

  registerCommands(context, languageClient, () => model.schedule(0));
  const comparison = new ComparisonFeature(languageClient);
  context.subscriptions.push(comparison);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void languageClient.sendNotification(DidChangeTrustNotificationMethod, { trusted: true });
    }),
  );

  const ready = languageClient.start().then(() => model.schedule(0));
  return { ready, client: languageClient, comparison };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
