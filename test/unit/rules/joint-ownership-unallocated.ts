import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'joint-ownership-unallocated',
  positive: [{ body: 'The parties jointly own all improvements to the AI System.', excerpt: 'jointly own' }],
  negative: ['The parties jointly own all improvements, and each party may use and license them without the consent of the other.'],
};
