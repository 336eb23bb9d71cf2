/**
 * "Compare Clause Positions With…": compares the open draft with another Markdown file or a Git revision of it
 * (read through the built-in Git extension), lists the clause changes in the "AI Clause Changes" view, and opens
 * VS Code's diff editor on the clause a row names. The client reads both texts and sends them to the server
 * (`aiClauses/compare`); the before side is shown from a read-only snapshot, so its ranges always match.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { Commands, CompareRequestMethod, type CompareChange, type CompareParams, type CompareResult, type LspRange } from '../../server/src/lsp/protocol.js';
import { changeDescription, changeIcon, changeLabel, changeTooltip, groupedChanges, type ChangeGroup } from './compare-items.js';
import { isMarkdown } from './coverage-model.js';
import { gitAccessFor, readRevision, type Revision } from './git.js';

export const SNAPSHOT_SCHEME = 'ai-clauses-compare';
export const CHANGES_VIEW = 'aiClauses.changes';

/** Read-only documents holding the before side of comparisons (the newest few). */
export class SnapshotProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;

  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${++this.next}/${name}` });
    this.texts.set(uri.toString(), text);
    // Keep the last few: an older diff editor may still be open.
    for (const key of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - 8))) this.texts.delete(key);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** What the comparison was made of, so that it can be run again when the draft changes. */
interface Comparison {
  result: CompareResult;
  draft: vscode.Uri;
  /** The draft's version the result is for. */
  draftVersion: number;
  before: { uri: vscode.Uri; text: string; label: string };
  afterLabel: string;
}

/** The source of the before side: a file, or a Git revision of the draft. */
export type CompareSource = { kind: 'file'; uri: vscode.Uri } | { kind: 'git'; ref: string };

/** The command's argument when it is run from code (tests, key bindings): no prompt is shown. */
export interface CompareArgs {
  /** The other file (a URI or its string form), or `{ ref }` for a Git revision of the draft. */
  against?: string | vscode.Uri | { ref: string };
  /** The draft; default: the active Markdown editor. */
  uri?: string | vscode.Uri;
}

type Node = { type: 'group'; group: ChangeGroup } | { type: 'change'; change: CompareChange };

function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || 'draft.md';
}

/** A URI, its string form, or its JSON form (a key binding's argument). */
function asUri(value: string | vscode.Uri): vscode.Uri {
  if (typeof value === 'string') return vscode.Uri.parse(value);
  return value instanceof vscode.Uri ? value : vscode.Uri.from(value as { scheme: string; path: string });
}

export class ComparisonFeature implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly snapshots = new SnapshotProvider();
  private current: Comparison | undefined;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView(CHANGES_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.emitter,
      vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, this.snapshots),
      vscode.commands.registerCommand(Commands.compareWith, (arg?: unknown) => this.compareWith(arg)),
      vscode.commands.registerCommand(Commands.showClauseChange, (clause: unknown) => (typeof clause === 'string' ? this.showChange(clause) : false)),
      // The list follows the draft as it is edited: compared again with the same before text.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.current && e.document.uri.toString() === this.current.draft.toString() && e.contentChanges.length) this.scheduleRefresh();
      }),
    );
  }

  /** The last comparison's result (for tests and the view). */
  get result(): CompareResult | undefined {
    return this.current?.result;
  }

  // --- tree view -------------------------------------------------------------------------------------------

  getChildren(node?: Node): Node[] {
    const result = this.current?.result;
    if (!result) return [];
    if (!node) return groupedChanges(result).map((group) => ({ type: 'group', group }));
    if (node.type === 'group') return node.group.changes.map((change) => ({ type: 'change', change }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.group.changes.length);
      item.contextValue = `changeGroup.${node.group.id}`;
      return item;
    }
    const c = node.change;
    const perspective = this.current?.result.perspective ?? 'neutral';
    const item = new vscode.TreeItem(changeLabel(c), vscode.TreeItemCollapsibleState.None);
    item.description = changeDescription(c);
    const icon = changeIcon(c, perspective);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.tooltip = new vscode.MarkdownString(changeTooltip(c, { before: this.current?.before.label ?? 'Before', after: this.current?.afterLabel ?? 'After' }));
    item.contextValue = `change.${c.direction}`;
    item.command = { title: 'Show change', command: Commands.showClauseChange, arguments: [c.clause] };
    return item;
  }

  private render(): void {
    const c = this.current;
    this.view.description = c ? `${c.before.label} → ${c.afterLabel}` : undefined;
    this.view.message = c && c.result.changes.length === 0 ? `No clause changed between ${c.before.label} and ${c.afterLabel}.` : undefined;
    this.emitter.fire(undefined);
  }

  // --- the command -------------------------------------------------------------------------------------------

  async compareWith(arg?: unknown): Promise<CompareResult | undefined> {
    // From code: CompareArgs. From a menu on a file: its URI. From the palette or the view's title: nothing.
    const args: CompareArgs = arg instanceof vscode.Uri ? { uri: arg } : ((arg ?? {}) as CompareArgs);
    const draft = args.uri ? await vscode.workspace.openTextDocument(asUri(args.uri)) : this.activeDraft();
    if (!isMarkdown(draft)) {
      void vscode.window.showInformationMessage('Open a Markdown agreement to compare its clause positions.');
      return undefined;
    }
    let source: CompareSource | undefined;
    if (args.against === undefined) source = await pickSource(draft);
    else if (typeof args.against === 'object' && 'ref' in args.against) source = { kind: 'git', ref: String(args.against.ref) };
    else source = { kind: 'file', uri: asUri(args.against) };
    if (!source) return undefined;

    let before: { text: string; label: string };
    try {
      before = await readSource(draft, source);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
    const afterLabel = vscode.workspace.asRelativePath(draft.uri);
    const snapshot = this.snapshots.add(source.kind === 'file' ? baseName(source.uri) : baseName(draft.uri), before.text);
    const comparison = await this.run(draft, { uri: snapshot, ...before }, afterLabel);
    if (!comparison) {
      void vscode.window.showInformationMessage('AI Clauses is disabled for this document.');
      return undefined;
    }
    this.current = comparison;
    this.render();
    await vscode.commands.executeCommand(`${CHANGES_VIEW}.focus`);
    const against = comparison.result.changes.filter((c) => c.against).length;
    vscode.window.setStatusBarMessage(
      `AI Clauses: ${comparison.result.changes.length} clause change(s) since ${before.label}${against ? `, ${against} against your side` : ''}`,
      8000,
    );
    return comparison.result;
  }

  /** The active Markdown editor's document; in a diff editor of ours, the draft (its left side is a snapshot). */
  private activeDraft(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.uri.scheme !== SNAPSHOT_SCHEME || !this.current) return doc;
    const draft = this.current.draft.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === draft);
  }

  private async run(draft: vscode.TextDocument, before: Comparison['before'], afterLabel: string): Promise<Comparison | undefined> {
    const draftVersion = draft.version;
    const params: CompareParams = {
      uri: draft.uri.toString(),
      beforeText: before.text,
      beforeLabel: before.label,
      afterText: draft.getText(),
      afterLabel,
    };
    const result = await this.client.sendRequest<CompareResult | null>(CompareRequestMethod, params);
    return result ? { result, draft: draft.uri, draftVersion, before, afterLabel } : undefined;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 500);
  }

  /** Compares the draft's current text with the same before side again, if it changed since. */
  private async refresh(): Promise<void> {
    const c = this.current;
    if (!c) return;
    const draft = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.draft.toString());
    if (!draft || draft.version === c.draftVersion) return;
    try {
      const next = await this.run(draft, c.before, c.afterLabel);
      // Still the same comparison (not replaced by a new one meanwhile)?
      if (next && this.current === c) {
        this.current = next;
        this.render();
      }
    } catch {
      // The server restarted or the request failed: keep the last list.
    }
  }

  /** Opens the diff editor on one change: the before snapshot on the left, the draft on the right. */
  async showChange(clause: string): Promise<boolean> {
    if (this.current) {
      const draft = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.current!.draft.toString());
      if (draft && draft.version !== this.current.draftVersion) await this.refresh();
    }
    const c = this.current;
    const change = c?.result.changes.find((x) => x.clause === clause);
    if (!c || !change) {
      void vscode.window.showInformationMessage('That clause no longer differs; the list shows the current changes.');
      return false;
    }
    const after = change.after.range ? toRange(change.after.range) : undefined;
    const title = `${c.before.label} ↔ ${c.afterLabel}: ${change.title}`;
    const options: vscode.TextDocumentShowOptions = { preview: true, ...(after ? { selection: after } : {}) };
    await vscode.commands.executeCommand('vscode.diff', c.before.uri, c.draft, title, options);
    // The modified side got the selection; put the before side's clause in sight too (removed clauses have only it).
    const left = await visibleEditor(c.before.uri);
    if (left && change.before.range) {
      const r = toRange(change.before.range);
      left.selection = new vscode.Selection(r.start, r.end);
      left.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const right = await visibleEditor(c.draft);
    if (right && after) right.revealRange(after, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The visible editor on `uri`, waiting a moment for the extension host to learn of a diff editor just opened. */
function visibleEditor(uri: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const find = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), 2000);
    const sub = vscode.window.onDidChangeVisibleTextEditors(() => {
      const found = find();
      if (found) done(found);
    });
    function done(editor: vscode.TextEditor | undefined): void {
      clearTimeout(timer);
      sub.dispose();
      resolve(editor);
    }
  });
}

/** The before side's text and name. */
async function readSource(draft: vscode.TextDocument, source: CompareSource): Promise<{ text: string; label: string }> {
  if (source.kind === 'file') {
    // An open (possibly unsaved) editor wins over the file on disk, as everywhere in VS Code.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(source.uri));
      } catch (e) {
        throw new Error(`Could not read ${vscode.workspace.asRelativePath(source.uri)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { text, label: vscode.workspace.asRelativePath(source.uri) };
  }
  const git = await gitAccessFor(draft.uri);
  if ('unavailable' in git) throw new Error(`Cannot compare with ${source.ref}: ${git.unavailable}.`);
  return { text: await readRevision(git.repository, source.ref, draft.uri), label: `${vscode.workspace.asRelativePath(draft.uri)} @ ${source.ref}` };
}

interface SourcePick extends vscode.QuickPickItem {
  source?: CompareSource | 'browse';
}

const REVISION_ICONS: Record<Revision['kind'], string> = { head: '$(git-commit)', branch: '$(git-branch)', tag: '$(tag)' };

async function gitPicks(draft: vscode.TextDocument): Promise<SourcePick[]> {
  const git = await gitAccessFor(draft.uri);
  if ('unavailable' in git) return [{ label: `Git revisions unavailable: ${git.unavailable}`, kind: vscode.QuickPickItemKind.Separator }];
  const revisions = await git.revisions();
  return [
    { label: 'Git revisions of this draft', kind: vscode.QuickPickItemKind.Separator },
    ...revisions.map((r) => ({
      label: `${REVISION_ICONS[r.kind]} ${r.ref}`,
      description: [r.kind === 'head' ? 'last commit' : r.kind, r.commit].filter(Boolean).join(' · '),
      source: { kind: 'git', ref: r.ref } as CompareSource,
    })),
  ];
}

async function filePicks(draft: vscode.TextDocument): Promise<SourcePick[]> {
  const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**', 200);
  const others = files.filter((f) => f.toString() !== draft.uri.toString()).sort((a, b) => a.path.localeCompare(b.path));
  return [
    { label: 'Markdown files in the workspace', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder-opened) Browse…', description: 'choose a file', source: 'browse' },
    ...others.map((uri) => ({ label: `$(file) ${baseName(uri)}`, description: vscode.workspace.asRelativePath(uri), source: { kind: 'file', uri } as CompareSource })),
  ];
}

/** Asks what to compare the draft with: a Git revision (when Git is available) or another file. */
async function pickSource(draft: vscode.TextDocument): Promise<CompareSource | undefined> {
  const qp = vscode.window.createQuickPick<SourcePick>();
  qp.title = `Compare clause positions of ${baseName(draft.uri)} with…`;
  qp.placeholder = 'A Git revision of this draft (HEAD, a branch, a tag) or another Markdown file';
  qp.matchOnDescription = true;
  qp.busy = true;
  let git: SourcePick[] = [];
  let files: SourcePick[] = [];
  const render = () => (qp.items = [...git, ...files]);
  qp.show();
  const failed = (what: string) => (e: unknown): SourcePick[] => [{ label: `${what} unavailable: ${e instanceof Error ? e.message : String(e)}`, kind: vscode.QuickPickItemKind.Separator }];
  void Promise.all([
    gitPicks(draft).catch(failed('Git revisions')).then((p) => ((git = p), render())),
    filePicks(draft).catch(failed('Workspace files')).then((p) => ((files = p), render())),
  ]).finally(() => (qp.busy = false));
  const picked = await new Promise<SourcePick | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      if (item?.source) resolve(item);
    });
    qp.onDidHide(() => resolve(undefined));
  });
  qp.hide();
  qp.dispose();
  if (!picked?.source) return undefined;
  if (picked.source !== 'browse') return picked.source;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Compare',
    title: `Compare ${baseName(draft.uri)} with`,
    filters: { Markdown: ['md', 'markdown'] },
    defaultUri: draft.uri.scheme === 'file' ? vscode.Uri.joinPath(draft.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return chosen?.[0] ? { kind: 'file', uri: chosen[0] } : undefined;
}
