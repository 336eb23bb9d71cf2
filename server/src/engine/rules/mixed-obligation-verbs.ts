/** Obligations of the parties written with both "shall" and "will" (three or more of each). */
import type { Rule } from './types.js';

export const rule: Rule = {
  id: 'mixed-obligation-verbs',
  scope: 'document',
  detect(input, out) {
    // Only obligations of parties count; a rough but safe signal: both verbs used often with a party name before them.
    const shall = input.markers['partyShall'] ?? 0;
    const will = input.markers['partyWill'] ?? 0;
    if (shall >= 3 && will >= 3) {
      const minority = shall < will ? 'shall' : 'will';
      const anchor = input.anchor;
      out.push({ rule: 'mixed-obligation-verbs', start: anchor.start, end: anchor.end, data: { shall, will, dominant: minority === 'shall' ? 'will' : 'shall' } });
    }
  },
  message: (d) => `Obligations use both "shall" (${d.shall}×) and "will" (${d.will}×).`,
};
