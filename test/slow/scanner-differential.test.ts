/**
 * The plain-block scanner (server/src/engine/plain-blocks.ts) must be invisible: for every chunk, the facts parse.ts
 * extracts with it are identical to the facts extracted when remark-parse reads everything. Checked on hand-made
 * edge cases of the Markdown subset it accepts or must refuse, the corpus and examples (also with CRLF line ends),
 * random pipe tables and fuzzed drafts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitChunks } from '../../server/src/engine/chunks.js';
import { planChunk } from '../../server/src/engine/plain-blocks.js';
import { fuzzDocument, sources } from '../fuzz/generate.js';
import { checkPlainScanner, scannedBytes } from '../fuzz/check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);




test('the scanner agrees with remark-parse on every chunk of the corpus and examples, LF and CRLF', () => {
  let chunks = 0;
  let bytes = 0;
  let scanned = 0;
  for (const source of sources()) {
    for (const text of [source.text, source.text.replace(/\r?\n/g, '\r\n')]) {
      assert.deepEqual(checkPlainScanner(text, source.name), []);
      for (const span of splitChunks(text)) {
        const chunk = text.slice(span.start, span.end);
        chunks++;
        bytes += chunk.length;
        scanned += scannedBytes(chunk);
      }
    }
  }
  assert.ok(chunks > 100, `only ${chunks} chunks checked`);
  // The comparison means something only if the scanner actually reads a good share of real text.
  assert.ok(scanned / bytes > 0.2, `the scanner read only ${((100 * scanned) / bytes).toFixed(1)} % of the corpus`);
});

test('the scanner agrees with remark-parse on 5,000 random pipe tables', () => {
  let state = SEED;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const pieces = ['a', 'Gold', '99.9%', '**Bold**', '**B** x', 'x **y**', '[link](https://x.y)', '(**T**)', ' ', '', '-', '---', ':-:', 'a & b', '#', '> q', '1.', '- i', 'é', 'x  y', '*', '[x]', 'R&D'];
  const cell = () => `${random() < 0.3 ? ' ' : ''}${pick(pieces)}${random() < 0.3 ? ' ' : ''}`;
  const row = (n: number) => `${random() < 0.95 ? '|' : ''}${Array.from({ length: n }, cell).join('|')}${random() < 0.8 ? '|' : ''}${random() < 0.1 ? '  ' : ''}`;
  const delimiter = (n: number) => `|${Array.from({ length: n }, () => pick(['-', '---', ':--', '--:', ':-:', ' - ', '', '-:-'])).join('|')}${random() < 0.8 ? '|' : ''}`;
  const problems: string[] = [];
  let read = 0;
  for (let i = 0; i < 5000; i++) {
    const cols = 1 + Math.floor(random() * 4);
    const lines = [row(cols), delimiter(random() < 0.9 ? cols : cols + 1)];
    for (let r = Math.floor(random() * 4); r > 0; r--) lines.push(random() < 0.05 ? 'plain line' : row(random() < 0.8 ? cols : 1 + Math.floor(random() * 5)));
    const chunk = `${random() < 0.3 ? 'Intro.\n\n' : ''}${lines.join(random() < 0.1 ? '\r\n' : '\n')}${random() < 0.3 ? '\n\nAfter.' : ''}`;
    problems.push(...checkPlainScanner(chunk, `table ${i}`));
    if (planChunk(chunk)?.some((piece) => 'nodes' in piece && piece.nodes.some((node) => node.type === 'table'))) read++;
  }
  assert.deepEqual(problems.slice(0, 5), []);
  assert.ok(read > 500, `the scanner read only ${read} of the tables`);
});

test(`the scanner agrees with remark-parse on 1,500 fuzzed drafts (seed ${SEED})`, () => {
  const problems: string[] = [];
  for (let i = 0; i < 1500; i++) problems.push(...checkPlainScanner(fuzzDocument(SEED, i).text, `fuzz seed ${SEED} index ${i}`));
  assert.deepEqual(problems, []);
});
