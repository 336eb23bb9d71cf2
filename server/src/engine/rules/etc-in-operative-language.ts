/** "Etc." in an operative sentence (one that grants, obliges or defines). */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { sentenceBounds } from '../sentences.js';

const OPERATIVE = registerPattern(/(?<![\p{L}])(?:shall|will|must|may|means|agrees?|includes?|including|warrants?|represents?|acknowledges?)(?![\p{L}])/iu);

const OPEN_LIST = registerPattern(/(?<![\p{L}])(?:includes?|including|such as|for example|for instance|e\.g\.)(?![\p{L}])/iu);

export const rule: Rule = {
  id: 'etc-in-operative-language',
  scope: 'chunk',
  onPhrase(hit, emit) {
    const { mask, block } = hit;
    if (block.type !== 'paragraph') return;
    const s = sentenceBounds(mask, hit.start, block.start, block.end);
    if (!OPERATIVE.test(mask.slice(s.start, s.end))) return;
    // A list the sentence already leaves open ("includes", "such as", "for example") gains nothing from "etc.".
    if (OPEN_LIST.test(mask.slice(s.start, hit.start))) return;
    const end = mask[hit.end] === '.' ? hit.end + 1 : hit.end;
    emit({ rule: 'etc-in-operative-language', start: hit.start, end, data: { text: mask.slice(hit.start, end) } });
  },
  message: (_d, excerpt) => `${quote(excerpt)} leaves the scope of the list open.`,
};
