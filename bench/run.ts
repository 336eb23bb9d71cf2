/**
 * `npm run bench`: builds, then measures the figures of issue 5, each beside a baseline measured in the same run,
 * and prints a table (or, with --json, one JSON object whose `ratios` member holds the six target ratios).
 *
 *   node --import tsx bench/run.ts [--json] [--only 1,3,cli,compare] [--quick]
 *
 * See bench/README.md for what each figure means and how it is measured.
 */

import { spawn, spawnSync } from 'node:child_process';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { lint as markdownlint } from 'markdownlint/sync';
import { analyzeText, compareAnalyses, compareTexts, resolveConfig, LineIndex, type ResolvedConfig } from '../server/src/engine/index.js';
import { generateDraft, SIZES, DATA_DIR } from './generate.js';
import { median, percentile, pairedRounds, pairedRatio, round, time } from './stats.js';
import { LspDriver } from '../test/fuzz/lsp-driver.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK = args.includes('--quick');
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : undefined;
const want = (k: string) => !ONLY || ONLY.has(k);

function log(msg: string): void {
  // Progress goes to stderr so that --json output stays parseable.
  process.stderr.write(`${msg}\n`);
}

const benchStart = performance.now();
const config: ResolvedConfig = resolveConfig({ settings: { maxDocumentSize: 256 * 1024 * 1024 } });
const texts: Record<string, string> = {};
for (const [name, size] of Object.entries(SIZES)) texts[name] = generateDraft(size);
mkdirSync(DATA_DIR, { recursive: true });
const files: Record<string, string> = {};
for (const name of Object.keys(SIZES)) {
  files[name] = join(DATA_DIR, `contract-${name}.md`);
  writeFileSync(files[name], texts[name]);
}

const remark = unified().use(remarkParse);
const parse = (text: string) => remark.parse(text);
function analyze(text: string) {
  const a = analyzeText(text, config);
  if (a.skipped) throw new Error(`analysis skipped: ${a.skipped}`);
  return a;
}
const mdlint = (text: string) => markdownlint({ strings: { doc: text } });

/** Pauses over 1 ms that a busy loop sees in `durationMs` (the thread was descheduled, or the process paused). */
function stallsDuring(durationMs: number): { count: number; longest: number } {
  const end = performance.now() + durationMs;
  let last = performance.now();
  let count = 0;
  let longest = 0;
  for (let now = last; now < end; now = performance.now()) {
    const gap = now - last;
    if (gap > 1) {
      count++;
      longest = Math.max(longest, gap);
    }
    last = now;
  }
  return { count, longest };
}

let machineNote: string | undefined;

interface Row {
  id: string;
  figure: string;
  ours: string;
  baseline: string;
  ratio: number;
  target?: number;
}
const rows: Row[] = [];
const figures: Record<string, unknown> = {};
const ratios: Record<string, number | null> = {
  full_vs_remark_1mb: null,
  scale_5mb_vs_1mb: null,
  edit_p95_vs_parse_100kb: null,
  rss_5mb_vs_remark: null,
  startup_vs_node: null,
  full_vs_markdownlint_1mb: null,
};
const ms = (x: number) => `${x >= 100 ? Math.round(x) : x.toFixed(x >= 10 ? 1 : 2)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// Context: small sizes (not targets, but they show the constant factor).
if (want('small')) {
  for (const [name, rounds] of [['10k', QUICK ? 10 : 40], ['100k', QUICK ? 5 : 15]] as const) {
    const t = texts[name];
    const r = pairedRounds({ analyze: () => analyze(t), remark: () => parse(t) }, rounds, 3);
    figures[`analyze_${name}_ms`] = round(median(r.analyze));
    figures[`remark_${name}_ms`] = round(median(r.remark));
    rows.push({
      id: `·`,
      figure: `full analysis ${name} vs remark-parse`,
      ours: ms(median(r.analyze)),
      baseline: ms(median(r.remark)),
      ratio: pairedRatio(r.analyze, r.remark),
    });
  }
  log('small sizes done');
}

// (1) and (6): full analysis of 1 MB vs bare remark-parse and vs markdownlint, paired rounds, rotating order.
if (want('1') || want('6')) {
  const t = texts['1m'];
  figures.analyze_1mb_first_ms = round(time(() => analyze(t)));
  const rounds = QUICK ? 3 : 9;
  const r = pairedRounds({ analyze: () => analyze(t), remark: () => parse(t), markdownlint: () => mdlint(t) }, rounds, 1);
  figures.analyze_1mb_ms = round(median(r.analyze));
  figures.remark_1mb_ms = round(median(r.remark));
  figures.markdownlint_1mb_ms = round(median(r.markdownlint));
  figures.findings_1mb = analyze(t).findings.length;
  ratios.full_vs_remark_1mb = round(pairedRatio(r.analyze, r.remark));
  ratios.full_vs_markdownlint_1mb = round(pairedRatio(r.analyze, r.markdownlint));
  rows.push({ id: '1', figure: 'full analysis 1 MB vs remark-parse', ours: ms(median(r.analyze)), baseline: ms(median(r.remark)), ratio: ratios.full_vs_remark_1mb, target: 1.0 });
  rows.push({ id: '6', figure: 'full analysis 1 MB vs markdownlint (peer)', ours: ms(median(r.analyze)), baseline: ms(median(r.markdownlint)), ratio: ratios.full_vs_markdownlint_1mb });
  log(`(1)/(6) done: analyze ${ms(median(r.analyze))}, remark ${ms(median(r.remark))}, markdownlint ${ms(median(r.markdownlint))}`);
}

// (2): 5 MB vs 1 MB, paired.
if (want('2')) {
  const a = texts['1m'];
  const b = texts['5m'];
  const r = pairedRounds({ a1: () => analyze(a), a5: () => analyze(b) }, QUICK ? 2 : 4, 1);
  figures.analyze_5mb_ms = round(median(r.a5));
  figures.analyze_1mb_scale_ms = round(median(r.a1));
  ratios.scale_5mb_vs_1mb = round(pairedRatio(r.a5, r.a1));
  rows.push({ id: '2', figure: 'full analysis 5 MB vs 1 MB', ours: ms(median(r.a5)), baseline: ms(median(r.a1)), ratio: ratios.scale_5mb_vs_1mb, target: 5.5 });
  log(`(2) done: 5 MB ${ms(median(r.a5))}`);
}

// (3): per-edit server work over LSP, 100 KB draft, 200 single-character edits, vs one whole-document parse.
// The server itself reports, for each version, how long after the change was applied its diagnostics were ready
// (`aiClauses.logTimings`); the round trip as the client sees it (with the JSON of every diagnostic both ways) is
// shown beside it.
if (want('3')) {
  const text0 = texts['100k'];
  const parseTimes = pairedRounds({ p: () => parse(text0) }, QUICK ? 10 : 40, 5).p;
  const parseMs = median(parseTimes);
  const driver = new LspDriver({ settings: { logTimings: true } });
  try {
    await driver.initialize(DATA_DIR);
    const uri = pathToFileURL(join(DATA_DIR, 'edit-100k.md')).href;
    let text = text0;
    let t0 = performance.now();
    await driver.open(uri, text, 1);
    const firstDiags = await driver.diagnostics(uri);
    figures.lsp_open_100kb_ms = round(performance.now() - t0);
    figures.lsp_diagnostics_100kb = firstDiags.length;
    figures.lsp_mode = driver.pulls ? 'pull (textDocument/diagnostic)' : 'push (publishDiagnostics)';
    const edits = QUICK ? 60 : 200;
    const warm = 20;
    const roundTrips: number[] = [];
    const measured: number[] = [];
    let lastCount = 0;
    for (let i = 0; i < warm + edits; i++) {
      // Spread positions through the document (golden-ratio sequence), insert one character.
      const offset = Math.floor(((i * 0.6180339887 + 0.1) % 1) * text.length);
      const pos = new LineIndex(text).positionAt(offset);
      const ch = i % 3 === 0 ? ' ' : 'e';
      text = text.slice(0, offset) + ch + text.slice(offset);
      t0 = performance.now();
      const version = await driver.change(uri, [{ range: { start: pos, end: pos }, text: ch }]);
      const diags = await driver.diagnostics(uri);
      const dt = performance.now() - t0;
      if (i >= warm) {
        roundTrips.push(dt);
        measured.push(version);
      }
      lastCount = diags.length;
    }
    if (lastCount === 0) throw new Error('the server returned no diagnostics for the edited 100 KB draft: is it analysing?');
    // The timing lines are logged a moment after each answer; wait (up to 3 s) for the last one.
    const reported = new Map<number, number>();
    const last = measured[measured.length - 1];
    for (let waited = 0; waited < 3000 && !reported.has(last); waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const m of driver.messages) {
        const x = /timings \S+ v(\d+): \d+ diagnostics ready ([\d.]+) ms after the change/.exec(m);
        if (x) reported.set(Number(x[1]), Number(x[2]));
      }
    }
    const times = measured.map((v) => reported.get(v));
    if (times.some((t) => t === undefined)) throw new Error(`the server did not report timings for every edit (${times.filter((t) => t !== undefined).length} of ${measured.length}): is aiClauses.logTimings working?`);
    const serverTimes = times as number[];
    const p50 = percentile(serverTimes, 50);
    const p95 = percentile(serverTimes, 95);
    const rt50 = percentile(roundTrips, 50);
    const rt95 = percentile(roundTrips, 95);
    figures.edit_100kb_p50_ms = round(p50);
    figures.edit_100kb_p95_ms = round(p95);
    figures.edit_100kb_max_ms = round(Math.max(...serverTimes));
    figures.edit_100kb_roundtrip_p50_ms = round(rt50);
    figures.edit_100kb_roundtrip_p95_ms = round(rt95);
    figures.remark_100kb_ms = round(parseMs);
    ratios.edit_p95_vs_parse_100kb = round(p95 / parseMs);
    rows.push({ id: '3', figure: `edit→diagnostics ready in the server (LSP), 100 KB, p95 (p50 ${ms(p50)})`, ours: ms(p95), baseline: ms(parseMs), ratio: ratios.edit_p95_vs_parse_100kb, target: 0.2 });
    // The same figure over the second half of the measured edits (is the spread only the first edits' warm-up?).
    const late = serverTimes.slice(serverTimes.length >> 1);
    const late95 = percentile(late, 95);
    figures.edit_100kb_late_p95_ms = round(late95);
    rows.push({ id: '·', figure: `the same, last ${late.length} of the ${serverTimes.length} edits, p95 (p50 ${ms(percentile(late, 50))})`, ours: ms(late95), baseline: ms(parseMs), ratio: late95 / parseMs });
    rows.push({ id: '·', figure: `edit→diagnostics received by the client, ${lastCount} diagnostics, p95 (p50 ${ms(rt50)})`, ours: ms(rt95), baseline: ms(parseMs), ratio: rt95 / parseMs });
    rows.push({ id: '·', figure: 'first didOpen→diagnostics, cold server, 100 KB', ours: ms(figures.lsp_open_100kb_ms as number), baseline: ms(parseMs), ratio: (figures.lsp_open_100kb_ms as number) / parseMs });
    // How much the machine itself stalls a busy thread right now: on a shared 2-core machine these stalls, not the
    // server, set much of the p95 above.
    const stalls = stallsDuring(1000);
    figures.stalls_over_1ms_per_s = stalls.count;
    figures.stall_longest_ms = round(stalls.longest);
    machineNote = `machine stalls just after the edits: ${stalls.count} pauses over 1 ms in 1 s of busy loop (longest ${ms(stalls.longest)})`;
    log(`(3) done: server p50 ${ms(p50)} p95 ${ms(p95)}; round trip p50 ${ms(rt50)} p95 ${ms(rt95)}; parse ${ms(parseMs)}`);
  } finally {
    await driver.stop();
  }

  // The message loop while a 1 MB draft opens: a fresh server has a short draft open; the 1 MB draft is opened and
  // its diagnostics pulled, and meanwhile a request for the short draft's symbols is sent again and again. The longest
  // wait of one of those requests is how long the server kept the editor waiting at the worst moment.
  const loop = new LspDriver({ settings: { maxDocumentSize: 64 << 20 } });
  try {
    await loop.initialize(DATA_DIR);
    const short = pathToFileURL(join(DATA_DIR, 'short.md')).href;
    await loop.open(short, texts['10k'], 1);
    await loop.diagnostics(short);
    const long = pathToFileURL(join(DATA_DIR, 'open-1m.md')).href;
    const t0 = performance.now();
    await loop.open(long, texts['1m'], 1);
    let ready = false;
    const diagnostics = loop.diagnostics(long).then((d) => ((ready = true), d));
    const waits: number[] = [];
    while (!ready) {
      const sent = performance.now();
      await loop.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: short } });
      waits.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const count = (await diagnostics).length;
    const openMs = performance.now() - t0;
    if (count === 0) throw new Error('the server returned no diagnostics for the 1 MB draft');
    figures.lsp_open_1mb_ms = round(openMs);
    figures.lsp_open_1mb_longest_wait_ms = round(Math.max(...waits));
    rows.push({ id: '·', figure: `a request for another draft while a 1 MB draft opens (${round(openMs / 1000, 2)} s, ${waits.length} requests): longest wait`, ours: ms(Math.max(...waits)), baseline: '', ratio: NaN });
  } finally {
    await loop.stop();
  }
}

// (4): peak RSS of a child analysing 5 MB vs an identical child running bare remark-parse on it.
if (want('4')) {
  const childFile = join(DATA_DIR, 'rss-child.cjs');
  await esbuild.build({
    entryPoints: [join(here, 'rss-child.ts')],
    outfile: childFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  const runChild = (mode: string) => {
    const res = spawnSync(process.execPath, [childFile, mode, files['5m']], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (res.status !== 0) throw new Error(`rss child ${mode} failed: ${res.stderr}`);
    return JSON.parse(res.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number; maxRssBeforeKb: number };
  };
  const reps = QUICK ? 1 : 2;
  const analyzeRuns: ReturnType<typeof runChild>[] = [];
  const remarkRuns: ReturnType<typeof runChild>[] = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      analyzeRuns.push(runChild('analyze'));
      remarkRuns.push(runChild('remark'));
    } else {
      remarkRuns.push(runChild('remark'));
      analyzeRuns.push(runChild('analyze'));
    }
  }
  const base = runChild('none');
  const a = median(analyzeRuns.map((x) => x.maxRssKb)) / 1024;
  const b = median(remarkRuns.map((x) => x.maxRssKb)) / 1024;
  figures.rss_5mb_analyze_mb = round(a, 1);
  figures.rss_5mb_remark_mb = round(b, 1);
  figures.rss_5mb_none_mb = round(base.maxRssKb / 1024, 1);
  figures.remark_5mb_child_ms = round(median(remarkRuns.map((x) => x.ms)));
  figures.analyze_5mb_child_ms = round(median(analyzeRuns.map((x) => x.ms)));
  ratios.rss_5mb_vs_remark = round(a / b);
  rows.push({ id: '4', figure: `peak RSS analysing 5 MB (idle child ${Math.round(base.maxRssKb / 1024)} MB)`, ours: `${Math.round(a)} MB`, baseline: `${Math.round(b)} MB`, ratio: ratios.rss_5mb_vs_remark, target: 0.5 });
  // Memory kept by a long editing session: the heap (after a full GC) after 1,000 edits of the 100 KB draft, beside
  // the heap after opening it.
  const edits = QUICK ? 200 : 1000;
  const session = spawnSync(process.execPath, ['--expose-gc', childFile, 'edits', files['100k'], String(edits)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (session.status !== 0) throw new Error(`editing-session child failed: ${session.stderr}`);
  const heap = JSON.parse(session.stdout.trim().split('\n').pop()!) as { openedKb: number; editedKb: number };
  figures.heap_opened_100kb_mb = round(heap.openedKb / 1024, 1);
  figures.heap_after_edits_100kb_mb = round(heap.editedKb / 1024, 1);
  rows.push({
    id: '·',
    figure: `heap kept after ${edits.toLocaleString('en')} edits of 100 KB vs after opening it (after GC)`,
    ours: `${(heap.editedKb / 1024).toFixed(1)} MB`,
    baseline: `${(heap.openedKb / 1024).toFixed(1)} MB`,
    ratio: heap.editedKb / heap.openedKb,
  });
  log(`(4) done: ${Math.round(a)} MB vs ${Math.round(b)} MB; heap ${(heap.openedKb / 1024).toFixed(1)} MB after opening, ${(heap.editedKb / 1024).toFixed(1)} MB after ${edits} edits`);
}

// (5): server start to `initialize` answered vs bare `node -e 0`, interleaved spawns, medians.
if (want('5')) {
  const runs = QUICK ? 3 : 9;
  const server: number[] = [];
  const bare: number[] = [];
  const spawnBare = () =>
    new Promise<number>((res, rej) => {
      const t0 = performance.now();
      const c = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      c.on('exit', () => res(performance.now() - t0));
      c.on('error', rej);
    });
  const spawnServer = async () => {
    const t0 = performance.now();
    const d = new LspDriver();
    try {
      await d.initialize(DATA_DIR);
      return performance.now() - t0;
    } finally {
      await d.stop();
    }
  };
  await spawnBare();
  await spawnServer();
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      bare.push(await spawnBare());
      server.push(await spawnServer());
    } else {
      server.push(await spawnServer());
      bare.push(await spawnBare());
    }
  }
  figures.startup_server_ms = round(median(server));
  figures.startup_node_ms = round(median(bare));
  ratios.startup_vs_node = round(median(server) / median(bare));
  rows.push({ id: '5', figure: 'server start → initialize answered vs node -e 0', ours: ms(median(server)), baseline: ms(median(bare)), ratio: ratios.startup_vs_node, target: 2.0 });
  log(`(5) done`);
}

// Negotiation rounds (issue 17): comparing two 100-page drafts (300 KB each), the later one with three positions
// flipped (output ownership, training on customer data, a notice period) and a defined term renamed throughout.
if (want('compare')) {
  const before = generateDraft(300_000);
  const flip = (text: string, from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`the generated draft no longer contains ${JSON.stringify(from)}: update the compare figure`);
    return text.split(from).join(to);
  };
  let after = flip(before, 'As between the parties, Customer owns all Outputs and all Intellectual Property Rights in them, and Provider hereby assigns to Customer any rights it may have in the Outputs.', 'As between the parties, Provider owns all Outputs and all Intellectual Property Rights in them.');
  after = flip(after, "Provider shall not use Customer Data, Inputs or Outputs for Training without Customer's prior written consent, and shall not permit any sub-processor to do so.", 'Provider may use Customer Data, Inputs and Outputs for Training.');
  after = flip(after, "thirty (30) days' written notice before any change", "ten (10) days' written notice before any change");
  after = flip(after, 'Customer Data', 'Client Data');
  const compareConfig = resolveConfig({ settings: { perspective: 'licensee', maxDocumentSize: 256 * 1024 * 1024 } });
  const run = () => compareTexts(before, after, { before: 'before.md', after: 'after.md', config: compareConfig });
  const found = run().changes.filter((c) => c.direction === 'towards-licensor').map((c) => c.clause).sort();
  for (const clause of ['model-change-notice', 'no-training-on-customer-data', 'output-ownership']) {
    if (!found.includes(clause)) throw new Error(`compare did not report ${clause} moving towards the licensor (found ${found.join(', ')})`);
  }
  const a = analyzeText(before, compareConfig);
  const b = analyzeText(after, compareConfig);
  const rounds = QUICK ? 3 : 9;
  const r = pairedRounds({ compare: run, analyze: () => analyzeText(before, compareConfig), only: () => compareAnalyses(a, b, { before: 'before.md', after: 'after.md' }) }, rounds, 1);
  figures.compare_100pages_chars = before.length;
  figures.compare_100pages_ms = round(median(r.compare));
  figures.compare_only_100pages_ms = round(median(r.only));
  figures.analyze_300kb_ms = round(median(r.analyze));
  figures.compare_changes = run().changes.length;
  rows.push({ id: 'compare', figure: `compare two 100-page drafts (${Math.round(before.length / 1000)} KB each): both analyses + comparison, vs the 1 s budget`, ours: ms(median(r.compare)), baseline: ms(1000), ratio: median(r.compare) / 1000, target: 0.5 });
  rows.push({ id: '·', figure: 'the comparison alone (compareAnalyses of the two analyses) vs one analysis', ours: ms(median(r.only)), baseline: ms(median(r.analyze)), ratio: pairedRatio(r.only, r.analyze) });
  log(`compare done: ${ms(median(r.compare))} (comparison alone ${ms(median(r.only))}, one analysis ${ms(median(r.analyze))})`);
}

// CLI throughput: `dist/cli.cjs check` over a folder of generated drafts, vs remark-parse of the same files in-process.
if (want('cli')) {
  const n = QUICK ? 50 : 200;
  const dir = join(DATA_DIR, 'folder');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const drafts: string[] = [];
  for (let i = 0; i < n; i++) {
    const size = 8_000 + ((i * 7919) % 60) * 1_000; // 8–67 KB
    const t = generateDraft(size, 1000 + i);
    drafts.push(t);
    bytes += t.length;
    writeFileSync(join(dir, `agreement-${String(i).padStart(4, '0')}.md`), t);
  }
  const cli = join(ROOT, 'dist', 'cli.cjs');
  const runCli = () => {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [cli, 'check', '--quiet', dir], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    const dt = performance.now() - t0;
    if (res.error) throw res.error;
    if (res.status !== 0 && res.status !== 1) throw new Error(`cli check exited ${res.status}: ${res.stderr.slice(0, 2000)}`);
    return dt;
  };
  const cliTimes = [runCli(), runCli()];
  const cliMs = Math.min(...cliTimes);
  const parseAll = time(() => {
    for (const d of drafts) parse(d);
  });
  figures.cli_files = n;
  figures.cli_mb = round(bytes / 1e6, 2);
  figures.cli_ms = round(cliMs);
  figures.cli_files_per_s = round((n / cliMs) * 1000, 1);
  figures.cli_remark_inprocess_ms = round(parseAll);
  rows.push({ id: 'cli', figure: `CLI check, ${n} drafts (${(bytes / 1e6).toFixed(1)} MB) vs remark-parse of them in one process`, ours: ms(cliMs), baseline: ms(parseAll), ratio: cliMs / parseAll });
  log(`cli done: ${ms(cliMs)}`);
}

const totalMs = performance.now() - benchStart;
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory_gb: round(totalmem() / 2 ** 30, 1),
  os: `${osType()} ${release()}`,
  node: process.version,
  micromark: readVersion('micromark'),
  remark_parse: readVersion('remark-parse'),
  markdownlint: readVersion('markdownlint'),
};
const sizes = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.length]));

if (JSON_OUT) {
  process.stdout.write(
    JSON.stringify({ date: new Date().toISOString(), machine, sizes, ratios, figures, targets: targetsObject(), total_s: round(totalMs / 1000, 1) }, null, 2) + '\n',
  );
} else {
  const header = ['#', 'figure', 'ai-clauses', 'baseline', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    r.id,
    r.figure,
    r.ours,
    r.baseline,
    Number.isNaN(r.ratio) ? '' : r.ratio.toFixed(3),
    r.target === undefined ? '—' : `≤ ${r.target}`,
    r.target === undefined ? '' : r.ratio <= r.target ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(`ai-clauses benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB, node ${machine.node}, micromark ${machine.micromark}`);
  console.log(`drafts: ${Object.entries(sizes).map(([k, v]) => `${k} = ${v.toLocaleString('en')} chars`).join(', ')}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i >= 2 && i <= 4 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
  for (const b of body) console.log(line(b));
  if (machineNote) console.log(`\n${machineNote}`);
  console.log(`\nraw figures: ${JSON.stringify(figures)}`);
  console.log(`total ${(totalMs / 1000).toFixed(1)} s`);
}

function targetsObject() {
  return {
    full_vs_remark_1mb: 1.0,
    scale_5mb_vs_1mb: 5.5,
    edit_p95_vs_parse_100kb: 0.2,
    rss_5mb_vs_remark: 0.5,
    startup_vs_node: 2.0,
    full_vs_markdownlint_1mb: null,
  };
}

function readVersion(pkg: string): string {
  try {
    const p = join(ROOT, 'node_modules', pkg, 'package.json');
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')).version as string) : '?';
  } catch {
    return '?';
  }
}
