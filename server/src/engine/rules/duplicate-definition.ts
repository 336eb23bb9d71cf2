/** A term defined more than once (singular and plural count as one term). */
import type { Definition } from '../types.js';
import type { Rule } from './types.js';
import { PRONOUNS, normaliseTerm } from './support/terms.js';

export const rule: Rule = {
  id: 'duplicate-definition',
  scope: 'document',
  detect({ model }, out) {
    const firstByNorm = new Map<string, Definition>();
    for (const d of model.definitions) {
      const key = normaliseTerm(d.term);
      const first = firstByNorm.get(key);
      if (PRONOUNS.has(d.term)) continue;
      if (!first) firstByNorm.set(key, d);
      else if (first.start !== d.start) out.push({ rule: 'duplicate-definition', start: d.start, end: d.end, data: { term: d.term, firstAt: first.start } });
    }
  },
  message: (d) => `"${d.term}" is defined more than once.`,
};
