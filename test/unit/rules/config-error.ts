import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'config-error',
  examples: { illustrative: 'the examples are configuration files, checked by the adapters' },
  testedIn: 'test/lsp/settings.test.ts',
};
