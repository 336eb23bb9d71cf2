/**
 * Wires the LSP connection to the feature modules. Answers `initialize` from the client's capabilities alone;
 * the engine is loaded on the first analysis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions, FIX_ALL_KIND, INSERT_CLAUSE_KIND } from './code-actions.js';
import { registerCommands, SERVER_COMMANDS } from './commands.js';
import { registerCompare } from './compare.js';
import { registerCompletion, TRIGGER_CHARACTERS } from './completion.js';
import type { ClientFeatures, ServerContext } from './context.js';
import { registerCoverage } from './coverage.js';
import { registerDiagnostics, type DiagnosticsFeature } from './diagnostics.js';
import { loadEngine } from './engine.js';
import { FileSource, isConfigFileUri, pathToUri, uriToPath } from './files.js';
import { registerHover } from './hover.js';
import { Logger } from './log.js';
import { registerNavigation } from './navigation.js';
import { CONFIG_FILE_NAME, DidChangeTrustNotificationMethod, type DidChangeTrustParams, type InitializationOptions } from './protocol.js';
import { guardNotification } from './safe.js';
import { ConfigManager } from './settings.js';
import { AnalysisStore } from './store.js';

export const SERVER_NAME = 'ai-clauses';
export const SERVER_VERSION = '0.1.0';

function clientFeatures(params: InitializeParams): ClientFeatures {
  const caps = params.capabilities;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  // LSP 3.18, absent from the 9.x typings: read the raw object.
  const rawWorkspaceEdit = (caps.workspace?.workspaceEdit ?? {}) as Record<string, unknown>;
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    configuration: !!caps.workspace?.configuration,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    snippetEdits: rawWorkspaceEdit.snippetEditSupport === true,
    completionSnippets: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
    markdownHover: (caps.textDocument?.hover?.contentFormat ?? []).includes('markdown'),
    hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    dynamicWatchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    relativePatterns: !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    showDocument: !!caps.window?.showDocument?.support,
    relatedInformation: !!caps.textDocument?.publishDiagnostics?.relatedInformation,
    clientCommands: new Set(Array.isArray(options.clientCommands) ? options.clientCommands : []),
  };
}

function initialFolders(params: InitializeParams): { uri: string }[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders;
  if (params.rootUri) return [{ uri: params.rootUri }];
  return [];
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = new Logger(connection);
  let ctx: ServerContext | undefined;
  let diagnostics: DiagnosticsFeature | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;

  /** Configuration changed: forget it and have every open document re-diagnosed (coalesced). */
  const configurationChanged = () => {
    ctx?.config.invalidate();
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      diagnostics?.refreshAll();
    }, 50);
  };

  /** A file a draft links to changed: have the drafts re-diagnosed (coalesced; their analyses are out of date). */
  const linkedFilesChanged = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      diagnostics?.refreshAll();
    }, 50);
  };

  connection.onInitialize((params): InitializeResult => {
    const client = clientFeatures(params);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const files = new FileSource(documents);
    const config = new ConfigManager(connection, files, log, client.configuration, {
      trusted: options.trusted !== false,
      folders: initialFolders(params),
    });
    const store = new AnalysisStore(documents, config, log, files);
    ctx = { connection, documents, store, config, client, log };

    diagnostics = registerDiagnostics(ctx);
    registerCodeActions(ctx);
    registerCompletion(ctx);
    registerHover(ctx);
    registerNavigation(ctx);
    registerCoverage(ctx);
    registerCompare(ctx);
    registerCommands(ctx);

    return {
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: client.pullDiagnostics
          ? { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false }
          : undefined,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, INSERT_CLAUSE_KIND, FIX_ALL_KIND],
          resolveProvider: true,
        },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'AI clauses' },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (!ctx) return;
    // Load the engine and compile the catalogue's phrases while the editor is still opening the document, so the
    // first diagnostics do not pay for it on their own (initialize has been answered already).
    setTimeout(() => {
      loadEngine()
        .then((engine) => engine.builtinCatalogue().phraseTable())
        .catch((e: unknown) => log.error(`loading the engine failed: ${String(e)}`));
    }, 0);
    const { client, config } = ctx;
    if (client.dynamicWatchedFiles) {
      // Configuration files, and Markdown files a draft may link to (the deal folder: see linked-files.ts).
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.{md,markdown}' }] })
        .catch((e: unknown) => log.warn(`could not watch configuration files: ${String(e)}`));
      config.onNewPlaybooks((paths) => {
        // Playbooks may live outside the workspace: a relative pattern on their folder where the client supports it.
        const watchers = paths.map((p) => ({
          globPattern: client.relativePatterns ? { baseUri: pathToUri(path.dirname(p)), pattern: path.basename(p) } : p,
        }));
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers })
          .catch((e: unknown) => log.warn(`could not watch playbooks: ${String(e)}`));
      });
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(log, 'workspaceFolders', (e) => {
          config.addFolders(e.added, e.removed);
          configurationChanged();
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    guardNotification(log, 'didChangeConfiguration', (params) => {
      ctx?.config.setPushedSettings(params.settings);
      configurationChanged();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(log, 'didChangeWatchedFiles', (params) => {
      if (params.changes.some((c) => ctx?.config.isWatchedFile(c.uri))) configurationChanged();
      else if (params.changes.map((c) => linkedPath(c.uri, ctx?.store)).filter((p) => p !== undefined && ctx?.store.linkedChanged(p)).length) linkedFilesChanged();
    }),
  );

  connection.onNotification(
    DidChangeTrustNotificationMethod,
    guardNotification(log, 'didChangeTrust', (params: DidChangeTrustParams) => {
      ctx?.config.setTrusted(!!params.trusted);
      configurationChanged();
    }),
  );

  // Editing the configuration file in the editor applies at once (its buffer wins over the file on disk); so does
  // editing a file that a draft links to.
  documents.onDidChangeContent((e) => {
    if (isConfigFileUri(e.document.uri)) configurationChanged();
    else if (ctx?.store.linkedChanged(linkedPath(e.document.uri, ctx?.store) ?? '')) linkedFilesChanged();
  });
  documents.onDidClose((e) => {
    ctx?.store.drop(e.document.uri);
    if (isConfigFileUri(e.document.uri)) configurationChanged();
    else if (ctx?.store.linkedChanged(linkedPath(e.document.uri, ctx?.store) ?? '')) linkedFilesChanged();
  });

  documents.listen(connection);
}


/** The real path of a Markdown file's URI (drafts record their linked files by real path), if it has one. */
function linkedPath(uri: string, store?: AnalysisStore): string | undefined {
  if (store && !store.hasLinkedFiles()) return undefined;
  const p = uriToPath(uri);
  if (p === undefined || !/\.(?:md|markdown)$/i.test(p)) return undefined;
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
