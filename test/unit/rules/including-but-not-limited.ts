import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'including-but-not-limited',
  positive: [
    { body: 'Provider may use logs, including but not limited to error reports.', excerpt: 'including but not limited to' },
    { body: 'Provider may use logs, including, without limitation, error reports.', excerpt: 'including, without limitation' },
  ],
  negative: ['Provider may use logs, including error reports.'],
};
