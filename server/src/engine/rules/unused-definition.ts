/** A defined term never used outside its definition (party names, pronouns and abbreviations excepted). */
import type { Rule } from './types.js';
import { PRONOUNS, chunkTermUses } from './support/terms.js';

export const rule: Rule = {
  id: 'unused-definition',
  scope: 'document',
  detect(input, out) {
    const { model, terms } = input;
    const usedOutsideDefinition = new Set<number>();
    for (const chunk of input.chunks) for (const t of chunkTermUses(chunk, terms).used) usedOutsideDefinition.add(t);
    const termIndex = new Map(terms.map((t, i) => [t, i] as const));
    const reported = new Set<string>();
    for (const d of model.definitions) {
      const idx = termIndex.get(d.term);
      if (idx === undefined || usedOutsideDefinition.has(idx) || reported.has(d.term)) continue;
      // Party names, pronouns and abbreviations ("GDPR", "UK GDPR") are conventionally defined even when not reused.
      if (input.partyNames.includes(d.term) || PRONOUNS.has(d.term) || /^[A-Z0-9]{2,8}s?(?: [A-Z0-9]{2,8}s?)*$/.test(d.term)) continue;
      // Terms defined "for use on the Cover Page" are legitimately unused in standard terms.
      if (input.externalDefinitions > 0 && /\b(?:Cover Page|Order Form)\b/.test(d.term)) continue;
      reported.add(d.term);
      out.push({ rule: 'unused-definition', start: d.start, end: d.end, data: { term: d.term } });
    }
  },
  message: (d) => `"${d.term}" is defined but never used.`,
};
