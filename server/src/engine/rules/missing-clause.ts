/** A catalogue clause an AI agreement lacks (found by clause detection, clauses.ts): fixes insert the model clause. */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { contextOf } from '../analyzer.js';
import { insertClauseFix } from '../fixes.js';

export const rule: Rule = {
  id: 'missing-clause',
  scope: 'clause',
  fixes({ analysis, finding, snippets }) {
    const fixes: Fix[] = [];
    const clause = finding.clause ? contextOf(analysis).config.catalogue.clause(finding.clause) : undefined;
    if (!clause) return fixes;
    const main = insertClauseFix(analysis, clause.id, { snippets });
    if (main) fixes.push({ ...main, preferred: true });
    for (const variant of clause.variants ?? []) {
      const f = insertClauseFix(analysis, clause.id, { snippets, variant: variant.id });
      if (f && f.edits[0]?.newText !== main?.edits[0]?.newText) fixes.push(f);
    }
    return fixes;
  },
};
