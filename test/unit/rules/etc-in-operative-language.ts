import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'etc-in-operative-language',
  positive: [{ body: 'Provider may use logs, metrics, etc. to improve the AI System.', excerpt: 'etc.' }],
  negative: ['Provider may use logs and metrics to improve the AI System.'],
};
