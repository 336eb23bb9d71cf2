// @ts-check
// Bundles the extension-host test suite (test/e2e/suite/*.ts) into dist/e2e-suite/: index.cjs (the mocha runner that
// VS Code loads through extensionTestsPath) and one <name>.test.cjs per test file. `vscode` is provided by the
// extension host and `mocha` is loaded from the repository's node_modules, so both stay external.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suiteDir = path.join(root, 'test/e2e/suite');
const outdir = path.join(root, 'dist/e2e-suite');
const entryPoints = fs
  .readdirSync(suiteDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(suiteDir, f));
if (!entryPoints.some((f) => f.endsWith('index.ts'))) throw new Error(`no index.ts in ${suiteDir}`);

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`e2e suite: ${entryPoints.length} bundles in ${path.relative(root, outdir)}/`);
