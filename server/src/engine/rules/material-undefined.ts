/** "Material breach", "materially adverse" with no threshold, in an agreement that does not define "material". */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const MATERIAL = registerPattern(
  /(?<![\p{L}])(material|materially)(?![\p{L}])(?=[ \u00a0]+(?:breach|breaches|change|changes|adverse|adversely|default|respect|way|impact|effect|reduce|reduces|degrade|degrades|alter|alters|modification|modifications|failure|non-compliance|noncompliance|decrease|harm|deteriorat\p{L}*|affect\p{L}*))/gu,
);

export const rule: Rule = {
  id: 'material-undefined',
  scope: 'chunk',
  scan({ blocks }, emit) {
    for (const { block, text } of blocks) {
      if (!text.includes('material')) continue;
      MATERIAL.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = MATERIAL.exec(text))) {
        const abs = block.start + m.index;
        emit({ rule: 'material-undefined', start: abs, end: abs + m[0].length, data: { text: m[0] } });
      }
    }
  },
  gate(doc) {
    const materialDefined = [...doc.definedLower].some((t) => /^material\b|\bmaterial\b/.test(t));
    return materialDefined ? () => false : undefined;
  },
  message: (_d, excerpt) => `${quote(excerpt)} has no threshold and "Material" is not defined.`,
};
