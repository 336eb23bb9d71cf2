/** The CLI's inputs: files, folders and globs, expanded to the list of files to check. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

/** A mistake in the command line: reported with the usage, exit code 2. */
export class UsageError extends Error {}

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

