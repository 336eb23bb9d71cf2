/**
 * What every feature module receives: the connection, the open documents, the per-document analyses, the
 * configuration and what the client can do. Built once in server.ts; holds no per-document settings itself.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisStore } from './store.js';
import type { ConfigManager } from './settings.js';
import type { Logger } from './log.js';

export interface ClientFeatures {
  /** The client pulls diagnostics (`textDocument/diagnostic`); else the server pushes them. */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  /** `workspace/configuration` is available. */
  configuration: boolean;
  workspaceFolders: boolean;
  /** Versioned `documentChanges` in WorkspaceEdits. */
  documentChanges: boolean;
  /** LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`. */
  snippetEdits: boolean;
  /** Snippet syntax in completion items. */
  completionSnippets: boolean;
  markdownHover: boolean;
  hierarchicalSymbols: boolean;
  dynamicWatchedFiles: boolean;
  /** RelativePattern in file watchers (LSP 3.17). */
  relativePatterns: boolean;
  showDocument: boolean;
  /** `relatedInformation` on diagnostics. */
  relatedInformation: boolean;
  /** Commands the client implements itself (initializationOptions.clientCommands). */
  clientCommands: Set<string>;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: AnalysisStore;
  config: ConfigManager;
  client: ClientFeatures;
  log: Logger;
}
