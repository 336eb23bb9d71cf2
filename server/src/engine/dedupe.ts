import type { Finding } from './types.js';

/** Drops exact repeats and overlapping findings of one wording rule (two patterns on one phrase). Input is sorted. */
export function dedupe(findings: Finding[]): Finding[] {
  const lastEnd = new Map<string, number>();
  const out: Finding[] = [];
  // Sorted by position: a duplicate can only sit among the kept findings with the same start and end.
  const isDuplicate = (f: Finding): boolean => {
    for (let k = out.length - 1; k >= 0 && out[k].start === f.start; k--) {
      const g = out[k];
      if (g.end === f.end && g.rule === f.rule && g.clause === f.clause && g.element === f.element) return true;
    }
    return false;
  };
  for (const f of findings) {
    if (isDuplicate(f)) continue;
    if (!f.clause) {
      if ((lastEnd.get(f.rule) ?? -1) > f.start) continue;
      lastEnd.set(f.rule, f.end);
    }
    out.push(f);
  }
  return out;
}

