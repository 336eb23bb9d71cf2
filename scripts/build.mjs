// @ts-check
// Bundles the VS Code client, the language server and the CLI into one CommonJS file each (dist/*.cjs).
// The bundles contain every runtime dependency, so the .vsix ships no node_modules.
import * as esbuild from 'esbuild';
import './catalogue-index.mjs';

const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // unified/remark are ESM; esbuild turns them into CommonJS inside the bundle.
  mainFields: ['module', 'main'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.cjs', banner: { js: '#!/usr/bin/env node' } }),
  // tinyglobby's fdir calls createRequire(import.meta.url), which CommonJS lacks: give it the bundle's own URL.
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  }),
]);
