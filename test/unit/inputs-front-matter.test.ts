/** The libraries that replaced hand-written code: `yaml` for front matter, `tinyglobby` for the CLI's globs. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expandInputs, UsageError } from '../../server/src/cli/inputs.js';
import { parseFrontMatter } from '../../server/src/engine/front-matter.js';
import { analyzeText } from '../../server/src/engine/index.js';

describe('front matter (yaml)', () => {
  it('reads the README\'s flow form "ai-clauses: { kind: ai-agreement }" and declares the kind', () => {
    assert.deepEqual(parseFrontMatter('---\nai-clauses: { kind: ai-agreement }\n---\n'), { 'ai-clauses': { kind: 'ai-agreement' } });
    const a = analyzeText('---\nai-clauses: { kind: ai-agreement }\n---\n\n# Notes\n\nThe service will promptly respond.\n');
    assert.equal(a.applicability.isAIAgreement, true);
    assert.equal(a.applicability.reason, 'declared an AI agreement');
  });

  it('reads nested keys, lists, quoted strings and numbers; dates stay strings', () => {
    const fm = parseFrontMatter('---\ntitle: "AI Licence: Draft 2"\nversion: 3\ndate: 2025-01-31\nparties:\n  - Northwind Analytics Ltd\n  - \'Contoso Retail plc\'\nai-clauses:\n  kind: contract\n...\nignored: after the end\n');
    assert.deepEqual(fm, { title: 'AI Licence: Draft 2', version: 3, date: '2025-01-31', parties: ['Northwind Analytics Ltd', 'Contoso Retail plc'], 'ai-clauses': { kind: 'contract' } });
  });

  it('never throws: malformed YAML, a list or a scalar at the top, an alias bomb, CRLF', () => {
    for (const block of ['---\nkey: [unclosed\n---\n', '---\n- a\n- b\n---\n', '---\njust text\n---\n', '---\n\t: :\n---\n', '---\r\ntitle: X\r\n---\r\n']) {
      const fm = parseFrontMatter(block);
      assert.equal(typeof fm, 'object');
      assert.ok(!Array.isArray(fm));
    }
    assert.deepEqual(parseFrontMatter('---\r\ntitle: X\r\n---\r\n'), { title: 'X' });
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), '---'].join('\n');
    const started = performance.now();
    assert.equal(typeof parseFrontMatter(bomb), 'object');
    assert.ok(performance.now() - started < 2000, 'an alias bomb is refused, not expanded');
  });
});

describe('CLI inputs (tinyglobby)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-inputs-'));
  for (const f of ['a.md', 'b.markdown', 'c.txt', 'sub/d.md', 'sub/deeper/e.MD', '.hidden/f.md', 'node_modules/pkg/g.md', '[draft] h.md']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '# x\n');
  }
  const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();

  it('a folder gives its Markdown files, without hidden folders and node_modules', () => {
    assert.deepEqual(rel(expandInputs([dir])), ['[draft] h.md', 'a.md', 'b.markdown', 'sub/d.md', 'sub/deeper/e.MD']);
  });

  it('globs: *, **, ? and braces; files only', () => {
    assert.deepEqual(rel(expandInputs([path.join(dir, '*.md')])), ['[draft] h.md', 'a.md']);
    assert.deepEqual(rel(expandInputs([path.join(dir, '**/*.md')])), ['[draft] h.md', 'a.md', 'sub/d.md']);
    assert.deepEqual(rel(expandInputs([path.join(dir, '{a,b}.*')])), ['a.md', 'b.markdown']);
    assert.deepEqual(rel(expandInputs([path.join(dir, '?.txt')])), ['c.txt']);
    assert.deepEqual(rel(expandInputs([path.join(dir, 'su*')])), [], 'a folder is not a file');
  });

  it('a file whose name looks like a pattern is that file; a missing file is a usage error', () => {
    assert.deepEqual(rel(expandInputs([path.join(dir, '[draft] h.md')])), ['[draft] h.md']);
    assert.throws(() => expandInputs([path.join(dir, 'nope.md')]), UsageError);
  });
});
