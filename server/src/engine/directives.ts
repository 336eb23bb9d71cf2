/** Inline directives (`<!-- ai-clauses-disable… -->` comments): which findings they turn off. */
import type { Finding } from './types.js';
import type { DirectiveFact } from './parse.js';
import type { LineIndex } from './line-index.js';

/** The findings not turned off by `directives` (document offsets). */
export function applyDirectives(findings: Finding[], directives: DirectiveFact[], lines: LineIndex): Finding[] {
  if (directives.length === 0) return findings;
  const fileOff = new Set<string>();
  let fileAll = false;
  const lineOff: { line: number; rules: string[] }[] = [];
  const blocks: { from: number; to: number; rules: string[] }[] = [];
  const open: { from: number; rules: string[] }[] = [];
  for (const d of [...directives].sort((a, b) => a.start - b.start)) {
    const line = lines.lineAt(d.start);
    switch (d.kind) {
      case 'disable-file':
        if (d.rules.length === 0) fileAll = true;
        d.rules.forEach((r) => fileOff.add(r));
        break;
      case 'disable-line':
        lineOff.push({ line, rules: d.rules });
        break;
      case 'disable-next-line':
        lineOff.push({ line: line + 1, rules: d.rules });
        break;
      case 'disable':
        open.push({ from: d.start, rules: d.rules });
        break;
      case 'enable': {
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          if (d.rules.length === 0 || o.rules.length === 0 || d.rules.some((r) => o.rules.includes(r))) {
            blocks.push({ from: o.from, to: d.start, rules: o.rules });
            open.splice(i, 1);
          }
        }
        break;
      }
    }
  }
  for (const o of open) blocks.push({ from: o.from, to: Number.MAX_SAFE_INTEGER, rules: o.rules });
  const matches = (rules: string[], f: Finding) => rules.length === 0 || rules.some((r) => r === f.rule || r === f.clause || r === `${f.rule}:${f.clause}`);
  return findings.filter((f) => {
    if (fileAll || matches([...fileOff], f) && fileOff.size > 0) return false;
    const line = lines.lineAt(f.start);
    if (lineOff.some((l) => l.line === line && matches(l.rules, f))) return false;
    if (blocks.some((b) => f.start >= b.from && f.start < b.to && matches(b.rules, f))) return false;
    return true;
  });
}

