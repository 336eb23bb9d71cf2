import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, excerpts } from '../helpers.js';

const defs = (extra: string) =>
  aiDraft(['**"Evaluation Set"** means the test data in Schedule 1.', '', '**"Customer Data"** means data Customer provides.', '', extra].join('\n'));

export const cases: RuleCases = {
  rule: 'definition-case-mismatch',
  examples: { illustrative: 'the examples elide the definition' },
  more: {
    'mixed-case variants, not generic lower case'() {
      const t = defs('Provider shall protect Customer data and use the Evaluation Set. Provider shall delete Customer Data.');
      assert.deepEqual(excerpts(t, 'definition-case-mismatch'), ['Customer data']);
      assert.deepEqual(excerpts(defs('Provider shall protect customer data, Customer Data and the Evaluation Set.'), 'definition-case-mismatch'), []);
    },
  },
};
