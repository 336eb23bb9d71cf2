import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'document-too-large',
  examples: { illustrative: 'the examples describe files of 30 MB' },
  testedIn: 'test/unit/adversarial.test.ts',
};
