import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'passive-without-actor',
  positive: [{ body: 'Customer data shall be deleted within 30 calendar days after termination.', excerpt: 'shall be deleted' }],
  negative: ['Customer data shall be deleted by Provider within 30 calendar days.', 'Provider shall delete Customer data within 30 calendar days.'],
};
