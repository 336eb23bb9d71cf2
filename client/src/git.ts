/**
 * Git revisions of a draft, read through VS Code's built-in git extension (`vscode.git`, API version 1). Nothing
 * here runs git itself, and the language server never does: the client hands the revision's text to the server.
 * Only the few members of the git extension's API that are used are declared.
 */
import * as vscode from 'vscode';

const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}

interface GitRef {
  type: RefType;
  name?: string;
  commit?: string;
  remote?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: GitRef | undefined };
  show(ref: string, path: string): Promise<string>;
  getBranches?(query: { remote?: boolean; count?: number }): Promise<GitRef[]>;
  getRefs?(query: { pattern?: string; count?: number }): Promise<GitRef[]>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** A revision to compare with: HEAD, a branch or a tag. */
export interface Revision {
  ref: string;
  kind: 'head' | 'branch' | 'tag';
  /** Short commit id, when known. */
  commit?: string;
}

export type GitAccess = { repository: GitRepository; revisions(): Promise<Revision[]> } | { unavailable: string };

async function gitApi(): Promise<GitApi | string> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return 'the built-in Git extension is not installed';
  let exports: GitExtension;
  try {
    exports = ext.isActive ? ext.exports : await ext.activate();
  } catch (e) {
    return `the Git extension could not start (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!exports?.enabled) return 'Git is disabled (setting "git.enabled")';
  let api: GitApi;
  try {
    api = exports.getAPI(1);
  } catch (e) {
    return `the Git extension gives no access (${e instanceof Error ? e.message : String(e)})`;
  }
  if (api.state !== 'initialized') {
    // The extension scans the workspace for repositories when it starts; wait a little for it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 5000);
      const sub = api.onDidChangeState((s) => s === 'initialized' && done());
      function done(): void {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
  return api;
}

/** The repository that holds `uri` and its revisions, or why there is none. */
export async function gitAccessFor(uri: vscode.Uri): Promise<GitAccess> {
  if (uri.scheme !== 'file') return { unavailable: 'the draft is not saved in a file' };
  const api = await gitApi();
  if (typeof api === 'string') return { unavailable: api };
  const repository = api.getRepository(uri);
  if (!repository) return { unavailable: 'the draft is not in a Git repository that VS Code has open' };
  return { repository, revisions: () => revisionsOf(repository) };
}

async function revisionsOf(repository: GitRepository): Promise<Revision[]> {
  const out: Revision[] = [];
  const head = repository.state.HEAD;
  out.push({ ref: 'HEAD', kind: 'head', commit: head?.commit?.slice(0, 7) });
  let refs: GitRef[] = [];
  try {
    refs = repository.getRefs ? await repository.getRefs({}) : ((await repository.getBranches?.({ remote: false })) ?? []);
  } catch {
    refs = [];
  }
  for (const r of refs) {
    if (!r.name || r.type === RefType.RemoteHead) continue;
    out.push({ ref: r.name, kind: r.type === RefType.Tag ? 'tag' : 'branch', commit: r.commit?.slice(0, 7) });
  }
  return out;
}

/** The text of the draft at `ref`; throws with a readable message when the file is not in that revision. */
export async function readRevision(repository: GitRepository, ref: string, uri: vscode.Uri): Promise<string> {
  try {
    return await repository.show(ref, uri.fsPath);
  } catch (e) {
    const why = e instanceof Error ? (e as Error & { stderr?: string }).stderr?.trim() || e.message : String(e);
    throw new Error(`Could not read ${vscode.workspace.asRelativePath(uri)} at ${ref}: ${why}`);
  }
}
