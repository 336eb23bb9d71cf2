/**
 * Incremental analysis: a DocumentAnalyzer reuses per-chunk results (parse facts, phrase hits, clause signals, local
 * findings and their messages, term candidates) across edits. Whatever it reuses, each analysis must equal a fresh
 * one of the same text. `prepare` and `updateInSlices` (used by the language server) work in time slices, yielding
 * between them and honouring cancellation, and must not change any result either.
 */

import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, CancelledError, DocumentAnalyzer, timingsOf } from '../../server/src/engine/index.js';
import { __testing } from '../../server/src/engine/analyzer.js';
import { generateDraft, rng } from '../../bench/generate.js';
import { edit, visible } from './incremental-helpers.js';

afterEach(() => __testing.faultyRules.clear());

const DRAFT = generateDraft(60_000, 41);

/** The fresh analysis of DRAFT, computed once: several tests compare against it (analyzeText is deterministic). */
let freshDraft: string | undefined;
function freshVisible(): string {
  return (freshDraft ??= visible(analyzeText(DRAFT)));
}

test('after one edit of each kind, the incremental analysis equals a fresh analysis of the same text', () => {
  // On a 20,000-character draft (several chunks, every kind of section); the long run (36 edits of the 60,000-character
  // draft) is test/slow/incremental-edits.test.ts.
  const analyzer = new DocumentAnalyzer();
  const random = rng(5);
  let text = generateDraft(20_000, 41);
  assert.equal(visible(analyzer.update(text)), visible(analyzeText(text)));
  for (let i = 0; i < 6; i++) {
    text = edit(text, i, random);
    assert.equal(visible(analyzer.update(text)), visible(analyzeText(text)), `edit ${i} (kind ${i % 6})`);
  }
});

test('prepare() works in slices, yields between them, and leaves the same analysis as a fresh one', async () => {
  const analyzer = new DocumentAnalyzer();
  let yields = 0;
  await analyzer.prepare(DRAFT, { sliceMs: 0, yieldControl: async () => void yields++ });
  assert.ok(yields > 5, `a ${DRAFT.length}-character draft is prepared in several slices (${yields} yields)`);
  assert.equal(visible(analyzer.update(DRAFT)), freshVisible());
  // Once prepared, an unchanged draft needs no slice at all.
  yields = 0;
  await analyzer.prepare(DRAFT, { sliceMs: 0, yieldControl: async () => void yields++ });
  assert.equal(yields, 0);
});

type SlicedRun = (analyzer: DocumentAnalyzer, options: { token: { isCancellationRequested: boolean }; sliceMs: number; yieldControl: () => Promise<void> }) => Promise<unknown>;

/** Cancels a sliced run at its third pause: it must stop there, and the analyzer must still give correct analyses. */
async function cancelAtThirdPause(run: SlicedRun): Promise<void> {
  const analyzer = new DocumentAnalyzer();
  const token = { isCancellationRequested: false };
  let yields = 0;
  await assert.rejects(
    run(analyzer, {
      token,
      sliceMs: 0,
      yieldControl: async () => {
        if (++yields === 3) token.isCancellationRequested = true;
      },
    }),
    CancelledError,
  );
  assert.equal(yields, 3);
  assert.equal(visible(analyzer.update(DRAFT)), freshVisible());
}

test('prepare() stops at a cancellation between slices, and the analyzer stays correct', async () => {
  await cancelAtThirdPause((analyzer, options) => analyzer.prepare(DRAFT, options));
});

test('a local-rules failure during prepare() is still reported by the analysis', async () => {
  __testing.faultyRules.add('local-rules');
  const analyzer = new DocumentAnalyzer();
  await analyzer.prepare(DRAFT, { yieldControl: async () => {} });
  const analysis = analyzer.update(DRAFT);
  assert.ok(analysis.ruleErrors.some((e) => e.rule === 'local-rules'), JSON.stringify(analysis.ruleErrors));
  assert.ok(analysis.findings.some((f) => f.rule === 'missing-clause' || f.rule === 'incomplete-clause'), 'clause findings survive');
});

test('updateInSlices() yields between the phases of an analysis and gives the same analysis as update()', async () => {
  const analyzer = new DocumentAnalyzer();
  let yields = 0;
  let away = 0;
  const started = performance.now();
  const sliced = await analyzer.updateInSlices(DRAFT, {
    sliceMs: 0,
    yieldControl: async () => {
      yields++;
      // Time spent away from the analysis (other requests) is not counted in its phases.
      const from = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      away += performance.now() - from;
    },
  });
  const wall = performance.now() - started;
  // One pause after each phase but the last (parse, phrases, model, terms, clauses, wording), and more inside clause
  // detection, which works in steps (how many is its business, not this test's).
  const sections = sliced.model.sections.length;
  assert.ok(yields > 6, `${yields} yields for ${sections} sections: clause detection never paused`);
  assert.equal(visible(sliced), freshVisible());
  const phases = timingsOf(sliced);
  assert.deepEqual(Object.keys(phases), ['parse', 'phrases', 'model', 'terms', 'clauses', 'wording', 'final']);
  const total = Object.values(phases).reduce((a, b) => a + b, 0);
  assert.ok(total <= wall - away + 1, `the phases (${total.toFixed(1)} ms) count none of the ${away.toFixed(1)} ms spent away (wall ${wall.toFixed(1)} ms)`);
  // After an edit, sliced and one-go analyses still agree.
  const edited = edit(DRAFT, 0, rng(9));
  assert.equal(visible(await analyzer.updateInSlices(edited, { yieldControl: async () => {} })), visible(analyzeText(edited)));
});

test('updateInSlices() stops at a cancellation between phases, and the analyzer stays correct', async () => {
  await cancelAtThirdPause((analyzer, options) => analyzer.updateInSlices(DRAFT, options));
});
