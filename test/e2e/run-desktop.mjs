// @ts-check
// The same extension-host suite as test/e2e/harness.mjs, run in desktop VS Code through @vscode/test-electron.
// For machines that can download VS Code (developer laptops, public CI): `npm run test:vscode-desktop`.
// It cannot run on the offline project machines, where `npm test` runs the suite in code-server instead.
//
//   node test/e2e/run-desktop.mjs [--vsix dist-vsix/ai-clauses.vsix]
//   VSCODE_VERSION=1.100.3 (default: stable) picks the VS Code build; on Linux without a display run it under xvfb-run.
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, copyTree, makeRunDir } from './lib/code-server.mjs';

const { values: args } = parseArgs({ options: { vsix: { type: 'string' } } });
const testsPath = path.join(ROOT, 'dist/e2e-suite/index.cjs');
const build = spawnSync(process.execPath, ['scripts/build-e2e.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0 || !fs.existsSync(testsPath)) {
  console.error(`building the extension-host suite (${testsPath}) failed`);
  process.exit(1);
}

const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable' });
console.log(`VS Code: ${vscodeExecutablePath}`);

/**
 * One suite in a fresh profile (user data with quiet settings, empty extensions folder) and a scratch workspace.
 * @param {'main' | 'multiroot' | 'vsix'} suite
 */
async function runSuite(suite) {
  const run = makeRunDir(`desktop-${suite}`);
  let target;
  let devPath = ROOT;
  if (suite === 'multiroot') {
    copyTree(path.join(ROOT, 'test/e2e/fixtures/multi-root'), run.ws);
    target = path.join(run.ws, 'multi-root.code-workspace');
  } else {
    copyTree(path.join(ROOT, 'examples'), run.ws);
    target = run.ws;
  }
  if (suite === 'vsix') {
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    const vsix = path.resolve(String(args.vsix));
    const r = spawnSync(cli, [...cliArgs, `--extensions-dir=${run.extensions}`, '--install-extension', vsix], { encoding: 'utf8', stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed`);
    devPath = path.join(ROOT, 'test/e2e/fixtures/probe-extension');
  }
  const resultsFile = path.join(run.dir, 'results.json');
  console.log(`\n=== ${suite} ===`);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: devPath,
      extensionTestsPath: testsPath,
      extensionTestsEnv: {
        AI_CLAUSES_E2E_SUITE: suite,
        AI_CLAUSES_E2E_RESULTS: resultsFile,
        AI_CLAUSES_E2E_EXTENSIONS_DIR: run.extensions,
      },
      launchArgs: [
        target,
        `--user-data-dir=${run.userData}`,
        // A fresh, empty extensions folder: only the extension under test (from source or the .vsix) runs.
        `--extensions-dir=${run.extensions}`,
      ],
    });
  } catch (e) {
    console.error(`${suite}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: [], failed: [{ title: 'suite did not run', error: '' }] };
  fs.rmSync(run.dir, { recursive: true, force: true });
  return { passed: results.passed.length, failed: results.failed.length };
}

/** @type {('main' | 'multiroot' | 'vsix')[]} */
const suites = args.vsix ? ['main', 'multiroot', 'vsix'] : ['main', 'multiroot'];
let passed = 0;
let failed = 0;
for (const s of suites) {
  const r = await runSuite(s);
  console.log(`${s}: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
