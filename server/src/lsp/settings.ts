/**
 * Settings and configuration, per document. `aiClauses.*` settings come from `workspace/configuration` (scoped to
 * the document) and are cached per workspace folder, never in globals shared across folders. The configuration
 * file `.ai-clauses.json` is the nearest one in the document's folder or its ancestors, up to the workspace
 * folder; it and the playbooks named in the settings are read here and handed to the engine as text. In an
 * untrusted workspace neither is read: the built-in catalogue applies.
 *
 * Every change (settings, watched files, trust) bumps `epoch`; diagnostics' result ids include it.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node.js';
import type { EngineConfig, ResolvedConfig } from '../engine/index.js';
import { loadEngine } from './engine.js';
import { FileSource, normalizeUri, uriToPath } from './files.js';
import type { Logger } from './log.js';
import { SEVERITY_SETTINGS } from '../engine/vocabulary.js';
import {
  CONFIG_FILE_NAME,
  defaultSettings,
  type AiClausesSettings,
  type DocumentKindSetting,
  type Perspective,
  type SeverityOrOff,
} from './protocol.js';

export interface DocumentConfig {
  /** The workspace folder (URI) the document belongs to, if any. */
  folder?: string;
  settings: AiClausesSettings;
  resolved: ResolvedConfig;
  /** Absolute path of the configuration file that applied, if any. */
  configFile?: string;
  playbookFiles: string[];
  trusted: boolean;
  epoch: number;
}

interface Folder {
  uri: string;
  path?: string;
}

const SEVERITIES = new Set<string>(SEVERITY_SETTINGS);

export class ConfigManager {
  private folders: Folder[] = [];
  private trusted: boolean;
  private currentEpoch = 1;
  /** Settings per workspace folder key ('' = no folder). */
  private readonly settingsCache = new Map<string, Promise<AiClausesSettings>>();
  /** Resolved configuration per (folder, configuration file). */
  private readonly configCache = new Map<string, Promise<DocumentConfig>>();
  /** Configuration file found for a directory (null = none), per epoch. */
  private readonly discovery = new Map<string, string | null>();
  /** Settings pushed by `didChangeConfiguration` for clients without `workspace/configuration`. */
  private pushedSettings: unknown;
  private readonly knownPlaybooks = new Set<string>();
  private readonly onPlaybooksListeners: ((files: string[]) => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly files: FileSource,
    private readonly log: Logger,
    private readonly useConfigurationRequest: boolean,
    options: { trusted: boolean; folders: { uri: string }[] },
  ) {
    this.trusted = options.trusted;
    this.setFolders(options.folders);
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  setFolders(folders: readonly { uri: string }[]): void {
    this.folders = folders.map((f) => ({ uri: normalizeUri(f.uri), path: uriToPath(f.uri) }));
    // Longest first, so nested folders win.
    this.folders.sort((a, b) => b.uri.length - a.uri.length);
  }

  addFolders(added: readonly { uri: string }[], removed: readonly { uri: string }[]): void {
    const gone = new Set(removed.map((f) => normalizeUri(f.uri)));
    this.setFolders([...this.folders.filter((f) => !gone.has(f.uri)), ...added]);
    this.invalidate();
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.invalidate();
  }

  /** Settings sent with `didChangeConfiguration` (used only when the client cannot answer `workspace/configuration`). */
  setPushedSettings(settings: unknown): void {
    this.pushedSettings = settings;
  }

  /** Forgets every cached setting and configuration file. */
  invalidate(): void {
    this.currentEpoch++;
    this.settingsCache.clear();
    this.configCache.clear();
    this.discovery.clear();
  }

  /** Called with the absolute paths of playbooks seen for the first time (the server watches them). */
  onNewPlaybooks(listener: (files: string[]) => void): void {
    this.onPlaybooksListeners.push(listener);
  }

  isWatchedFile(uri: string): boolean {
    const p = uriToPath(uri);
    if (p === undefined) return false;
    return path.basename(p) === CONFIG_FILE_NAME || this.knownPlaybooks.has(p);
  }

  folderOf(uri: string): Folder | undefined {
    const normalized = normalizeUri(uri);
    for (const folder of this.folders) {
      const prefix = folder.uri.endsWith('/') ? folder.uri : folder.uri + '/';
      if (normalized === folder.uri || normalized.startsWith(prefix)) return folder;
    }
    // Untitled and other non-file documents use the first folder's settings and configuration file.
    if (!normalized.startsWith('file:')) return this.folders[this.folders.length - 1];
    return undefined;
  }

  async settingsFor(uri: string): Promise<AiClausesSettings> {
    const folder = this.folderOf(uri);
    const key = folder?.uri ?? '';
    let cached = this.settingsCache.get(key);
    if (!cached) {
      cached = this.fetchSettings(folder?.uri ?? uri);
      this.settingsCache.set(key, cached);
    }
    return cached;
  }

  async configFor(uri: string): Promise<DocumentConfig> {
    const epoch = this.currentEpoch;
    const folder = this.folderOf(uri);
    const settings = await this.settingsFor(uri);
    const configFile = this.trusted ? this.findConfigFile(uri, folder) : undefined;
    const key = `${folder?.uri ?? ''}\u0000${configFile ?? ''}`;
    let cached = this.configCache.get(key);
    if (!cached || epoch !== this.currentEpoch) {
      cached = this.resolve(folder, settings, configFile, epoch);
      if (epoch === this.currentEpoch) this.configCache.set(key, cached);
    }
    return cached;
  }

  /** Problems in one configuration file, for diagnostics on it while it is open. */
  async problemsInConfigFile(file: string): Promise<{ start: number; end: number; message: string }[]> {
    const text = this.files.read(file);
    if (text === undefined) return [];
    const engine = await loadEngine();
    const resolved = engine.resolveConfig({ files: [{ path: file, text }] });
    return resolved.problems.filter((p) => p.file === file);
  }

  private async fetchSettings(scopeUri: string): Promise<AiClausesSettings> {
    let raw: unknown = undefined;
    if (this.useConfigurationRequest) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri, section: 'aiClauses' });
      } catch (error) {
        this.log.once('configuration-request', 'warn', `workspace/configuration failed; using defaults: ${String(error)}`);
      }
    } else {
      const pushed = this.pushedSettings as { aiClauses?: unknown } | undefined;
      raw = pushed?.aiClauses;
    }
    return normalizeSettings(raw);
  }

  private findConfigFile(uri: string, folder: Folder | undefined): string | undefined {
    const docPath = uriToPath(uri);
    let dir = docPath !== undefined ? path.dirname(docPath) : folder?.path;
    if (dir === undefined) return undefined;
    const stop = folder?.path;
    const visited: string[] = [];
    let found: string | undefined;
    for (;;) {
      const known = this.discovery.get(dir);
      if (known !== undefined) {
        found = known ?? undefined;
        break;
      }
      visited.push(dir);
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (this.files.exists(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir || (stop !== undefined && path.relative(stop, dir) === '')) break;
      // Outside the workspace folder: stop as well.
      if (stop !== undefined && path.relative(stop, parent).startsWith('..')) break;
      dir = parent;
    }
    for (const d of visited) this.discovery.set(d, found ?? null);
    return found;
  }

  private async resolve(
    folder: Folder | undefined,
    settings: AiClausesSettings,
    configFile: string | undefined,
    epoch: number,
  ): Promise<DocumentConfig> {
    const engine = await loadEngine();
    const files: { path: string; text: string }[] = [];
    if (configFile) {
      const text = this.files.read(configFile);
      if (text !== undefined) files.push({ path: configFile, text });
    }
    const playbooks: { path: string; text: string }[] = [];
    const playbookFiles: string[] = [];
    if (this.trusted) {
      const wanted: string[] = [];
      // Playbooks named by the configuration file are relative to its folder; those in settings to the workspace folder.
      if (configFile && files.length) {
        for (const entry of engine.playbookPathsOf(files[0].text)) wanted.push(path.resolve(path.dirname(configFile), entry));
      }
      for (const entry of settings.playbooks) {
        if (path.isAbsolute(entry)) wanted.push(entry);
        else if (folder?.path) wanted.push(path.join(folder.path, entry));
        else this.log.once(`playbook-relative:${entry}`, 'warn', `Playbook "${entry}" is relative but the document has no workspace folder; ignored.`);
      }
      for (const file of new Set(wanted)) {
        playbookFiles.push(file);
        const text = this.files.read(file);
        if (text === undefined) {
          this.log.once(`playbook-missing:${file}:${epoch}`, 'warn', `Playbook ${file} cannot be read; ignored.`);
          continue;
        }
        playbooks.push({ path: file, text });
      }
      const fresh = playbookFiles.filter((f) => !this.knownPlaybooks.has(f));
      if (fresh.length) {
        for (const f of fresh) this.knownPlaybooks.add(f);
        for (const listener of this.onPlaybooksListeners) listener(fresh);
      }
    }
    const engineSettings: Partial<EngineConfig> = { rules: settings.rules, clauses: settings.clauses };
    if (settings.perspective) engineSettings.perspective = settings.perspective;
    if (settings.requiredClauses) engineSettings.requiredClauses = settings.requiredClauses;
    if (settings.documentKind && settings.documentKind !== 'auto') engineSettings.documentKind = settings.documentKind;
    if (settings.maxDocumentSize) engineSettings.maxDocumentSize = settings.maxDocumentSize;
    const resolved = engine.resolveConfig({ files, playbooks, settings: engineSettings, trusted: this.trusted });
    for (const problem of resolved.problems) {
      this.log.once(`config-problem:${epoch}:${problem.file}:${problem.start}:${problem.message}`, 'warn', `${problem.file}: ${problem.message}`);
    }
    return { folder: folder?.uri, settings, resolved, configFile, playbookFiles, trusted: this.trusted, epoch };
  }
}

/** Turns whatever the client answered into well-typed settings (unknown keys and wrong types fall back to defaults). */
export function normalizeSettings(raw: unknown): AiClausesSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severityMap = (value: unknown): Record<string, SeverityOrOff> => {
    const out: Record<string, SeverityOrOff> = {};
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && SEVERITIES.has(v)) out[k] = v as SeverityOrOff;
    }
    return out;
  };
  const perspective = s.perspective === 'licensee' || s.perspective === 'licensor' || s.perspective === 'neutral' ? (s.perspective as Perspective) : null;
  const kinds = ['auto', 'ai-agreement', 'contract', 'not-contract'];
  const codeActions = (s.codeActions && typeof s.codeActions === 'object' ? s.codeActions : {}) as Record<string, unknown>;
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : defaultSettings.enable,
    rules: severityMap(s.rules),
    clauses: severityMap(s.clauses),
    perspective,
    requiredClauses: Array.isArray(s.requiredClauses) ? s.requiredClauses.filter((x): x is string => typeof x === 'string') : null,
    documentKind: typeof s.documentKind === 'string' && kinds.includes(s.documentKind) ? (s.documentKind as DocumentKindSetting) : 'auto',
    maxDocumentSize: typeof s.maxDocumentSize === 'number' && s.maxDocumentSize > 0 ? s.maxDocumentSize : null,
    playbooks: Array.isArray(s.playbooks) ? s.playbooks.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [],
    codeActions: {
      disableComments: typeof codeActions.disableComments === 'boolean' ? codeActions.disableComments : defaultSettings.codeActions.disableComments,
    },
    fixAll: typeof s.fixAll === 'boolean' ? s.fixAll : defaultSettings.fixAll,
    logTimings: typeof s.logTimings === 'boolean' ? s.logTimings : defaultSettings.logTimings,
    missingClauses: s.missingClauses === 'each' ? 'each' : defaultSettings.missingClauses,
  };
}

