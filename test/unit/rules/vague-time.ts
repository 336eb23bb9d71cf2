import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'vague-time',
  positive: [
    { body: 'Provider shall promptly notify Customer of any incident.', excerpt: 'promptly' },
    { body: 'Provider shall notify Customer as soon as practicable.', excerpt: 'as soon as practicable' },
    { body: 'Provider shall notify Customer without undue delay.', excerpt: 'without undue delay' },
  ],
  negative: [
    'Provider shall notify Customer within 24 hours after becoming aware of any incident.',
    // An outer limit makes "without undue delay" precise.
    'Provider shall notify Customer without undue delay and in any event within 48 hours.',
    'Customer may terminate this Agreement immediately by written notice.',
  ],
};
