/** A performance percentage ("99.9% availability") with no measurement period. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { sentenceBounds } from '../sentences.js';
import { sentenceEnd } from '../fixes.js';

const PERCENT = registerPattern(/(?<![\p{L}\p{N}.])(\d{1,3}(?:\.\d{1,4})?)[ \u00a0]?(?:%|percent|per cent)(?![\p{L}\p{N}])/giu);
const SHARE_OF_AMOUNT = registerPattern(
  /^[ \u00a0]{0,3}(?:of|on|in excess of|above|below)[ \u00a0]+(?:(?:the|each|any|all|its|their|such|that)[ \u00a0]+)?(?:[\p{L}-]+[ \u00a0]+){0,2}(?:fees?|charges?|price|amount|sum|value|revenue|turnover|invoices?|payments?|credits?|cap|liability|shares?|equity|stock|interest|votes?|voting)(?![\p{L}])/iu,
);
const METRIC_WORDS = registerPattern(/(?<![\p{L}])(?:uptime|availab(?:le|ility)|accura(?:te|cy)|precision|recall|error rate|success rate|response rate|resolved|service level)(?![\p{L}])/iu);
const PERIOD_WORDS = registerPattern(/(?<![\p{L}])(?:month|monthly|months|quarter|quarterly|year|yearly|annual|annually|week|weekly|daily|day|days|hour|hours|rolling|period|cycle|per|each|every|measured|measurement|over the)(?![\p{L}])/iu);

export const rule: Rule = {
  id: 'percentage-without-period',
  scope: 'chunk',
  scan({ mask, blocks }, emit) {
    for (const { block, text, lower } of blocks) {
      if (!text.includes('%') && !lower.includes('per')) continue;
      PERCENT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PERCENT.exec(text))) {
        const abs = block.start + m.index;
        const s = sentenceBounds(mask, abs, block.start, block.end);
        const sentence = mask.slice(s.start, s.end);
        if (SHARE_OF_AMOUNT.test(mask.slice(abs + m[0].length, abs + m[0].length + 60))) continue; // a share of a named amount
        if (!METRIC_WORDS.test(sentence) || PERIOD_WORDS.test(sentence)) continue;
        emit({ rule: 'percentage-without-period', start: abs, end: abs + m[0].length, data: { text: m[0] } });
      }
    }
  },
  message: (_d, excerpt) => `${quote(excerpt)} has no measurement period.`,
  fixes({ analysis, finding }) {
    const end = sentenceEnd(analysis.text, finding.end);
    return [{ title: 'Add the measurement period: "in each calendar month"', kind: 'quickfix', edits: [{ start: end, end, newText: ', measured over each calendar month' }], preferred: true }];
  },
};
