import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, findings } from '../helpers.js';
import { resolveConfig } from '../../../server/src/engine/index.js';

export const cases: RuleCases = {
  rule: 'document-too-large',
  examples: { illustrative: 'the examples describe files of 30 MB' },
  more: {
    'a draft over maxDocumentSize is not analysed; one finding says so, without a disable comment'() {
      const text = aiDraft('Provider shall use best efforts and/or reasonable efforts. '.repeat(40));
      const config = resolveConfig({ settings: { maxDocumentSize: 1000 } });
      const all = findings(text, 'document-too-large', config);
      assert.equal(all.length, 1);
      assert.match(all[0].message, /more than the limit of 1,000/);
      assert.deepEqual(findings(text, 'and-or', config), []);
      assert.deepEqual(findings(text, 'document-too-large'), []);
    },
  },
};
