import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'placeholder-left',
  positive: [
    { body: 'The fees are [●] per month.', excerpt: '[●]' },
    { body: 'The fees are TBD.', excerpt: 'TBD' },
    { body: 'The fees are set by [Licensor].', excerpt: '[Licensor]' },
  ],
  negative: ['The fees are EUR 4,000 per month.'],
};
