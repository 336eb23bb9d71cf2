/**
 * The adapters' side of incorporation by link (engine/linked.ts): which linked Markdown files of the deal folder may
 * be read, and reading them. Shared by the language server and the CLI.
 *
 * A link is followed only when it is relative, names a `.md`/`.markdown` file in the draft's own folder or below
 * (siblings and sub-folders of the deal folder; never `../`), whose real path (symbolic links resolved) stays there,
 * that is a regular file no larger than `maxBytes`, and that is not the draft itself. The engine follows one level.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Linked files larger than this are not read (a deal document is far smaller). */
export const MAX_LINKED_BYTES = 2_000_000;
/** At most this many linked files per draft. */
export const MAX_LINKED_FILES = 20;

export interface LinkedFile {
  /** The target as the draft writes it (the engine's key). */
  target: string;
  /** The file's real path. */
  file: string;
}

/** The files `targets` name that may be read for the draft at `draftPath` (see above). */
export function linkedFilesOf(draftPath: string, targets: readonly string[], maxBytes = MAX_LINKED_BYTES): LinkedFile[] {
  const out: LinkedFile[] = [];
  let folder: string;
  let self: string;
  try {
    folder = fs.realpathSync(path.dirname(draftPath));
    self = fs.realpathSync(draftPath);
  } catch {
    return out;
  }
  for (const target of targets) {
    if (out.length >= MAX_LINKED_FILES) break;
    if (!/\.(?:md|markdown)$/i.test(target) || path.isAbsolute(target)) continue;
    const lexical = path.resolve(path.dirname(draftPath), target);
    let real: string;
    try {
      real = fs.realpathSync(lexical);
      const stat = fs.statSync(real);
      if (!stat.isFile() || stat.size > maxBytes) continue;
    } catch {
      continue;
    }
    if (real === self || !real.startsWith(folder + path.sep)) continue;
    out.push({ target, file: real });
  }
  return out;
}

/** Reads the linked files (`read` may prefer an open editor's buffer), keyed by target; unreadable ones are left out. */
export function readLinkedFiles(files: readonly LinkedFile[], read: (file: string) => string | undefined = readFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    const text = read(f.file);
    if (text !== undefined) out.set(f.target, text);
  }
  return out;
}

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
