// @ts-check
// Runs the extension-host test suite inside a real VS Code (code-server, offline) and reports the result.
//
//   node test/e2e/harness.mjs [--suite main|multiroot|vsix] [--vsix path/to/ai-clauses.vsix] [--timeout 300]
//
// - main:      the extension from source (extensionDevelopmentPath = the repository), a copy of examples/ opened
//              as the workspace folder;
// - multiroot: the same extension, the two-folder `.code-workspace` fixture;
// - vsix:      the extension installed from a packaged .vsix into a fresh extensions folder (a tiny probe
//              extension only carries the test runner), a copy of examples/ opened.
//
// Each run gets a fresh code-server (own port, user data, extensions dir, XDG dirs) and a fresh chromium profile.
// The workbench's `payload` URL parameter points the remote (Node) extension host at the suite; the workbench
// calls window.codeAutomationExit(code) when mocha finishes. Exit status: 0 only when that code is 0 and the
// suite's results file lists at least one passed test and no failed one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  copyTree,
  deadline,
  forwardConsole,
  installExtension,
  launchBrowser,
  makeRunDir,
  startCodeServer,
  workbenchUrl,
} from './lib/code-server.mjs';

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string', default: 'main' },
    tests: { type: 'string', default: path.join(ROOT, 'dist/e2e-suite/index.cjs') },
    vsix: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: !!process.env.E2E_KEEP },
  },
});

const suite = String(args.suite);
if (!['main', 'multiroot', 'vsix'].includes(suite)) throw new Error(`unknown --suite ${suite}`);
const testsPath = path.resolve(String(args.tests));
if (!fs.existsSync(testsPath)) {
  console.error(`[e2e] ${testsPath} does not exist; build it with: node scripts/build.mjs --e2e`);
  process.exit(1);
}
const timeoutMs = Number(args.timeout) * 1000;
const t0 = Date.now();
const log = (/** @type {string} */ m) => console.log(`[e2e ${suite} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const run = makeRunDir(suite);
const resultsFile = path.join(run.dir, 'results.json');
/** @type {{ folder?: string, workspace?: string }} */
let target;
let devPath = ROOT;
if (suite === 'multiroot') {
  copyTree(path.join(ROOT, 'test/e2e/fixtures/multi-root'), run.ws);
  target = { workspace: path.join(run.ws, 'multi-root.code-workspace') };
} else {
  const examples = path.join(ROOT, 'examples');
  if (!fs.existsSync(examples) || fs.readdirSync(examples).length === 0) {
    console.error(`[e2e] ${examples} is missing or empty; the suite opens the bundled example drafts`);
    process.exit(1);
  }
  copyTree(examples, run.ws);
  target = { folder: run.ws };
}
if (suite === 'vsix') {
  if (!args.vsix) throw new Error('--suite vsix needs --vsix <file>');
  const vsix = path.resolve(String(args.vsix));
  log(`installing ${path.relative(ROOT, vsix)} into ${run.extensions}`);
  log(await installExtension(run, vsix));
  devPath = path.join(ROOT, 'test/e2e/fixtures/probe-extension');
}

/** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
let server;
/** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
let browser;
let exitCode = 1;
try {
  // The extension host inherits code-server's environment: that is how the suite learns its mode and results file.
  server = await startCodeServer(run, {
    env: {
      AI_CLAUSES_E2E_SUITE: suite,
      AI_CLAUSES_E2E_RESULTS: resultsFile,
      AI_CLAUSES_E2E_EXTENSIONS_DIR: run.extensions,
    },
  });
  log(`code-server listening on ${server.host} (state in ${run.dir})`);
  browser = await launchBrowser();
  const { page } = browser;
  forwardConsole(page, (line) => console.log(`  ${line}`));
  const finished = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => {
      resolve(code);
    });
  });
  const url = workbenchUrl({ host: server.host, ...target, devPath, testsPath });
  if (process.env.E2E_VERBOSE) log(`opening ${url}`);
  await page.goto(url);
  log('workbench loading; suite runs in the extension host');
  const code = await Promise.race([
    finished,
    deadline(timeoutMs, `the suite did not finish within ${timeoutMs / 1000}s (no codeAutomationExit call)`),
  ]);
  log(`codeAutomationExit(${code})`);
  exitCode = code === 0 ? 0 : 1;
} catch (e) {
  console.error(`[e2e ${suite}] ERROR: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await browser?.close();
  await server?.stop();
}

// The results file is written by the suite's runner (test/e2e/suite/index.ts) inside the extension host.
let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  /** @type {{ passed: string[], failed: { title: string, error: string }[], vscode?: string, node?: string }} */
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.passed.length;
  failed = results.failed.length;
  if (results.vscode) log(`VS Code ${results.vscode}, extension host Node ${results.node}`);
  for (const f of results.failed) console.log(`  FAILED: ${f.title}\n    ${f.error.split('\n').join('\n    ')}`);
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  fs.copyFileSync(resultsFile, path.join(ROOT, 'test-output', `e2e-${suite}-results.json`));
} else {
  console.error(`[e2e ${suite}] the suite wrote no results file (${resultsFile}): it did not run`);
  exitCode = 1;
}
if (passed === 0) exitCode = 1;
if (failed > 0) exitCode = 1;
if (exitCode !== 0) {
  const logText = fs.existsSync(run.log) ? fs.readFileSync(run.log, 'utf8') : '';
  console.log(`[e2e ${suite}] code-server log (last lines):\n${logText.split('\n').slice(-30).join('\n')}`);
}
log(`${passed} passed, ${failed} failed`);
if (!args.keep && exitCode === 0) fs.rmSync(run.dir, { recursive: true, force: true });
else log(`run state kept in ${run.dir}`);
process.exit(exitCode);
