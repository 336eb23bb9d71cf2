import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, excerpts, findings } from '../helpers.js';

export const cases: RuleCases = {
  rule: 'efforts-standard',
  // Not in rules.json: never reported.
  more: {
    'is never reported, but counts for efforts-inconsistency'() {
      const t = aiDraft('Provider shall use reasonable efforts to fix errors. Customer shall use best efforts to report them.');
      assert.deepEqual(findings(t, 'efforts-standard'), []);
      assert.deepEqual(excerpts(t, 'efforts-inconsistency'), ['best efforts']);
    },
  },
};
