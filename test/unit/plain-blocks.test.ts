/**
 * The plain-block scanner (server/src/engine/plain-blocks.ts) must be invisible: for every chunk, the facts parse.ts
 * extracts with it are identical to the facts extracted when remark-parse reads everything. Checked on hand-made
 * edge cases of the Markdown subset it accepts or must refuse, the corpus and examples (also with CRLF line ends),
 * random pipe tables and fuzzed drafts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlainScanner, scannedBytes } from '../fuzz/check.js';


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



