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
import { RegexAnalysis } from '../fuzz/regex-check.js';
import { ENGINE, SOURCE, runtimeProblems, type Pattern } from '../fuzz/regex-patterns.js';

test('the engine reports the patterns it compiled, and the sources have regex literals', () => {
  assert.ok(ENGINE.length >= 10, `compiledPatterns() returned only ${ENGINE.length} distinct patterns`);
  assert.ok(SOURCE.length >= 5, `found only ${SOURCE.length} regex literals in server/src: the extraction is broken`);
  console.log(`${ENGINE.length} distinct compiled patterns, ${SOURCE.length} distinct regex literals in server/src`);
});

function structuralProblems(patterns: Pattern[]): string[] {
  const problems = new Set<string>();
  for (const p of patterns) {
    try {
      new RegExp(p.source, p.flags);
    } catch (err) {
      problems.add(`${p.where}: does not compile: ${(err as Error).message}`);
      continue;
    }
    try {
      const a = new RegexAnalysis(p.source, p.flags);
      for (const msg of new Set(a.problems)) problems.add(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: ${msg}`);
    } catch (err) {
      problems.add(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: the checker cannot parse it (${(err as Error).message})`);
    }
  }
  return [...problems];
}

test('every compiled catalogue/rule pattern is structurally safe', () => {
  const problems = structuralProblems(ENGINE);
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} of ${ENGINE.length} patterns are unsafe (first 10 shown)`);
});

test('every regex literal in server/src is structurally safe', () => {
  const problems = structuralProblems(SOURCE);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} unsafe literals (first 20 shown)`);
});


test('the checker itself catches the classic catastrophic shapes', async () => {
  for (const [src, flags] of [['(a+)+$', ''], ['(\\w+\\s?)*$', ''], ['(?:\\s*,?\\s*\\w+)*;', 'u'], ['(x*)*y', '']]) {
    assert.ok(new RegexAnalysis(src, flags).problems.length > 0, `${src} should be flagged`);
  }
  for (const [src, flags] of [['(?:\\s+\\w+)*', ''], ['(?:[^\\n]+\\n)*', ''], ['[\\p{L}\\p{N}]+', 'gu'], ['^ {0,3}(`{3,}|~{3,})', '']]) {
    assert.deepEqual(new RegexAnalysis(src, flags).problems, [], `${src} should pass`);
  }
  // And the run-time check catches what the structural check cannot see, e.g. overlapping alternatives.
  const { problems } = await runtimeProblems([{ where: 'test', source: '^(a|aa)+$', flags: '' }], 1000);
  assert.ok(problems.length > 0, '(a|aa)+ must be caught at run time');
});
