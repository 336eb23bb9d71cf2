/**
 * A real second LSP client: headless Neovim (0.7+, push diagnostics) runs scripts/nvim-lsp-check.lua against the
 * bundled server. Neovim is installed with apt when it is missing and we may (root, apt-get present); otherwise
 * the test fails and says how to install it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, SERVER, fixture } from './harness.js';

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensureNeovim(): string {
  let nvim = which('nvim');
  if (!nvim && process.getuid?.() === 0 && which('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '-qq', 'neovim'], { encoding: 'utf8', env });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env });
      r = spawnSync('apt-get', ['install', '-y', '-qq', 'neovim'], { encoding: 'utf8', env });
    }
    nvim = which('nvim');
  }
  assert.ok(nvim, 'Neovim is not installed and could not be installed: run "apt-get install -y neovim" (or install nvim ≥ 0.7)');
  return nvim;
}

/** The README's Neovim 0.7+ snippet: the Lua block after the `<!-- nvim-0.7-snippet -->` marker. */
export function readmeNeovimSnippet(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- nvim-0\.7-snippet -->\r?\n```lua\r?\n([\s\S]*?)\r?\n```/.exec(readme);
  assert.ok(m, 'README.md has no Lua block after <!-- nvim-0.7-snippet -->');
  return m[1];
}

describe('Neovim (headless)', () => {
  it('gets diagnostics, hover, a quick fix, completion and symbols from the server', { timeout: 180_000 }, () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run "node scripts/build.mjs" first`);
    const nvim = ensureNeovim();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-nvim-'));
    try {
      fs.writeFileSync(path.join(dir, 'draft.md'), fixture('draft.md'));
      const r = spawnSync(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'scripts', 'nvim-lsp-check.lua')}`, 'draft.md'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 170_000,
        env: { ...process.env, AI_CLAUSES_SERVER: SERVER, AI_CLAUSES_NODE: process.execPath },
      });
      const output = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.status, 0, `nvim failed (status ${r.status}, signal ${r.signal}):\n${output}`);
      for (const step of ['ok diagnostics', 'ok hover', 'ok code action', 'ok completion', 'ok symbols']) assert.ok(r.stdout.includes(step), `missing "${step}" in:\n${output}`);
      assert.match(r.stdout, /ok diagnostics \d+: .*vague-time/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the README\'s own Neovim snippet (as init.lua) starts the server and everything works', { timeout: 180_000 }, () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run "node scripts/build.mjs" first`);
    const nvim = ensureNeovim();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-nvim-readme-'));
    try {
      // `ai-clauses-server` on PATH, as `npm install -g` puts it there: here, the bundled server.
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'ai-clauses-server'), `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`, { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'init.lua'), readmeNeovimSnippet());
      fs.writeFileSync(path.join(dir, 'draft.md'), fixture('draft.md'));
      const r = spawnSync(nvim, ['--headless', '-i', 'NONE', '-u', path.join(dir, 'init.lua'), '-c', `luafile ${path.join(ROOT, 'scripts', 'nvim-lsp-check.lua')}`, 'draft.md'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 170_000,
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, AI_CLAUSES_USER_CONFIG: '1', XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'), XDG_STATE_HOME: path.join(dir, 'state') },
      });
      const output = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.status, 0, `nvim failed (status ${r.status}, signal ${r.signal}):\n${output}`);
      for (const step of ['ok attached by the configuration', 'ok diagnostics', 'ok hover', 'ok code action', 'ok completion', 'ok symbols']) {
        assert.ok(r.stdout.includes(step), `missing "${step}" in:\n${output}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
