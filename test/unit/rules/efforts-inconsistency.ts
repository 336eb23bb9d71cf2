import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'efforts-inconsistency',
  positive: [{ body: 'Provider shall use reasonable efforts to fix errors. Customer shall use best efforts to report them.', excerpt: 'best efforts' }],
  negative: ['Provider shall use reasonable efforts to fix errors.'],
};
