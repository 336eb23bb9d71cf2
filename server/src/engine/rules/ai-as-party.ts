/** Rights or duties given to the AI ("the AI System shall ensure", "owned by the Model"): only a party can hold them. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';

const AI_PARTY = registerPattern(
  /(?<![\p{L}])(?:the|such|this|any|each)[ \u00a0]+(AI[ \u00a0]+(?:System|Model|Tool|Agent|Service)s?|AI|artificial[ \u00a0]+intelligence(?:[ \u00a0]+system)?|Model|Models|algorithm|chatbot|neural[ \u00a0]+network)[ \u00a0]+(?:shall|will|must)[ \u00a0]+(?:not[ \u00a0]+)?(own|ensure|decide|determine|be[ \u00a0]+responsible|be[ \u00a0]+liable|guarantee|warrant|indemnify|bear|assume|hold)(?![\p{L}])/giu,
);
const AI_OWNED = registerPattern(
  /(?<![\p{L}])(?:(?:owned|held)[ \u00a0]+by[ \u00a0]+(?:the[ \u00a0]+)?(?:AI[ \u00a0]+(?:System|Model)|AI|Model|algorithm|artificial[ \u00a0]+intelligence)|(?:the[ \u00a0]+)?(?:AI[ \u00a0]+System|AI|Model|algorithm)[ \u00a0]+(?:owns|is[ \u00a0]+the[ \u00a0]+owner[ \u00a0]+of|has[ \u00a0]+ownership))(?![\p{L}])/gu,
);

export const rule: Rule = {
  id: 'ai-as-party',
  scope: 'chunk',
  scan({ blocks }, emit) {
    for (const { block, text, lower } of blocks) {
      const base = block.start;
      let m: RegExpExecArray | null;
      AI_PARTY.lastIndex = 0;
      while ((lower.includes('shall') || lower.includes('will') || lower.includes('must')) && (m = AI_PARTY.exec(text))) {
        emit({ rule: 'ai-as-party', start: base + m.index, end: base + m.index + m[0].length, data: { subject: m[1], verb: m[2] } });
      }
      AI_OWNED.lastIndex = 0;
      while ((text.includes('own') || text.includes('held')) && (m = AI_OWNED.exec(text))) {
        emit({ rule: 'ai-as-party', start: base + m.index, end: base + m.index + m[0].length, data: { ownership: true } });
      }
    }
  },
  message: (d, excerpt) => (d.ownership ? `Ownership is given to the AI (${quote(excerpt)}); only a party can own.` : `${quote(excerpt)} puts a duty on the AI; only a party can be bound.`),
};
