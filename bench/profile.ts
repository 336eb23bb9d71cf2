/**
 * Where the time goes: profiles full analyses of a generated draft with the V8 CPU profiler (node:inspector) and
 * prints self time by function and by source file.
 *
 *   node --import tsx bench/profile.ts [10k|100k|1m|5m] [runs=3] [--edit] [--save file.cpuprofile]
 *
 * --edit  profiles incremental re-analysis (DocumentAnalyzer.update after single-character edits) instead.
 * --save  also writes the raw profile (open it in Chrome DevTools or VS Code).
 */

import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { analyzeText, resolveConfig, DocumentAnalyzer, timingsOf, type DocumentAnalysis } from '../server/src/engine/index.js';
import { generateDraft, SIZES } from './generate.js';

const args = process.argv.slice(2);
const sizeName = args.find((a) => a in SIZES) ?? '1m';
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const edit = args.includes('--edit');
const saveIdx = args.indexOf('--save');
const text = generateDraft(SIZES[sizeName]);
const config = resolveConfig({ settings: { maxDocumentSize: 256 * 1024 * 1024 } });

analyzeText(text, config); // warm-up
const analyzer = new DocumentAnalyzer({ config });
let current = text;
if (edit) analyzer.update(current);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const t0 = performance.now();
const phases: Record<string, number[]> = {};
for (let i = 0; i < runs; i++) {
  let analysis: DocumentAnalysis;
  if (edit) {
    const at = Math.floor(((i * 0.618034 + 0.1) % 1) * current.length);
    current = current.slice(0, at) + 'e' + current.slice(at);
    analysis = analyzer.update(current);
  } else {
    analysis = analyzeText(text, config);
  }
  for (const [k, v] of Object.entries(timingsOf(analysis))) (phases[k] ??= []).push(v);
}
const elapsed = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
if (saveIdx >= 0) writeFileSync(args[saveIdx + 1], JSON.stringify(profile));

// Self time per node = samples hitting it × interval.
const hits = new Map<number, number>();
for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
const deltas = profile.timeDeltas ?? [];
const totalSamples = (profile.samples ?? []).length;
const totalMs = deltas.reduce((a, b) => a + b, 0) / 1000;
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
  const n = hits.get(node.id) ?? 0;
  if (!n) continue;
  const cf = node.callFrame;
  const file = (cf.url || '(native)').replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  const fn = `${cf.functionName || '(anonymous)'}  ${file}:${cf.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
  const pkg = file.includes('node_modules/') ? file.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+).*/, 'node_modules/$1') : file;
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + n);
}
const pct = (n: number) => `${((100 * n) / totalSamples).toFixed(1).padStart(5)} %  ${((n / totalSamples) * totalMs / runs).toFixed(1).padStart(7)} ms/run`;
console.log(`${edit ? 'incremental update' : 'analyzeText'} of ${sizeName} (${text.length} chars) × ${runs}: ${(elapsed / runs).toFixed(0)} ms per run\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`phases (median ms per run, profiler on): ${Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(2)}`).join(', ')}\n`);
console.log('self time by file / package:');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nself time by function:');
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(v)}  ${k}`);
