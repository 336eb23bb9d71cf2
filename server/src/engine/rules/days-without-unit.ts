/** A bare "30 days" in an agreement that uses Business Days elsewhere. */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const BARE_DAYS = registerPattern(/(?<![\p{L}\p{N}])(\d{1,4}|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)(?:[ \u00a0]\(\d{1,4}\))?)[ \u00a0-]{1,2}days?(?![\p{L}])/giu);

export const rule: Rule = {
  id: 'days-without-unit',
  scope: 'chunk',
  offsetKeys: ['insertAt'],
  scan({ mask, blocks }, emit) {
    for (const { block, text, lower } of blocks) {
      if (!lower.includes('day')) continue;
      BARE_DAYS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BARE_DAYS.exec(text))) {
        const abs = block.start + m.index;
        const before = mask.slice(Math.max(0, abs - 14), abs);
        if (/(?:calendar|business|working|banking|trading|consecutive)[ \u00a0-]*$/i.test(before)) continue;
        const dayWord = m[0].search(/days?$/i);
        emit({ rule: 'days-without-unit', start: abs, end: abs + m[0].length, data: { insertAt: abs + dayWord, text: m[0] } });
      }
    }
  },
  gate(doc) {
    // "days" is ambiguous only where the agreement defines Business Day.
    const usesBusinessDays = doc.model.definitions.some((d) => /^business days?$/i.test(d.term)) || doc.linkedTerms.has('business day') || doc.linkedTerms.has('business days');
    return usesBusinessDays ? undefined : () => false;
  },
  message: (_d, excerpt) => `${quote(excerpt)}: calendar days or Business Days? The agreement uses Business Days elsewhere.`,
  fixes({ finding, data, excerpt }) {
    const fixes: Fix[] = [];
    const at = Number(data.insertAt);
    if (at >= finding.start && at <= finding.end) {
      fixes.push({ title: 'Write "calendar days"', kind: 'quickfix', edits: [{ start: at, end: at, newText: 'calendar ' }], preferred: true });
      fixes.push({ title: 'Write "Business Days"', kind: 'quickfix', edits: [{ start: at, end: finding.end, newText: /days$/i.test(excerpt) ? 'Business Days' : 'Business Day' }] });
    }
    return fixes;
  },
};
