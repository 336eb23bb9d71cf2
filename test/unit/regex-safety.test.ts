/**
 * Regular-expression safety (issue 6): every pattern the engine compiles from the catalogue and rules
 * (`compiledPatterns()`), and every regex literal in server/src (extracted from the source text with the TypeScript
 * parser), must
 *   1. pass a structural check: no repetition nested in another repetition over characters that overlap what follows
 *      it (the shape of catastrophic backtracking) — see test/fuzz/regex-check.ts;
 *   2. run on adversarial 50 KB inputs in time comparable to a linear scan of the same input: the slow tier's
 *      test/slow/regex-linearity.test.ts, which also checks the structure of the few patterns that only analysing
 *      the whole corpus compiles.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegexAnalysis } from '../fuzz/regex-check.js';
import { ENGINE, SOURCE, structuralProblems } from '../fuzz/regex-patterns.js';

test('the engine reports the patterns it compiled, and the sources have regex literals', () => {
  assert.ok(ENGINE.length >= 10, `compiledPatterns() returned only ${ENGINE.length} distinct patterns`);
  assert.ok(SOURCE.length >= 5, `found only ${SOURCE.length} regex literals in server/src: the extraction is broken`);
  console.log(`${ENGINE.length} distinct compiled patterns, ${SOURCE.length} distinct regex literals in server/src`);
});

test('every compiled catalogue/rule pattern is structurally safe', () => {
  const problems = structuralProblems(ENGINE);
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} of ${ENGINE.length} patterns are unsafe (first 10 shown)`);
});

test('every regex literal in server/src is structurally safe', () => {
  const problems = structuralProblems(SOURCE);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} unsafe literals (first 20 shown)`);
});


test('the checker itself catches the classic catastrophic shapes', () => {
  for (const [src, flags] of [['(a+)+$', ''], ['(\\w+\\s?)*$', ''], ['(?:\\s*,?\\s*\\w+)*;', 'u'], ['(x*)*y', '']]) {
    assert.ok(new RegexAnalysis(src, flags).problems.length > 0, `${src} should be flagged`);
  }
  for (const [src, flags] of [['(?:\\s+\\w+)*', ''], ['(?:[^\\n]+\\n)*', ''], ['[\\p{L}\\p{N}]+', 'gu'], ['^ {0,3}(`{3,}|~{3,})', '']]) {
    assert.deepEqual(new RegexAnalysis(src, flags).problems, [], `${src} should pass`);
  }
  // The run-time check, and its own self-test, are the slow tier's (test/slow/regex-linearity.test.ts).
});
