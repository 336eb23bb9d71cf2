/**
 * Fuzzing (issue 6): random and mutated drafts through the engine and the bundled language server.
 * Seeded and reproducible: the seed is printed; set FUZZ_SEED to try another one, and reproduce a failing document
 * alone with `node --import tsx test/fuzz/run.ts --seed <seed> --index <i>`. `npm run fuzz` runs 10,000+.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzDocument, sources } from '../fuzz/generate.js';
import { checkFix, checkText, checkLspDiagnostics, type CheckStats } from '../fuzz/check.js';
import { LspDriver } from '../fuzz/lsp-driver.js';
import { fuzzOneOverLsp, type LspFuzzStats } from '../fuzz/lsp-fuzz.js';
import { ensureBuilt } from '../fuzz/build.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const ENGINE_DOCS = Number(process.env.FUZZ_COUNT ?? 2000);
const LSP_DOCS = Number(process.env.FUZZ_LSP_COUNT ?? 200);

test('the fuzz checks catch broken findings and fixes (so a green run means something)', () => {
  const text = 'Provider shall deliver the Output promptly.\r\nCustomer 😀 shall pay.';
  const fix = (edits: { start: number; end: number; newText: string }[]) => ({ title: 't', kind: 'quickfix' as const, edits });
  assert.deepEqual(checkFix(text, fix([{ start: 0, end: 8, newText: 'Licensor' }]), 'ok'), []);
  assert.ok(checkFix(text, fix([{ start: 5, end: 10, newText: 'x' }, { start: 8, end: 12, newText: 'y' }]), 'overlap').some((p) => /overlaps/.test(p)));
  assert.ok(checkFix(text, fix([{ start: 20, end: 21, newText: 'x' }, { start: 2, end: 3, newText: 'y' }]), 'order').some((p) => /not sorted/.test(p)));
  assert.ok(checkFix(text, fix([{ start: -1, end: 3, newText: 'x' }]), 'neg').some((p) => /outside/.test(p)));
  assert.ok(checkFix(text, fix([{ start: 3, end: text.length + 1, newText: 'x' }]), 'past').some((p) => /outside/.test(p)));
  assert.ok(checkFix(text, fix([{ start: 6, end: 2, newText: 'x' }]), 'inverted').length > 0);
  const emoji = text.indexOf('😀');
  assert.ok(checkFix(text, fix([{ start: emoji + 1, end: emoji + 1, newText: 'x' }]), 'surrogate').some((p) => /surrogate/.test(p)));
  assert.ok(checkFix(text, { title: 'empty', kind: 'quickfix', edits: [] }, 'empty').some((p) => /neither edits nor a command/.test(p)));
  const bad = [{ range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, message: 'm', source: 'ai-clauses' }];
  assert.ok(checkLspDiagnostics(text, bad, 'lsp').some((p) => /beyond the last line/.test(p)));
  const long = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 500 } }, message: 'm', source: 'ai-clauses' }];
  assert.ok(checkLspDiagnostics(text, long, 'lsp').some((p) => /beyond line 0/.test(p)));
});

test(`fuzz: ${ENGINE_DOCS} documents through analyzeText and fixesFor (seed ${SEED})`, () => {
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED}); sources: ${sources().map((s) => s.name).join(', ')}`);
  const stats: CheckStats = { findings: 0, fixes: 0, edits: 0 };
  const failures: string[] = [];
  let bytes = 0;
  for (let i = 0; i < ENGINE_DOCS; i++) {
    const doc = fuzzDocument(SEED, i);
    bytes += doc.text.length;
    const problems = checkText(doc.text, `seed ${SEED} #${i} (${doc.origin})`, undefined, stats);
    if (problems.length) failures.push(`${problems.slice(0, 3).join('\n')}\n  reproduce: node --import tsx test/fuzz/run.ts --seed ${SEED} --index ${i} --save test-output/fuzz`);
  }
  console.log(`fuzz: ${ENGINE_DOCS} documents, ${(bytes / 1e6).toFixed(1)} MB, ${stats.findings} findings, ${stats.fixes} fixes (${stats.edits} edits) checked, ${failures.length} failing`);
  // The fuzz must actually exercise findings and fixes, or it proves nothing.
  assert.ok(stats.findings > ENGINE_DOCS, `only ${stats.findings} findings in ${ENGINE_DOCS} documents`);
  assert.ok(stats.fixes > 0, 'no fix was produced at all');
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${ENGINE_DOCS} documents broke an invariant`);
});

test(`fuzz: ${LSP_DOCS} documents through the bundled server over stdio (seed ${SEED})`, async () => {
  ensureBuilt();
  const driver = new LspDriver();
  const stats: LspFuzzStats = { documents: 0, diagnostics: 0, codeActions: 0 };
  const failures: string[] = [];
  try {
    await driver.initialize();
    for (let i = 0; i < LSP_DOCS; i++) {
      const doc = fuzzDocument(SEED, i);
      try {
        failures.push(...(await fuzzOneOverLsp(driver, doc, stats)));
      } catch (err) {
        failures.push(`lsp seed ${SEED} #${i} (${doc.origin}): ${(err as Error).message}`);
        if (driver.exited) break;
      }
    }
    assert.equal(driver.exited, false, `the server exited (code ${driver.exitCode}): ${driver.stderr.slice(-3000)}`);
    // Still answering: a fresh document gets its diagnostics.
    const uri = 'file:///tmp/ai-clauses-fuzz/final.md';
    await driver.open(uri, '# Agreement\n\nProvider shall use reasonable efforts to deliver the Output within a reasonable time.\n', 1);
    const diags = await driver.diagnostics(uri);
    assert.ok(Array.isArray(diags), 'the server answered after the fuzz run');
  } finally {
    await driver.stop();
  }
  console.log(`fuzz over LSP: ${stats.documents} documents, ${stats.diagnostics} diagnostics, ${stats.codeActions} code actions checked, ${failures.length} problems`);
  assert.ok(stats.diagnostics > 0, 'the server reported no diagnostic at all');
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} problems over LSP`);
});
