/**
 * A small reader for the YAML front matter drafts carry (`title:`, `licensor:`, `ai-clauses: { kind: ... }`).
 * It understands `key: value`, one level of nested keys, `- item` lists and quoted strings; anything else is kept
 * as a string. It never throws: front matter is metadata, not something to reject a draft for.
 */
export function parseFrontMatter(block: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const lines = block.split(/\r\n|\r|\n/).slice(1);
  let parent: { key: string; value: Record<string, unknown> | unknown[] } | undefined;
  for (const line of lines) {
    if (/^(?:---|\.\.\.)\s*$/.test(line)) break;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indented = /^\s+/.test(line);
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && parent) {
      if (!Array.isArray(parent.value)) {
        parent.value = [];
        out[parent.key] = parent.value;
      }
      (parent.value as unknown[]).push(scalar(item[1]));
      continue;
    }
    const kv = /^\s*([A-Za-z0-9_][\w .-]*?)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, rest] = kv;
    if (indented && parent && !Array.isArray(parent.value)) {
      (parent.value as Record<string, unknown>)[key] = scalar(rest);
      continue;
    }
    if (rest.trim() === '') {
      parent = { key, value: {} };
      out[key] = parent.value;
    } else {
      parent = undefined;
      out[key] = scalar(rest);
    }
  }
  return out;
}

function scalar(raw: string): unknown {
  const v = raw.trim();
  if (/^(['"]).*\1$/.test(v)) return v.slice(1, -1);
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return Number(v);
  if (/^\[.*\]$/.test(v)) return v.slice(1, -1).split(',').map((x) => scalar(x)).filter((x) => x !== '');
  return v;
}
