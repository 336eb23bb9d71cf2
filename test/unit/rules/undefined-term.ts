import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, excerpts } from '../helpers.js';

const defs = (extra: string) =>
  aiDraft(['**"Evaluation Set"** means the test data in Schedule 1.', '', '**"Customer Data"** means data Customer provides.', '', extra].join('\n'));

export const cases: RuleCases = {
  rule: 'undefined-term',
  examples: { illustrative: 'the rule judges drafts with three definitions or more; the good example elides the draft' },
  more: {
    'a capitalised term used like a defined one but never defined'() {
      const t = defs('Provider shall test on the Evaluation Set and the Holdout Corpus. Customer may inspect the Holdout Corpus. The Holdout Corpus stays with Customer Data.');
      assert.deepEqual(excerpts(t, 'undefined-term'), ['Holdout Corpus']);
      assert.deepEqual(excerpts(defs('Provider shall test on the Evaluation Set with Customer Data.'), 'undefined-term'), []);
    },
  },
};
