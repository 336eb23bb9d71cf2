import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'missing-clause',
  examples: { illustrative: 'the examples describe a draft without an ownership clause' },
  testedIn: 'test/unit/catalogue.test.ts',
};
