/**
 * `npm run fuzz`: runs many fuzz documents through the engine (analyzeText + fixesFor for every finding, and the
 * plain-block scanner against remark-parse) and some through the bundled language server, then prints a summary.
 * Exit code 1 when any invariant breaks.
 *
 *   node --import tsx test/fuzz/run.ts [--count 10000] [--seed N] [--lsp 500] [--index i] [--save dir]
 *
 * --index i   runs only document i of the seed (to reproduce a failure)
 * --save dir  writes each failing document to dir/seed-<seed>-<index>.md
 * --lsp n     also drives the first n documents through `node dist/server.cjs --stdio` (default: count / 20)
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzDocument } from './generate.js';
import { checkPlainScanner, checkRunMatcher, checkText, type CheckStats } from './check.js';
import { LspDriver } from './lsp-driver.js';
import { fuzzOneOverLsp, type LspFuzzStats } from './lsp-fuzz.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(opt('--count') ?? 10_000);
const seed = Number(opt('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const only = opt('--index');
const lspCount = Number(opt('--lsp') ?? Math.ceil(count / 20));
const saveDir = opt('--save');

console.log(`fuzz: seed ${seed}, ${only !== undefined ? `document ${only}` : `${count} documents`}, ${only !== undefined ? 0 : lspCount} through the server`);
console.log(`reproduce: node --import tsx test/fuzz/run.ts --seed ${seed} --count ${count}`);

const t0 = performance.now();
const stats: CheckStats = { findings: 0, fixes: 0, edits: 0 };
const failures: { index: number; origin: string; problems: string[] }[] = [];
let bytes = 0;
let slowest = { ms: 0, index: -1, length: 0 };
const origins = new Map<string, number>();
const indices = only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => i);

for (const i of indices) {
  const doc = fuzzDocument(seed, i);
  bytes += doc.text.length;
  const kind = doc.origin.split(':')[0];
  origins.set(kind, (origins.get(kind) ?? 0) + 1);
  const s = performance.now();
  const where = `seed ${seed} #${i} (${doc.origin})`;
  const problems = [...checkText(doc.text, where, undefined, stats), ...checkPlainScanner(doc.text, where), ...checkRunMatcher(doc.text, where)];
  const ms = performance.now() - s;
  if (ms > slowest.ms) slowest = { ms, index: i, length: doc.text.length };
  if (problems.length) {
    failures.push({ index: i, origin: doc.origin, problems });
    if (saveDir) {
      mkdirSync(saveDir, { recursive: true });
      writeFileSync(join(saveDir, `seed-${seed}-${i}.md`), doc.text);
    }
  }
  if ((i + 1) % 1000 === 0 && only === undefined) process.stderr.write(`  ${i + 1}/${count} (${failures.length} failing)\n`);
}
const engineMs = performance.now() - t0;

const lspStats: LspFuzzStats = { documents: 0, diagnostics: 0, codeActions: 0 };
const lspFailures: string[] = [];
if (only === undefined && lspCount > 0) {
  const driver = new LspDriver();
  try {
    await driver.initialize();
    for (let i = 0; i < Math.min(lspCount, count); i++) {
      const doc = fuzzDocument(seed, i);
      try {
        lspFailures.push(...(await fuzzOneOverLsp(driver, doc, lspStats)));
      } catch (err) {
        lspFailures.push(`lsp seed ${seed} #${i}: ${(err as Error).message}`);
        if (driver.exited) break;
      }
    }
    // The server must still answer after all of that.
    const caps = await driver.request('textDocument/diagnostic', { textDocument: { uri: 'file:///nonexistent/never-opened.md' } }).then(
      () => 'answered',
      (err: Error) => `answered with an error (${err.message})`,
    );
    if (driver.exited) lspFailures.push(`the server exited (code ${driver.exitCode}); stderr: ${driver.stderr.slice(-2000)}`);
    else console.log(`server after the run: ${caps}`);
  } finally {
    await driver.stop();
  }
}
const totalMs = performance.now() - t0;

console.log('');
console.log(`documents:        ${indices.length} (${[...origins].map(([k, v]) => `${k} ${v}`).join(', ')}), ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`findings checked: ${stats.findings}; fixes checked: ${stats.fixes} (${stats.edits} edits applied)`);
console.log(`engine time:      ${(engineMs / 1000).toFixed(1)} s; slowest document #${slowest.index} (${slowest.length} chars) ${slowest.ms.toFixed(0)} ms`);
console.log(`server:           ${lspStats.documents} documents, ${lspStats.diagnostics} diagnostics, ${lspStats.codeActions} code actions checked`);
console.log(`total time:       ${(totalMs / 1000).toFixed(1)} s`);
console.log(`failing documents: ${failures.length}; server problems: ${lspFailures.length}`);
for (const f of failures.slice(0, 20)) {
  console.log(`\n#${f.index} (${f.origin}) — reproduce: node --import tsx test/fuzz/run.ts --seed ${seed} --index ${f.index} --save test-output/fuzz`);
  for (const p of f.problems.slice(0, 5)) console.log(`  ${p.split('\n').slice(0, 6).join('\n    ')}`);
}
for (const p of lspFailures.slice(0, 20)) console.log(`  ${p}`);
process.exitCode = failures.length || lspFailures.length ? 1 : 0;
