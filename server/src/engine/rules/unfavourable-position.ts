/**
 * A clause position that favours the other side of the user's perspective (clause positions, reading/positions.ts):
 * fixes replace the sentence that shows it with the position the user's side prefers, and with the usual compromise.
 */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { replacePositionFix } from '../fixes.js';

export const rule: Rule = {
  id: 'unfavourable-position',
  scope: 'clause',
  fixes({ analysis, finding, data, snippets }) {
    const fixes: Fix[] = [];
    const ids = [data.preferred, data.fallback].filter((id): id is string => typeof id === 'string');
    // Never preferred: the sentence replaced may carry more than the position (a duty of another clause), so the
    // lawyer chooses the replacement; the first offered is the side's preferred position.
    for (const id of ids) {
      const f = replacePositionFix(analysis, finding, id, snippets, false);
      if (f) fixes.push(f);
    }
    return fixes;
  },
};
