/** Vague time limits ("promptly", "without undue delay"): phrases from rules.json, unless an outer limit follows. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const UNDUE_DELAY_LIMIT = registerPattern(/^[^.;]{0,40}?\b(?:and|but)?\s*(?:in any event|in any case|no later than|not later than|within \d|and within)/i);

export const rule: Rule = {
  id: 'vague-time',
  scope: 'chunk',
  onPhrase(hit, emit) {
    const { mask, text } = hit;
    if (hit.block.type === 'heading') return;
    if (/undue delay/i.test(text) && UNDUE_DELAY_LIMIT.test(mask.slice(hit.end, hit.end + 120))) return;
    if (/^timely$/i.test(text) && /^\s+(?:manner|fashion|basis)/i.test(mask.slice(hit.end, hit.end + 12))) return;
    emit({ rule: 'vague-time', start: hit.start, end: hit.end, data: { phrase: hit.phrase, text } });
  },
  message: (_d, excerpt) => `Vague time limit ${quote(excerpt)}.`,
};
