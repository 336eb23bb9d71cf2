import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'vague-efforts',
  positive: [
    { body: 'Provider shall use commercially reasonable efforts to restore the AI System.', excerpt: 'commercially reasonable efforts' },
    { body: 'Provider shall use best endeavours to restore the AI System.', excerpt: 'best endeavours' },
  ],
  negative: ['Provider shall restore the AI System within 4 hours after notice.', 'Provider shall use reasonable efforts to restore the AI System.'],
};
