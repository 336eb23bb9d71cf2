/**
 * One `DocumentAnalyzer` per open document and the analysis of its current version. Every feature (diagnostics,
 * code actions, hover, completion, symbols, coverage) asks `get()`; the document is analysed at most once per
 * version and configuration epoch, and the result (with its line index and diagnostics) is shared.
 */
import type { CancellationToken, Diagnostic, TextDocuments } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, DocumentAnalyzer, LineIndex, ResolvedConfig } from '../engine/index.js';
import { loadEngine, type Engine } from './engine.js';
import { isConfigFileUri, uriToPath, type FileSource } from './files.js';
import { linkedFilesOf, readLinkedFiles, MAX_LINKED_BYTES } from '../linked-files.js';
import type { Logger } from './log.js';
import type { ConfigManager, DocumentConfig } from './settings.js';

export interface AnalysisResult {
  uri: string;
  /** The LSP document version analysed. */
  version: number;
  epoch: number;
  analysis: DocumentAnalysis;
  index: LineIndex;
  config: DocumentConfig;
  engine: Engine;
  /** Filled lazily by the diagnostics module, shared by pull, push and code actions. */
  diagnostics?: Diagnostic[];
  /** Per-result memo for other features (completion items, symbols ...). */
  memo: Map<string, unknown>;
  /** Time spent parsing and scanning new chunks in slices before the analysis was assembled (wall clock). */
  prepareMs: number;
  /** The state of the linked files this analysis read (see AnalysisStore.linkedChanged). */
  linkedStamp: number;
}

interface DocState {
  analyzer: DocumentAnalyzer;
  config?: ResolvedConfig;
  current?: AnalysisResult;
  /** The analysis in progress: the analyzer updates its caches in place, so one runs at a time per document. */
  running?: Promise<AnalysisResult | undefined>;
  /** Bumped when a file the draft links to changes (on disk or in an editor): the analysis is then out of date. */
  linkedStamp: number;
  /** The real paths of the linked files the last analysis read. */
  linkedFiles: Set<string>;
}

/** Raised (as a CancelledError-named error) when a token is cancelled before the analysis starts. */
function cancelled(engine: Engine): Error {
  return new engine.CancelledError();
}

const yieldControl = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `result` is the analysis of this document version under this configuration and these linked files. */
function isCurrent(result: AnalysisResult | undefined, version: number, config: DocumentConfig, state?: DocState): result is AnalysisResult {
  return !!result && result.version === version && result.epoch === config.epoch && result.config === config && (!state || result.linkedStamp === state.linkedStamp);
}

export function isMarkdownDocument(doc: TextDocument): boolean {
  if (isConfigFileUri(doc.uri)) return false;
  if (doc.languageId === 'markdown') return true;
  return /\.(md|markdown|mdown|mkd)$/i.test(doc.uri);
}

export class AnalysisStore {
  private readonly states = new Map<string, DocState>();

  /** Texts of linked files read from disk, by real path, until they change (`linkedChanged`). */
  private readonly linkedTexts = new Map<string, string | undefined>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly config: ConfigManager,
    private readonly log: Logger,
    private readonly files?: FileSource,
  ) {}

  /**
   * A Markdown file changed on disk or in an editor (`path`, a real path or a URI's path): drafts that link to it are
   * out of date. Returns whether any is, so the caller refreshes their diagnostics.
   */
  /** Whether any open draft links to a file (the server skips the bookkeeping of Markdown changes otherwise). */
  hasLinkedFiles(): boolean {
    for (const state of this.states.values()) if (state.linkedFiles.size) return true;
    return this.linkedTexts.size > 0;
  }

  linkedChanged(file: string): boolean {
    this.linkedTexts.delete(file);
    let any = false;
    for (const state of this.states.values()) {
      if (state.linkedFiles.has(file)) {
        state.linkedStamp++;
        any = true;
      }
    }
    return any;
  }

  /**
   * The texts of the Markdown files the draft links to (relative links, the draft's folder or below, one level; an
   * open editor's buffer wins over the disk), or an empty map in an untrusted workspace.
   */
  private linkedFor(uri: string, text: string, engine: Engine, state: DocState): Map<string, string> {
    const draft = uriToPath(uri);
    const links = draft && this.config.isTrusted() ? engine.documentLinks(text) : [];
    const files = links.length ? linkedFilesOf(draft!, links.map((l) => l.target), MAX_LINKED_BYTES) : [];
    state.linkedFiles = new Set(files.map((f) => f.file));
    return readLinkedFiles(files, (file) => {
      const open = this.files?.openText(file);
      if (open !== undefined) return open;
      if (!this.linkedTexts.has(file)) this.linkedTexts.set(file, this.files?.read(file, MAX_LINKED_BYTES));
      return this.linkedTexts.get(file);
    });
  }

  /**
   * The analysis of the document's current version, or undefined when the document is not open, not Markdown,
   * or the extension is disabled for it. Throws the engine's CancelledError when `token` is cancelled.
   */
  async get(uri: string, token?: CancellationToken): Promise<AnalysisResult | undefined> {
    const first = this.documents.get(uri);
    if (!first || !isMarkdownDocument(first)) return undefined;
    const engine = await loadEngine();
    const config = await this.config.configFor(uri);
    if (!config.settings.enable) return undefined;
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    let state = this.states.get(uri);
    const cached = state?.current;
    if (isCurrent(cached, doc.version, config, state)) return cached;
    if (token) {
      // Let a pending $/cancelRequest arrive before the analysis starts.
      await yieldControl();
      if (token.isCancellationRequested) throw cancelled(engine);
    }
    state = this.states.get(uri);
    if (!state) {
      state = { analyzer: new engine.DocumentAnalyzer({ config: config.resolved }), linkedStamp: 0, linkedFiles: new Set() };
      this.states.set(uri, state);
    }
    // One analysis at a time per document: a request that finds one running waits for it, then uses its result if it
    // is for the current version (the usual case: diagnostics, hover and code actions for the same keystroke).
    while (state.running) {
      await state.running.catch(() => undefined);
      if (token?.isCancellationRequested) throw cancelled(engine);
      if (this.states.get(uri) !== state) return this.get(uri, token);
      const now = this.documents.get(uri);
      if (!now) return undefined;
      if (isCurrent(state.current, now.version, config, state)) return state.current;
    }
    const running = this.analyse(uri, state, config, engine, token);
    state.running = running;
    try {
      const result = await running;
      // Closed and reopened meanwhile: start again with the new state.
      if (!result && this.states.get(uri) !== state && this.documents.get(uri)) return this.get(uri, token);
      return result;
    } finally {
      if (state.running === running) state.running = undefined;
    }
  }

  private async analyse(uri: string, state: DocState, config: DocumentConfig, engine: Engine, token?: CancellationToken): Promise<AnalysisResult | undefined> {
    if (state.config !== config.resolved) {
      state.analyzer.setConfig(config.resolved);
      state.config = config.resolved;
    }
    // Parse and scan new chunks in slices, so that a long draft never holds the message loop; then assemble the
    // analysis of the version current at that moment (the document may have changed or closed meanwhile), also in
    // slices.
    const prepareStart = performance.now();
    let latest = this.documents.get(uri);
    while (latest) {
      const text = latest.getText();
      await state.analyzer.prepare(text, { token, yieldControl });
      const now = this.documents.get(uri);
      if (!now || now.version === latest.version) break;
      latest = now;
    }
    latest = this.documents.get(uri);
    if (!latest) return undefined;
    // Closed and reopened meanwhile: get() starts again with the new state.
    if (this.states.get(uri) !== state) return undefined;
    if (isCurrent(state.current, latest.version, config, state)) return state.current;
    const prepareMs = performance.now() - prepareStart;
    const text = latest.getText();
    const version = latest.version;
    const linkedStamp = state.linkedStamp;
    state.analyzer.setLinkedDocuments(this.linkedFor(uri, text, engine, state));
    const analysis = await state.analyzer.updateInSlices(text, { token, yieldControl });
    const result: AnalysisResult = {
      uri,
      version,
      epoch: config.epoch,
      analysis,
      index: engine.lineIndexOf(analysis),
      config,
      engine,
      memo: new Map(),
      prepareMs,
      linkedStamp,
    };
    state.current = result;
    for (const failure of analysis.ruleErrors) {
      this.log.once(`rule-error:${failure.rule}`, 'error', `Rule ${failure.rule} failed (other rules still ran): ${failure.message}`);
    }
    return result;
  }

  /** The last analysis of a document, whatever its version (for resolving code actions without re-analysing). */
  peek(uri: string): AnalysisResult | undefined {
    return this.states.get(uri)?.current;
  }

  drop(uri: string): void {
    this.states.delete(uri);
  }
}
