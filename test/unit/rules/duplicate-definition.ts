import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, findings } from '../helpers.js';

const defs = (extra: string) =>
  aiDraft(['**"Evaluation Set"** means the test data in Schedule 1.', '', '**"Customer Data"** means data Customer provides.', '', extra].join('\n'));

export const cases: RuleCases = {
  rule: 'duplicate-definition',
  examples: { illustrative: 'the examples elide the text between the two definitions' },
  more: {
    'the second definition of a term'() {
      const t = defs('**"Customer Data"** means any data. Provider shall test on the Evaluation Set with Customer Data.');
      assert.equal(findings(t, 'duplicate-definition').length, 1);
    },
    'a pointer to a definition elsewhere is not a second definition'() {
      const t = defs('**"Customer Data"** has the meaning given in the Order Form. Provider shall test on the Evaluation Set with Customer Data.');
      assert.equal(findings(t, 'duplicate-definition').length, 0);
    },
  },
};
