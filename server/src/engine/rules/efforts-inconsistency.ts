/** Several efforts standards in one agreement: each one that is not the standard to converge on is flagged. */
import type { LocalFinding, Rule } from './types.js';
import { quote } from '../messages.js';
import { matchCase } from '../fixes.js';

export const rule: Rule = {
  id: 'efforts-inconsistency',
  scope: 'document',
  reads: ['vague-efforts', 'efforts-standard'],
  detect({ locals }, out) {
    const variants = new Map<string, LocalFinding>();
    for (const f of locals) {
      if (f.rule !== 'vague-efforts' && f.rule !== 'efforts-standard') continue;
      const key = String(f.data?.text ?? '').toLowerCase().replace(/\s+/g, ' ');
      if (!variants.has(key)) variants.set(key, f);
    }
    if (variants.size < 2) return;
    // The standard to converge on is plain "reasonable efforts" when the draft uses it, else the first one used.
    const all = [...variants.entries()];
    const keep = variants.has('reasonable efforts') ? 'reasonable efforts' : variants.has('reasonable endeavours') ? 'reasonable endeavours' : all[0][0];
    for (const [key, f] of all) {
      if (key === keep) continue;
      out.push({ rule: 'efforts-inconsistency', start: f.start, end: f.end, data: { text: key, others: all.map(([k]) => k).filter((k) => k !== key) } });
    }
  },
  message: (d, excerpt) => `${quote(excerpt)} differs from the other efforts standard${(d.others as string[])?.length > 1 ? 's' : ''} in this agreement (${(d.others as string[]).map((o) => quote(o)).join(', ')}).`,
  fixes: ({ finding, excerpt }) => [
    { title: 'Replace with "reasonable efforts"', kind: 'quickfix', edits: [{ start: finding.start, end: finding.end, newText: matchCase(excerpt, /endeavou?rs/i.test(excerpt) ? 'reasonable endeavours' : 'reasonable efforts') }], preferred: true },
  ],
};
