/** A term defined more than once (singular and plural count as one term). */
import type { Definition } from '../types.js';
import type { Rule } from './types.js';
import { PRONOUNS, normaliseTerm } from './support/terms.js';
import { registerPattern } from '../phrases.js';
import { lastAtOrBefore } from '../search.js';

/** "'Services' has the meaning given in the Order Form": a pointer to a definition elsewhere, not a second one. */
const POINTER = registerPattern(/^[\s"”*’']{0,8}(?:,\s*)?(?:has|have|shall have|will have)\s+the\s+meanings?\s+(?:given|set\s+out|assigned|ascribed|defined)|^[\s"”*’']{0,8}(?:is|are)\s+defined\s+in\b/i);

export const rule: Rule = {
  id: 'duplicate-definition',
  scope: 'document',
  detect({ model, chunks }, out) {
    const firstByNorm = new Map<string, Definition>();
    const after = (pos: number): string => {
      const i = lastAtOrBefore(chunks, pos, (c) => c.offset);
      const c = chunks[i];
      return c ? c.mask.slice(pos - c.offset, pos - c.offset + 80) : '';
    };
    for (const d of model.definitions) {
      if (POINTER.test(after(d.end))) continue;
      const key = normaliseTerm(d.term);
      const first = firstByNorm.get(key);
      if (PRONOUNS.has(d.term)) continue;
      if (!first) firstByNorm.set(key, d);
      else if (first.start !== d.start) out.push({ rule: 'duplicate-definition', start: d.start, end: d.end, data: { term: d.term, firstAt: first.start } });
    }
  },
  message: (d) => `"${d.term}" is defined more than once.`,
};
