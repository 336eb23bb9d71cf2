/** Vague standards ("industry standard") in a sentence that names no standard or schedule. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { sentenceBounds } from '../sentences.js';

const STANDARD_NAMED = registerPattern(/\b(?:ISO|IEC|SOC ?[12]|NIST|PCI|HIPAA|FedRAMP|CSA STAR|AES|TLS|Schedule|Annex|Exhibit|Appendix|Attachment|Security Measures|Security Policy|DPA)\b/);

export const rule: Rule = {
  id: 'vague-standard',
  scope: 'chunk',
  onPhrase(hit, emit) {
    const { mask, block } = hit;
    const s = sentenceBounds(mask, hit.start, block.start, block.end);
    if (STANDARD_NAMED.test(mask.slice(s.start, s.end))) return;
    emit({ rule: 'vague-standard', start: hit.start, end: hit.end, data: { phrase: hit.phrase, text: hit.text } });
  },
  message: (_d, excerpt) => `Vague standard ${quote(excerpt)} with no named standard or schedule.`,
};
