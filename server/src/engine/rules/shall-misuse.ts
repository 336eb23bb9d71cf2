/**
 * "Shall" that imposes no duty: phrases from rules.json ("shall have the right") and "shall" after a subject that
 * is not a party ("This Agreement shall ...").
 */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const NON_PARTY_SHALL = registerPattern(
  /(?<![\p{L}])(?:This|The|Such|Each|Any|These|Said)[ \u00a0]+(Agreement|Terms|Contract|Order(?: Form)?|Addendum|Schedule|Section|Clause|Term|Fees|Services?|Output|Software|Documentation|Licen[cs]e|Warranty|Payment|Notice|Provision|Invoice)[ \u00a0]+shall(?![\p{L}])(?![ \u00a0]+(?:be[ \u00a0]+governed|mean|be[ \u00a0]+deemed|be[ \u00a0]+construed|be[ \u00a0]+entitled|have[ \u00a0]+the[ \u00a0]+right))/gu,
);

export const rule: Rule = {
  id: 'shall-misuse',
  scope: 'chunk',
  scan({ blocks }, emit) {
    for (const { block, text } of blocks) {
      if (!text.includes('shall')) continue;
      NON_PARTY_SHALL.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = NON_PARTY_SHALL.exec(text))) {
        const shallAt = block.start + m.index + m[0].lastIndexOf('shall');
        emit({ rule: 'shall-misuse', start: shallAt, end: shallAt + 5, data: { subject: m[1], nonPartySubject: true } });
      }
    }
  },
  message: (d, excerpt) => (d.nonPartySubject ? `"shall" with a non-party subject ("${d.subject}") imposes no duty on anyone.` : `${quote(excerpt)} uses "shall" without imposing a duty.`),
  fixes({ finding, data, phraseReplacements }) {
    if (!data.nonPartySubject) return phraseReplacements();
    return [{ title: 'Replace "shall" with "will" (no duty is imposed)', kind: 'quickfix', edits: [{ start: finding.start, end: finding.end, newText: 'will' }] }];
  },
};
