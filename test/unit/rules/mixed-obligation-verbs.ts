import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, findings } from '../helpers.js';

export const cases: RuleCases = {
  rule: 'mixed-obligation-verbs',
  examples: { illustrative: 'the rule needs three obligations with each verb; the examples show one of each' },
  more: {
    'flags a draft that uses shall and will for obligations'() {
      const body = ['Provider shall deliver.', 'Provider shall test.', 'Provider shall report.', 'Customer will pay.', 'Customer will review.', 'Customer will sign.'].join(' ');
      assert.equal(findings(aiDraft(body), 'mixed-obligation-verbs').length, 1);
      assert.equal(findings(aiDraft('Provider shall deliver. Provider shall test. Customer shall pay.'), 'mixed-obligation-verbs').length, 0);
    },
  },
};
