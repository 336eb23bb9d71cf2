/** The CLI's inputs: files, folders and globs, expanded to the list of files to check. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

/** A mistake in the command line: reported with the usage, exit code 2. */
export class UsageError extends Error {}

/** The options `check` and `compare` share. */
export interface SharedOptions {
  output?: string;
  config?: string;
  perspective?: 'licensee' | 'licensor' | 'neutral';
}

/** Reads `arg` if it is one of the shared options (its value from `value()`); false when it is not one of them. */
export function readSharedOption(arg: string, value: () => string, options: SharedOptions): boolean {
  switch (arg) {
    case '--output':
      options.output = value();
      return true;
    case '--config':
      options.config = value();
      return true;
    case '--perspective': {
      const v = value();
      if (v !== 'licensee' && v !== 'licensor' && v !== 'neutral') throw new UsageError(`unknown perspective "${v}" (licensee, licensor or neutral)`);
      options.perspective = v;
      return true;
    }
    default:
      return false;
  }
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands files, folders (their Markdown files, hidden folders and node_modules left out) and globs (tinyglobby:
 * `*`, `**`, `?`, `[...]`, `{a,b}`; files only).
 */
export function expandInputs(inputs: string[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    if (!existsSync(input) && isDynamicPattern(input)) {
      // `ignore` is relative to the current folder: matches of a pattern outside it are filtered here, below the
      // pattern's fixed folders (which the user named, whatever they are called).
      const segments = input.split(/[\\/]/);
      const fixed = segments.findIndex((segment) => isDynamicPattern(segment));
      for (const f of globSync(input.split(sep).join('/'), { onlyFiles: true, ignore: IGNORED, absolute: isAbsolute(input), expandDirectories: false })) {
        if (f.split('/').slice(fixed).some((segment) => segment === 'node_modules' || segment === '.git')) continue;
        out.add(f.split('/').join(sep));
      }
      continue;
    }
    if (!existsSync(input)) throw new UsageError(`no such file: ${input}`);
    if (statSync(input).isDirectory()) {
      for (const f of globSync('**/*.{md,markdown}', { cwd: input, onlyFiles: true, ignore: ['**/node_modules/**'], caseSensitiveMatch: false, expandDirectories: false })) {
        out.add(join(input, f));
      }
    } else out.add(input);
  }
  return [...out].sort();
}

