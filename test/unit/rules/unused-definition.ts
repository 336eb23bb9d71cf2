import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, excerpts } from '../helpers.js';

const defs = (extra: string) =>
  aiDraft(['**"Evaluation Set"** means the test data in Schedule 1.', '', '**"Customer Data"** means data Customer provides.', '', extra].join('\n'));

export const cases: RuleCases = {
  rule: 'unused-definition',
  more: {
    'a term never used after its definition'() {
      assert.deepEqual(excerpts(defs('Provider shall protect Customer Data.'), 'unused-definition'), ['Evaluation Set']);
      assert.deepEqual(excerpts(defs('Provider shall protect Customer Data and test on the Evaluation Set.'), 'unused-definition'), []);
    },
  },
};
