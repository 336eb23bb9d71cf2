/**
 * The YAML front matter drafts carry (`title:`, `licensor:`, `ai-clauses: { kind: ... }`), read with the `yaml`
 * package (YAML 1.2, core schema: dates and other tags stay strings). It never throws: front matter is metadata, not
 * something to reject a draft for. Malformed YAML gives what could be read, or nothing; anything but a mapping at the
 * top gives nothing.
 */
import { parseDocument } from 'yaml';

let last: { block: string; value: Record<string, unknown> } | undefined;

/**
 * `block` is the front matter as it stands at the start of the draft: the `---` line, the YAML, the closing line.
 * The last answer is kept: while a draft is edited its front matter rarely changes, and each analysis reads it.
 */
export function parseFrontMatter(block: string): Record<string, unknown> {
  if (last?.block === block) return last.value;
  const value = readFrontMatter(block);
  last = { block, value };
  return value;
}

function readFrontMatter(block: string): Record<string, unknown> {
  const lines = block.split(/\r\n|\r|\n/).slice(1);
  const end = lines.findIndex((line) => /^(?:---|\.\.\.)\s*$/.test(line));
  const source = (end >= 0 ? lines.slice(0, end) : lines).join('\n');
  if (!source.trim()) return {};
  try {
    const doc = parseDocument(source, { schema: 'core', uniqueKeys: false, prettyErrors: false });
    const value: unknown = doc.toJS({ maxAliasCount: 50 });
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
