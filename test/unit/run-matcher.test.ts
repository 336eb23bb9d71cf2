/**
 * Edits re-scan only the runs of lines they touch (RunMatcher in server/src/engine/phrases.ts). That is only right if
 * no phrase match ever spans a blank line, so run-by-run scanning must find exactly the matches of a whole-text scan:
 * checked here on hand-made texts at the edges of the argument; the corpus and examples (LF and CRLF) and fuzzed drafts
 * are the long runs of test/slow/run-matcher-fuzz.test.ts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunMatcher, WordIndex, runStarts } from '../../server/src/engine/phrases.js';
import { defaultConfig } from '../../server/src/engine/config.js';
import { checkRunMatcher } from '../fuzz/check.js';

test('runs start after blank lines; several blank lines begin one run', () => {
  assert.deepEqual(runStarts('a\nb\n\nc\n \t\n\nd'), [0, 4, 7]);
  assert.deepEqual(runStarts('\n\na'), [0]);
  assert.deepEqual(runStarts('a\r\n\r\nb'), [0, 3]);
  assert.deepEqual(runStarts('no break'), [0]);
});

test('a matcher reuses known runs and scans only new ones, with the same matches as a whole-text scan', () => {
  const set = defaultConfig().catalogue.phraseSet();
  const before = 'Provider shall notify Customer promptly.\n\nCustomer may terminate for convenience.\n\nThe uptime is 99.9% per month.';
  const after = before.replace('promptly', 'without undue delay');
  const matcher = new RunMatcher(set);
  const whole = (t: string) => set.matches(new WordIndex(t));
  assert.deepEqual(matcher.matches(before), whole(before));
  assert.ok(whole(before).length > 3, 'the text should match several catalogue phrases');
  assert.deepEqual(matcher.matches(after), whole(after));
});

test('edge cases: separators across one line break, blank lines of spaces, CR LF, numbers and money at run edges', () => {
  const texts = [
    'shall use commercially\nreasonable efforts\n\nto\nprovide',
    'commercially reasonable\n   \nefforts',
    'USD\n\n100 per month\r\n\r\n99.9 %\nof the time',
    'liability shall not exceed\n\n$1,000,000 in aggregate',
    'sole and absolute\n\t\ndiscretion; and/or\n\nand\n/or',
  ];
  for (const t of texts) assert.deepEqual(checkRunMatcher(t, JSON.stringify(t)), []);
});
