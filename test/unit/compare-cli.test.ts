/**
 * `ai-clauses compare` (server/src/cli/compare.ts): exit codes 0/1/2, the JSON contract, the text lines and the HTML
 * memo. Runs the command in this process (runCompare, as main.ts does), and once through main.ts in a child process
 * to check the wiring.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { highlightChanges, runCompare } from '../../server/src/cli/compare.js';
import { resolveConfig, type Perspective } from '../../server/src/engine/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BEFORE_PATH = path.join(ROOT, 'test/fixtures/compare/before.md');
const BEFORE = fs.readFileSync(BEFORE_PATH, 'utf8');
const TRAINING = 'Provider shall not use Customer Data to train, fine-tune or improve any AI model.';
const MAY_TRAIN = 'Provider may use Customer Data to train, fine-tune or improve any AI model.';

let dir: string;
let flipped: string;
let reordered: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-cli-'));
  flipped = path.join(dir, 'flipped.md');
  fs.writeFileSync(flipped, BEFORE.replace(TRAINING, MAY_TRAIN).replace('in the 12 months', 'in the 24 months'));
  // The same draft with its Liability and Governing Law sections swapped and renumbered: no change.
  reordered = path.join(dir, 'reordered.md');
  fs.writeFileSync(reordered, BEFORE.replace(/## 7\. Liability\n\n([^\n]*)\n\n## 8\. Governing Law\n\n([^\n]*)\n/, '## 7. Governing Law\n\n$2\n\n## 8. Liability\n\n$1\n'));
  assert.notEqual(fs.readFileSync(reordered, 'utf8'), BEFORE);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCompare(
    args,
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    (_file, _explicit, perspective?: Perspective) => resolveConfig({ settings: perspective ? { perspective } : undefined }),
  );
  return { code, stdout, stderr };
}

describe('ai-clauses compare: exit codes', () => {
  it('0 when nothing changed (sections reordered), with a one-line summary', () => {
    const r = run('--perspective', 'licensee', BEFORE_PATH, reordered);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), `0 clauses changed from ${BEFORE_PATH} to ${reordered}, 0 against the licensee`);
  });

  it('1 when a change moves against the chosen side, 0 when it moves for it or the side is neutral', () => {
    assert.equal(run('--perspective', 'licensee', BEFORE_PATH, flipped).code, 1);
    assert.equal(run('--perspective', 'licensor', BEFORE_PATH, flipped).code, 1, 'the higher cap is against the licensor');
    assert.equal(run('--perspective', 'neutral', BEFORE_PATH, flipped).code, 0);
    assert.equal(run('--perspective', 'licensor', BEFORE_PATH, BEFORE_PATH).code, 0);
  });

  it('2 on a usage error, with a clear message and the usage', () => {
    const cases: [string[], RegExp][] = [
      [[BEFORE_PATH], /compare needs two files.*\(got 1\)/],
      [[BEFORE_PATH, flipped, reordered], /compare needs two files.*\(got 3\)/],
      [[BEFORE_PATH, path.join(dir, 'nope.md')], /no such file: .*nope\.md/],
      [['--format', 'sarif', BEFORE_PATH, flipped], /unknown format "sarif" for compare/],
      [['--perspective', 'buyer', BEFORE_PATH, flipped], /unknown perspective "buyer"/],
      [['--threshold', 'error', BEFORE_PATH, flipped], /unknown option "--threshold" for compare/],
      [['--config', path.join(dir, 'none.json'), BEFORE_PATH, flipped], /no such configuration file/],
      [[BEFORE_PATH, flipped, '--output'], /--output needs a value/],
      [[dir, flipped], /is a folder/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: ai-clauses compare/);
      assert.equal(r.stdout, '');
    }
  });
});

describe('ai-clauses compare: formats', () => {
  it('text: one line per change at its place in the later draft, details indented', () => {
    const r = run('--perspective', 'licensee', BEFORE_PATH, flipped);
    const lines = r.stdout.trimEnd().split('\n');
    const line = fs.readFileSync(flipped, 'utf8').split('\n').findIndex((l) => l.includes(MAY_TRAIN)) + 1;
    assert.equal(
      lines[0],
      `${flipped}:${line}:1 towards the licensor, against the licensee no-training-on-customer-data: Restriction on training with customer data (favours the licensee → favours the licensor)`,
    );
    assert.ok(lines[1].startsWith('    position: '));
    const cap = lines.findIndex((l) => l.includes(' limitation-of-liability: '));
    assert.ok(cap > 0 && lines[cap].includes(' towards the licensee '), lines[cap]);
    assert.equal(lines[cap + 1], '    liability cap period 12 months → 24 months');
    assert.equal(lines.at(-1), `2 clauses changed from ${BEFORE_PATH} to ${flipped}, 1 against the licensee`);
  });

  it('json: the version 1 contract, ranges in each draft\'s own lines', () => {
    const r = run('--format', 'json', '--perspective', 'licensee', BEFORE_PATH, flipped);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['version', 'before', 'after', 'perspective', 'changes']);
    assert.equal(json.version, 1);
    assert.equal(json.before, BEFORE_PATH);
    assert.equal(json.after, flipped);
    assert.equal(json.perspective, 'licensee');
    const [first] = json.changes;
    assert.equal(first.clause, 'no-training-on-customer-data');
    assert.equal(first.direction, 'towards-licensor');
    assert.equal(first.against, true);
    assert.deepEqual(Object.keys(first.before).slice(0, 3), ['status', 'favours', 'range']);
    assert.equal(first.before.status, 'present');
    assert.equal(first.before.favours, 'licensee');
    assert.equal(first.after.favours, 'licensor');
    assert.ok(Array.isArray(first.details) && first.details.length > 0);
    assert.ok(!('span' in first.before) && !('span' in first.after), 'offsets are given as ranges');
    // The ranges point at the sentences, in each draft's own lines (0-based, as in LSP).
    const beforeLines = BEFORE.split('\n');
    const afterLines = fs.readFileSync(flipped, 'utf8').split('\n');
    const { start, end } = first.after.range;
    assert.equal(start.line, end.line);
    assert.equal(afterLines[start.line].slice(start.character, end.character), `5.2 ${MAY_TRAIN}`);
    assert.equal(beforeLines[first.before.range.start.line].slice(first.before.range.start.character, first.before.range.end.character), `5.2 ${TRAINING}`);
    assert.equal(typeof first.explanation, 'string');
    assert.equal(typeof first.fallback, 'string');
  });

  it('html: a negotiation memo, changes against the side first, changed words highlighted, explanation and fallback', () => {
    const out = path.join(dir, 'memo.html');
    const r = run('--format', 'html', '--perspective', 'licensee', '--output', out, BEFORE_PATH, flipped);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `wrote html comparison to ${out}\n`);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(!/<script|https?:\/\//i.test(html), 'self-contained: no scripts, nothing external');
    const against = html.indexOf('Changes against the licensee');
    const others = html.indexOf('Other changes');
    assert.ok(against > 0 && others > against, 'the changes against the chosen side come first');
    assert.ok(html.indexOf('Restriction on training') > against && html.indexOf('Restriction on training') < others);
    assert.ok(html.indexOf('Limitation of liability') > others);
    // The one flipped word: "shall not" out, "may" in; the cap's number.
    assert.match(html, /Provider <del>shall not<\/del> use Customer Data/);
    assert.match(html, /Provider <ins>may<\/ins> use Customer Data/);
    assert.match(html, /<ins>24<\/ins> months/);
    assert.match(html, /What it means for the licensee:/);
    assert.match(html, /Proposed response: /);
  });

  it('the word diff escapes HTML and marks only what changed', () => {
    const h = highlightChanges('A & B shall not <use> data.', 'A & B may <use> data.');
    assert.equal(h.before, 'A &amp; B <del>shall not</del> &lt;use&gt; data.');
    assert.equal(h.after, 'A &amp; B <ins>may</ins> &lt;use&gt; data.');
  });
});

describe('ai-clauses compare through main.ts', () => {
  it('dispatches the command and returns its exit code (one child process: they are slow to start)', () => {
    const cli = path.join(ROOT, 'server/src/cli/main.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'compare', '--format', 'json', '--perspective', 'licensee', BEFORE_PATH, flipped], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).changes.length, 2);
  });

  it('compare --help describes the command; the main usage names it', () => {
    const r = run('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: ai-clauses compare \[options\] <before> <after>/);
    assert.match(r.stdout, /Exit codes: 0 no change moves against the chosen side, 1 some change does, 2 usage error\./);
    const main = fs.readFileSync(path.join(ROOT, 'server/src/cli/main.ts'), 'utf8');
    assert.match(main, /ai-clauses compare \[options\] <before> <after>/);
  });
});
