/**
 * snippets/ai-clauses.code-snippets: one snippet per catalogue clause and one per suppression directive.
 */
import type { ClauseEntry } from '../../server/src/engine/index.js';
import { renderSnippet } from './template.js';
import { compareIds } from './util.js';

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

/**
 * Short names for `ai-<short>` prefixes: the fewest leading words of the clause id that no other clause id starts
 * with (`output-ownership` → `output-ownership` when `output-warranty-disclaimer` exists, `acceptable-use` → `acceptable`).
 */
export function shortNames(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const words = new Map(ids.map((id) => [id, id.split('-')] as const));
  for (const id of ids) {
    const own = words.get(id)!;
    let n = 1;
    for (; n < own.length; n++) {
      const prefix = own.slice(0, n).join('-');
      const clash = ids.some((other) => other !== id && (other === prefix || other.startsWith(prefix + '-')));
      if (!clash) break;
    }
    out.set(id, own.slice(0, n).join('-'));
  }
  return out;
}

export function clauseSnippet(entry: ClauseEntry, short: string): Snippet {
  const [heading, text] = renderSnippet([entry.model.heading, entry.model.text]) as [string, string];
  const body = [`## ${heading.trim()}`, '', ...text.trimEnd().split('\n'), '$0'];
  return { prefix: [`clause:${entry.id}`, `ai-${short}`], body, description: entry.why };
}

export const DIRECTIVES: { kind: string; description: string }[] = [
  { kind: 'disable-next-line', description: 'Turn off ai-clauses rules (ids separated by spaces or commas) for the next line.' },
  { kind: 'disable-line', description: 'Turn off ai-clauses rules for the line this comment is on.' },
  { kind: 'disable', description: 'Turn off ai-clauses rules from here until a matching ai-clauses-enable comment (or the end of the file).' },
  { kind: 'enable', description: 'Turn ai-clauses rules back on after an ai-clauses-disable comment.' },
  { kind: 'disable-file', description: 'Turn off ai-clauses rules for the whole file (a clause id, or missing-clause:<clause id>, silences one clause).' },
];

export function directiveSnippet(kind: string, description: string): Snippet {
  return { prefix: [`ai-clauses-${kind}`], body: [`<!-- ai-clauses-${kind} \${1:rule} -->`], description };
}

/** The whole snippets file, keys sorted, as text. */
export function snippetsFile(clauses: readonly ClauseEntry[]): string {
  const sorted = [...clauses].sort((a, b) => compareIds(a.id, b.id));
  const shorts = shortNames(sorted.map((c) => c.id));
  const out: Record<string, Snippet> = {};
  for (const entry of sorted) {
    const name = `Clause: ${entry.title} (${entry.id})`;
    out[name] = clauseSnippet(entry, shorts.get(entry.id)!);
  }
  for (const d of DIRECTIVES) out[`Directive: ai-clauses-${d.kind}`] = directiveSnippet(d.kind, d.description);
  return JSON.stringify(out, null, 2) + '\n';
}
