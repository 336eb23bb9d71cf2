/**
 * Incremental analysis over a long run of edits (the unit tier makes one edit of each kind: test/unit/incremental.test.ts):
 * a DocumentAnalyzer that reuses per-chunk results across 36 edits of a 60,000-character draft must give, after
 * every edit, exactly the analysis a fresh one gives.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, DocumentAnalyzer } from '../../server/src/engine/index.js';
import { generateDraft, rng } from '../../bench/generate.js';
import { edit, visible } from '../unit/incremental-helpers.js';

const DRAFT = generateDraft(60_000, 41);

test('after every edit, the incremental analysis equals a fresh analysis of the same text', () => {
  const analyzer = new DocumentAnalyzer();
  const random = rng(5);
  let text = DRAFT;
  assert.equal(visible(analyzer.update(text)), visible(analyzeText(text)));
  for (let i = 0; i < 36; i++) {
    text = edit(text, i, random);
    assert.equal(visible(analyzer.update(text)), visible(analyzeText(text)), `edit ${i} (kind ${i % 6})`);
  }
});
