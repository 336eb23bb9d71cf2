/**
 * Edits re-scan only the runs of lines they touch (RunMatcher in server/src/engine/phrases.ts). That is only right if
 * no phrase match ever spans a blank line, so run-by-run scanning must find exactly the matches of a whole-text scan:
 * checked on hand-made texts at the edges of the argument, the corpus and examples, and fuzzed drafts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzDocument, sources } from '../fuzz/generate.js';
import { checkRunMatcher } from '../fuzz/check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

test(`run-by-run matches equal whole-text matches on 300 fuzzed drafts (seed ${SEED})`, () => {
  const problems: string[] = [];
  for (let i = 0; i < 300; i++) problems.push(...checkRunMatcher(fuzzDocument(SEED, i).text, `seed ${SEED} #${i}`));
  assert.deepEqual(problems.slice(0, 5), []);
});

test('run-by-run matches equal whole-text matches on every chunk of the corpus and examples, LF and CRLF', () => {
  const problems: string[] = [];
  for (const s of sources()) {
    problems.push(...checkRunMatcher(s.text, s.name));
    problems.push(...checkRunMatcher(s.text.replace(/\n/g, '\r\n'), `${s.name} (CRLF)`));
  }
  assert.deepEqual(problems, []);
});
