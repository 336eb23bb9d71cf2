import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'sole-discretion',
  positive: [{ body: 'Provider may change the model in its sole discretion.', excerpt: 'in its sole discretion' }],
  negative: ['Provider may change the model, acting reasonably, on 60 calendar days notice.'],
};
