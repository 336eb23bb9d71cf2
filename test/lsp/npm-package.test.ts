/**
 * The npm package: `npm pack` (of the built dist/) then `npm install -g --prefix <tmp> <tarball>`, offline, gives
 * working `ai-clauses` and `ai-clauses-server` commands. The package declares no runtime dependencies: the bundles in
 * dist/ contain them, so the install needs no registry.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { ROOT, SERVER } from './harness.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm package', { timeout: 240_000 }, () => {
  let dir: string;
  let tarball: string;
  let prefix: string;
  let files: string[];
  const bin = (name: string) => path.join(prefix, process.platform === 'win32' ? '' : 'bin', name);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  before(() => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run "node scripts/build.mjs" first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-npm-'));
    const env = { ...process.env, npm_config_cache: path.join(dir, 'cache'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const pack = spawnSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env });
    assert.equal(pack.status, 0, `npm pack failed: ${pack.stderr}`);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(dir, info[0].filename);
    files = info[0].files.map((f) => f.path);
    prefix = path.join(dir, 'prefix');
    const install = spawnSync(npm, ['install', '-g', '--offline', '--prefix', prefix, tarball], { cwd: dir, encoding: 'utf8', env });
    assert.equal(install.status, 0, `npm install -g failed: ${install.stdout}\n${install.stderr}`);
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is publishable: not private, a files list, bins, engines, licence, no runtime dependencies', () => {
    assert.equal(manifest.private, undefined);
    assert.ok(Array.isArray(manifest.files));
    assert.deepEqual(manifest.bin, { 'ai-clauses': './dist/cli.cjs', 'ai-clauses-server': './dist/server.cjs' });
    assert.match(manifest.engines.node, /^>=20/);
    assert.equal(manifest.license, 'MIT');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles contain every runtime dependency');
  });

  it('ships the bundles, docs and catalogue, and no sources, tests, maps or development files', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/cli.cjs', 'dist/server.cjs', 'docs/rules/vague-time.md', 'server/catalogue/rules.json']) {
      assert.ok(files.includes(f), `${f} is not in the tarball`);
    }
    const forbidden = files.filter((f) => /\.(ts|map)$/.test(f) || /^(client|test|bench|scripts|examples|node_modules|\.ci|\.vscode-test)\//.test(f) || f.startsWith('server/src/'));
    assert.deepEqual(forbidden, []);
  });

  it('`ai-clauses --version` and `ai-clauses check` work', () => {
    const version = spawnSync(bin('ai-clauses'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);
    const check = spawnSync(bin('ai-clauses'), ['check', '--quiet', '--format', 'sarif', path.join(ROOT, 'examples', 'gappy-ai-licence.md')], { encoding: 'utf8', cwd: ROOT });
    assert.equal(check.status, 1, check.stderr);
    const sarif = JSON.parse(check.stdout);
    // helpUri points at the rule page inside the installed package.
    const page = new URL(sarif.runs[0].tool.driver.rules[0].helpUri);
    assert.ok(page.pathname.startsWith(prefix) || fs.realpathSync(path.dirname(page.pathname)).includes('ai-clauses'), page.href);
    assert.ok(fs.existsSync(page), `${page.href} does not exist`);
  });

  it('`ai-clauses-server --stdio` answers initialize', async () => {
    const proc = spawn(bin('ai-clauses-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
        capabilities: { textDocumentSync?: unknown; hoverProvider?: unknown };
        serverInfo?: { name: string };
      };
      assert.ok(result.capabilities.textDocumentSync, 'no textDocumentSync capability');
      assert.ok(result.capabilities.hoverProvider);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
      assert.equal(code, 0);
    } finally {
      connection.dispose();
      if (proc.exitCode === null) proc.kill();
    }
  });
});
