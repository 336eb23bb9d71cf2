/** A clause that lacks required elements (clause detection, clauses.ts): one fix per element adds its model sentence. */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { insertElementFix } from '../fixes.js';

export const rule: Rule = {
  id: 'incomplete-clause',
  scope: 'clause',
  fixes({ analysis, finding, data, snippets }) {
    const fixes: Fix[] = [];
    const elements = Array.isArray(data.elements) ? (data.elements as string[]) : finding.element ? [finding.element] : [];
    elements.forEach((element, i) => {
      const f = insertElementFix(analysis, finding, element, snippets);
      if (f) fixes.push({ ...f, preferred: i === 0 });
    });
    return fixes;
  },
};
