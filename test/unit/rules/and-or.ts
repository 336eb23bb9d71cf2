import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'and-or',
  positive: [{ body: 'Customer may suspend and/or terminate the licence.', excerpt: 'and/or' }],
  negative: ['Customer may suspend or terminate the licence, or both.'],
};
