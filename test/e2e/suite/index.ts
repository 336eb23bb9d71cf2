/**
 * Mocha runner for the extension-host suite. VS Code loads the bundle of this file (dist/e2e-suite/index.cjs) through
 * `extensionTestsPath` and calls `run()` inside the real (Node) extension host, under code-server or desktop VS Code.
 *
 * Which test files run depends on AI_CLAUSES_E2E_SUITE (set on the VS Code process by the host script):
 *   main      - every *.test.cjs except the multi-root and .vsix ones (a single workspace folder: examples/)
 *   multiroot - multiroot.test.cjs (the two-folder .code-workspace fixture)
 *   vsix      - vsix.test.cjs (the extension installed from the packaged .vsix)
 * Without the variable, a workspace opened from a .code-workspace file runs `multiroot`, anything else `main`.
 * When AI_CLAUSES_E2E_RESULTS is set, the passed and failed test titles are written there as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const SPECIAL: Record<string, string> = { multiroot: 'multiroot.test.cjs', vsix: 'vsix.test.cjs' };

export function run(): Promise<void> {
  const suite = process.env.AI_CLAUSES_E2E_SUITE || (vscode.workspace.workspaceFile ? 'multiroot' : 'main');
  const dir = __dirname;
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.test.cjs')).sort();
  const files = suite === 'main' ? all.filter((f) => !Object.values(SPECIAL).includes(f)) : all.filter((f) => f === SPECIAL[suite]);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const f of files) mocha.addFile(path.join(dir, f));

  const results = {
    suite,
    vscode: vscode.version,
    node: process.versions.node,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    remoteName: vscode.env.remoteName ?? null,
    files,
    passed: [] as string[],
    failed: [] as { title: string; error: string }[],
  };
  console.log(`ai-clauses e2e suite "${suite}" in VS Code ${vscode.version} (${results.uiKind}, Node ${process.versions.node}): ${files.join(', ')}`);

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no test files for suite "${suite}" in ${dir}`));
      return;
    }
    const runner = mocha.run((failures) => {
      const out = process.env.AI_CLAUSES_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} of ${results.passed.length + failures} extension tests failed`));
      else if (results.passed.length === 0) reject(new Error('no extension test ran'));
      else resolve();
    });
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) =>
      results.failed.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}
