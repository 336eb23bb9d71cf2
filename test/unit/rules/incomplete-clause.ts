import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, analysisOf, findings } from '../helpers.js';
import { applyEdits, fixesFor } from '../../../server/src/engine/index.js';

export const cases: RuleCases = {
  rule: 'incomplete-clause',
  examples: { illustrative: 'the examples are clause fragments; a clause is judged in a whole draft' },
  more: {
    'a clause lacking required elements is flagged once, and its element fixes complete it'() {
      const t = aiDraft('## 5. Service Levels\n\nProvider will make the Services available 99.9% of the time.');
      const [f, ...rest] = findings(t, 'incomplete-clause');
      assert.equal(rest.length, 0);
      assert.equal(f.clause, 'service-availability-sla');
      assert.equal(t.slice(f.start, f.end), '5. Service Levels');
      const elements = f.data?.elements as string[];
      assert.ok(elements.length > 0);
      let text = t;
      for (const element of elements) {
        const finding = analysisOf(text).findings.find((g) => g.rule === 'incomplete-clause' && g.clause === 'service-availability-sla');
        if (!finding) break;
        const fix = fixesFor(analysisOf(text), finding).find((x) => x.title.startsWith('Add ') && x.edits.length);
        assert.ok(fix, `a fix adds ${element}`);
        text = applyEdits(text, fix.edits);
      }
      assert.deepEqual(findings(text, 'incomplete-clause').filter((g) => g.clause === 'service-availability-sla'), []);
    },
  },
};
