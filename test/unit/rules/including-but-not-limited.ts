import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, analysisOf } from '../helpers.js';
import { fixesFor } from '../../../server/src/engine/index.js';

/** Whether the fix of the draft's including-but-not-limited finding is marked safe (for fix-all). */
function safe(text: string): boolean {
  const a = analysisOf(text);
  const f = a.findings.find((x) => x.rule === 'including-but-not-limited')!;
  return fixesFor(a, f).some((x) => x.safe);
}

export const cases: RuleCases = {
  rule: 'including-but-not-limited',
  positive: [
    { body: 'Provider may use logs, including but not limited to error reports.', excerpt: 'including but not limited to' },
    { body: 'Provider may use logs, including, without limitation, error reports.', excerpt: 'including, without limitation' },
  ],
  negative: ['Provider may use logs, including error reports.'],
  more: {
    'the fix is safe for fix-all only where an interpretation clause says "including" is not limiting'() {
      const body = 'Provider may use logs, including but not limited to error reports.';
      assert.equal(safe(aiDraft(body)), false);
      assert.equal(safe(aiDraft(`${body}\n\nIn this Agreement the words "include" and "including" are to be read as if followed by "without limitation".`)), true);
    },
  },
};
