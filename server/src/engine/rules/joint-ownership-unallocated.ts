/** Joint ownership with no rules on how each owner may use, license and enforce. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const JOINT = registerPattern(/(?<![\p{L}])(?:jointly[ \u00a0]+own(?:ed|s)?|joint[ \u00a0]+ownership|joint[ \u00a0]+owners?|co-own(?:ed|s|ership)?)(?![\p{L}])/giu);
const JOINT_RULES = registerPattern(/(?:without[ \u00a0]+(?:the[ \u00a0]+)?(?:consent|approval)|account(?:ing)?[ \u00a0]+to|shares?[ \u00a0]+of|exploit|may[ \u00a0]+(?:use|license|licence))/i);

export const rule: Rule = {
  id: 'joint-ownership-unallocated',
  scope: 'chunk',
  scan({ blocks }, emit) {
    for (const { block, text, lower } of blocks) {
      if (!lower.includes('joint') && !lower.includes('co-own')) continue;
      JOINT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = JOINT.exec(text))) {
        if (JOINT_RULES.test(text)) continue;
        emit({ rule: 'joint-ownership-unallocated', start: block.start + m.index, end: block.start + m.index + m[0].length });
      }
    }
  },
  message: (_d, excerpt) => `${quote(excerpt)} without rules on use, licensing and enforcement by each owner.`,
};
