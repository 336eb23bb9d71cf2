/** An obligation in the passive voice that names no actor: "Fees shall be paid". */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { sentenceBounds } from '../sentences.js';

const PASSIVE = registerPattern(
  /(?<![\p{L}])(shall|will|must)[ \u00a0]+(?:not[ \u00a0]+)?be[ \u00a0]+(paid|made|given|sent|kept|held|done|provided|delivered|deleted|destroyed|notified|returned|encrypted|stored|maintained|performed|submitted|retained|removed|disclosed|informed|implemented|corrected|remedied|reported|conducted|tested|reviewed|completed|sent|issued|furnished|invoiced|credited|refunded|restored)(?![\p{L}])/giu,
);
const WARRANTY_CONTEXT = registerPattern(/(?<![\p{L}])(?:warrants?|represents?|warranty|warranties)(?![\p{L}])/iu);
const BY_AGENT = registerPattern(/(?<![\p{L}])by[ \u00a0]+(?:the[ \u00a0]+|each[ \u00a0]+|either[ \u00a0]+)?[A-Z\p{Lu}]/u);

export const rule: Rule = {
  id: 'passive-without-actor',
  scope: 'chunk',
  scan({ mask, blocks }, emit) {
    for (const { block, text, lower } of blocks) {
      if (!lower.includes('be')) continue;
      PASSIVE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PASSIVE.exec(text))) {
        const abs = block.start + m.index;
        const s = sentenceBounds(mask, abs, block.start, block.end);
        const rest = mask.slice(abs + m[0].length, s.end);
        if (BY_AGENT.test(rest)) continue;
        // A warranty ("Provider warrants that ... will be provided in a workmanlike manner") states a quality, not a duty.
        if (WARRANTY_CONTEXT.test(mask.slice(Math.max(0, abs - 400), abs))) continue;
        emit({ rule: 'passive-without-actor', start: abs, end: abs + m[0].length, data: { verb: m[1], participle: m[2] } });
      }
    }
  },
  message: (_d, excerpt) => `${quote(excerpt)} does not say which party must act.`,
};
