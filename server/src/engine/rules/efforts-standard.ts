/**
 * Plain "reasonable efforts" (not commercially, all or best): not a problem in itself, never reported. It is
 * collected so that efforts-inconsistency sees every efforts standard the agreement uses.
 */
import type { Rule } from './types.js';
import { registerPattern } from '../phrases.js';

const REASONABLE_EFFORTS = registerPattern(/(?<![\p{L}])reasonable (?:efforts|endeavou?rs)(?![\p{L}])/giu);

export const rule: Rule = {
  id: 'efforts-standard',
  scope: 'chunk',
  reported: false,
  scan({ mask }, emit) {
    REASONABLE_EFFORTS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REASONABLE_EFFORTS.exec(mask))) {
      const prev = mask.slice(Math.max(0, m.index - 16), m.index);
      if (/(?:commercially|all|best)\s+$/i.test(prev)) continue;
      emit({ rule: 'efforts-standard', start: m.index, end: m.index + m[0].length, data: { text: m[0] } });
    }
  },
};
