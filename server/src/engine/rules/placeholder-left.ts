/** Placeholders left in the draft: "[TBD]", "[●]", "[Customer]", "____" (blank lines outside a signature block). */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { isSentenceStart } from '../text-facts.js';

const PLACEHOLDER = registerPattern(
  /\[(?:[●•·_…]{1,5}|\.{3}|TBD|TBC|tbd|tbc|insert[^\]\n]{0,60}|Insert[^\]\n]{0,60}|Licensor|Licensee|Provider|Customer|Party [A-Z]|Company|Client|Vendor|name|date|amount|number|address|[A-Z][A-Z ]{2,30}|X{1,4}|x{2,4}|N|n)\]|(?<![\p{L}\p{N}])(?:TBD|TBC)(?![\p{L}\p{N}])|_{4,}|\[\[[^\]\n]{1,40}\]\]/gu,
);

export const rule: Rule = {
  id: 'placeholder-left',
  scope: 'chunk',
  scan({ mask, blocks }, emit) {
    for (const { block, text } of blocks) {
      if (!text.includes('[') && !text.includes('TB') && !text.includes('____')) continue;
      PLACEHOLDER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PLACEHOLDER.exec(text))) {
        const abs = block.start + m.index;
        // "[A-Z ...]" only counts as a placeholder when it is not a markdown reference label such as [RFC] in prose
        if (/^\[[A-Z][A-Z ]{2,30}\]$/.test(m[0]) && !/^\[(?:NAME|DATE|AMOUNT|ADDRESS|COMPANY|PARTY|INSERT|TBD|TBC|LICENSOR|LICENSEE|PROVIDER|CUSTOMER|FEE|FEES|NUMBER)/.test(m[0])) continue;
        if (m[0] === '[N]' || m[0] === '[n]') {
          if (!isSentenceStart(mask, abs) && !/\d|days|months|%/.test(mask.slice(abs + 3, abs + 15))) continue;
        }
        emit({ rule: 'placeholder-left', start: abs, end: abs + m[0].length, data: { text: m[0] } });
      }
    }
  },
  gate(doc) {
    // Blank lines for signatures belong in a signature block.
    const signatureStart = doc.model.signatureStart;
    if (signatureStart === undefined) return undefined;
    return (f) => !(f.start >= signatureStart && /^_+$/.test(doc.text.slice(f.start, f.end)));
  },
  message: (_d, excerpt) => `Placeholder ${quote(excerpt)} left in the draft.`,
};
