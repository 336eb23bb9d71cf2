/** "and/or": a phrase from rules.json, with a rewrite as "… or X or both". */
import type { Rule } from './types.js';

export const rule: Rule = {
  id: 'and-or',
  scope: 'chunk',
  message: () => `"and/or" is ambiguous.`,
  fixes({ analysis, finding }) {
    const text = analysis.text;
    const fixes = [];
    const after = /^\s+([\p{L}\p{N}'’-]+)/u.exec(text.slice(finding.end, finding.end + 60));
    if (after) {
      const end = finding.end + after[0].length;
      fixes.push({ title: `Rewrite as "… or ${after[1]} or both"`, kind: 'quickfix' as const, edits: [{ start: finding.start, end, newText: `or ${after[1]} or both` }], preferred: true });
    }
    fixes.push({ title: 'Replace "and/or" with "or"', kind: 'quickfix' as const, edits: [{ start: finding.start, end: finding.end, newText: 'or' }] });
    return fixes;
  },
};
