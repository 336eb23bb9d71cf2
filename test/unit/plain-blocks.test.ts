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
import { checkPlainScanner } from '../fuzz/check.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

/** Bytes of the chunk read by the scanner. */
function scannedBytes(chunk: string): number {
  let n = 0;
  for (const piece of planChunk(chunk) ?? []) {
    if (!('nodes' in piece)) continue;
    n += piece.nodes[piece.nodes.length - 1].position!.end.offset! - piece.nodes[0].position!.start.offset!;
  }
  return n;
}

// [chunk, read by the scanner?]
const EDGE_CASES: [string, boolean][] = [
  ['Para **Bold.** text\nnext line **B**\n**C** start', true],
  ['foo \n**B** bar', true],
  ['foo  \n  bar  \nbaz  ', true],
  ['foo  \r\n  **bar**  \r\nbaz', true],
  ['**A**\n**B**', true],
  ['(**Term**) and **"Quoted"**. End **x**: y **z**; w **v**, u', true],
  ['**1.1 Definitions.** In this Agreement:\n\n**"AI System"** means x.\n\n2.1 Fees. Customer shall pay.', true],
  ['Intro:\n- (a) one\n- (b) two\n## Next\n1. x\n2. y', true],
  ['Intro:\n1. a list\n2. b', true],
  ['Heading:\n# H1\npara after', true],
  ['**Bold**  \nbreak after bold', true],
  ['x\r\ny\r\n\r\n## H\r\n- item\r\n', true],
  ['1986. A year\n\nPara', true],
  ['x\n\n    code\n\n\ny', true],
  ['> quote\n\npara', true],
  ['| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter table **x**', true],
  ['Intro:\n- x\n\n2. y\n\nIntro2:\n1. z', true],
  // A loose bullet list reads the same item by item; an ordered item after a list continues its numbering.
  ['Intro:\n- a\n\n- b', true],
  ['- (a) x;\n- (b) y.\n\n## H\n\n- c', true],
  ['Para\n\n3. x', true],
  // One level of nesting, indented by the parent item's content indent.
  ['- (c) x;\n  - (i) a;\n  - (ii) b.\n- (d) y', true],
  ['1. x\n   1. a\n   2. b\n2. y', true],
  ['10. x\n    - a', true],
  // Quoted paragraphs and plain links.
  ['> **Note:** See [the playbook](https://e.invalid/p#2).\n> Second  \n> third line', true],
  ['> x\n> [y](http://z)  \n> w', true],
  ['> x\r\n> **y** z', true],
  ['Text [a b](http://x.y/z?q=1) end, see [Section 2](#s2).', true],
  ['- [x](http://a.b) item\n\n## [T](http://a) heading', true],
  // A byte order mark inside a chunk is an ordinary character, also at the start of a piece left to remark.
  ['Para\n\n\ufeff[x] text', true],
  ['Para\n\n\ufeffplain text', true],
  // Pipe tables.
  ['| Tier | Uptime |\n|---|:---:|\n| Gold | 99.9% |\n|  | **Bold** x |', true],
  ['|a|b\n|-|-\n|c', true],
  ['|a|b|\n|-|-|\n||\n| |\n|a||b|\n|\n|x|y|z|', true],
  ['| a | b |  \n| :- | -: |\n| c | d |  ', true],
  ['| a | b |\r\n|---|---|\r\n| [x](https://e.invalid) | (**T**) |', true],
  ['Intro.\n\n| a |\n|---|\n| b |\n\nAfter.', true],
  ['| \n|--: \n|#|', false],
  ['| a | b |\n|---|', false],
  ['| a |\n| x |', false],
  ['| a \\| b |\n|---|', false],
  ['| `a|b` |\n|---|', false],
  ['| a |\n|---|\nlazy row', false],
  ['Intro\n| a |\n|---|', false],
  ['| a *b* |\n|---|', false],
  // Refused: the scanner must leave these to remark.
  ['a **b**c', false],
  ['a **b **c', false],
  ['x\u00a0**y** z', false],
  ['** y** z', false],
  ['a *b* c', false],
  ['a ***b*** c', false],
  ['Intro:\n2. not a list', false],
  ['Intro:\n- a\nlazy', false],
  ['Intro:\n- a\n\n  cont', false],
  ['Intro:\n- a\n\n    code', false],
  ['# T #', false],
  ['#hashtag here', false],
  ['####### seven', false],
  ['A\n===', false],
  ['A\n---', false],
  ['A\n  - b', false],
  ['AT&T and B & C', false],
  ['Item:\n* a\n* b\n- c', false],
  ['Item:\n-  two spaces', false],
  ['Intro:\n1) a\n1. b', false],
  ['> quote\n>\n> para2', false],
  ['> a\nlazy', false],
  ['> # h', false],
  ['x ![img](a.png) y', false],
  ['a [b] c', false],
  ['a [b](c d) e', false],
  ['a [b](<c>) e', false],
  ['**[x](y)**', false],
  ['[**x**](y)', false],
  ['a](b) c', false],
  ['a [b](c_d) e', false],
  ['1. a\n\n1. b', false],
  ['1. x\n   2. a', false],
  ['- x\n   - a', false],
  ['- x\n  - a\n    - deep', false],
  ['- x\n  1. a\n  - b', false],
  ['- x\n  - a\n  more', false],
  ['- a\n\n1. b', false],
  ['See [the terms][t] here.\n\n[t]: https://example.invalid', false],
  ['[a](b)\n\n[a]: c', false],
  ['\ufeffBody text', false],
  ['Text\n\n```\ncode\n\nstill code\n```', false],
  ['Text\n\n<!-- note\n\nstill a comment -->', false],
  ['Tab\tinside', false],
];

test('the scanner reads the plain subset, refuses the rest, and agrees with remark-parse on every edge case', () => {
  for (const [chunk, plain] of EDGE_CASES) {
    assert.deepEqual(checkPlainScanner(chunk, 'edge case'), []);
    const read = scannedBytes(chunk) > 0;
    assert.equal(read, plain, `${JSON.stringify(chunk)} should ${plain ? '' : 'not '}be read by the scanner`);
  }
});

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
