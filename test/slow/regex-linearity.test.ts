/**
 * Regular-expression safety (issue 6): every pattern the engine compiles from the catalogue and rules
 * (`compiledPatterns()`), and every regex literal in server/src (extracted from the source text with the TypeScript
 * parser), must
 *   1. pass a structural check: no repetition nested in another repetition over characters that overlap what follows
 *      it (the shape of catastrophic backtracking) — see test/fuzz/regex-check.ts;
 *   2. run on adversarial 50 KB inputs (long runs of the characters the pattern involves, with and without a failing
 *      tail) in time comparable to a linear scan of the same input. Patterns run in a worker thread, so a
 *      catastrophic one is stopped after a hard deadline and reported instead of hanging the test.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SOURCE, dedupe, enginePatternsAfterCorpus, runtimeProblems, structuralProblems } from '../fuzz/regex-patterns.js';

/** Every pattern the engine compiles, after analysing the corpus, the examples and generated drafts too. */
const ENGINE = enginePatternsAfterCorpus();

test('every pattern compiled after analysing the whole corpus is structurally safe', () => {
  const problems = structuralProblems(ENGINE);
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} of ${ENGINE.length} patterns are unsafe (first 10 shown)`);
});

test('the run-time check catches what the structural check cannot see, e.g. overlapping alternatives', async () => {
  const { problems } = await runtimeProblems([{ where: 'test', source: '^(a|aa)+$', flags: '' }], 1000);
  assert.ok(problems.length > 0, '(a|aa)+ must be caught at run time');
});

test('every pattern runs in linear time on adversarial 50 KB inputs', async () => {
  // A literal may be exempted from this check only with a `// regex-safe: <reason>` comment saying why its input is
  // always short (e.g. "4 characters before the insertion point"); the structural check still applies to it.
  const all = dedupe([...ENGINE, ...SOURCE]);
  const exempt = all.filter((p) => p.exempt);
  const checked = all.filter((p) => !p.exempt);
  const { problems, worst } = await runtimeProblems(checked);
  console.log(`run-time check of ${checked.length} patterns; slowest relative to a linear scan: ${worst}`);
  for (const p of exempt) console.log(`exempt: ${p.where} /${p.source}/${p.flags}: ${p.exempt}`);
  assert.deepEqual(
    problems,
    [],
    'make these patterns linear, or, if their input is always short, say why in a `// regex-safe: <reason>` comment on the line',
  );
});

