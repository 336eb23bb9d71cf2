import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'number-words-mismatch',
  positive: [{ body: 'Customer may cure within thirty (20) calendar days.', excerpt: 'thirty (20)' }],
  negative: ['Customer may cure within thirty (30) calendar days.', 'Customer may cure within twenty-one (21) calendar days.'],
};
