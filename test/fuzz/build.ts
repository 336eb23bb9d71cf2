/**
 * Makes sure dist/*.cjs are built from the current sources: runs `node scripts/build.mjs` when a bundle is missing
 * or older than any file under server/src, server/catalogue, client/src or scripts/build.mjs. Tests that spawn the
 * server or read the bundles call this first, so they never test a stale build. One process builds at a time (a
 * lock directory in dist/); the others wait for it and find the bundles fresh.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './lsp-driver.js';

export const BUNDLES = ['client.cjs', 'server.cjs', 'cli.cjs'].map((f) => join(REPO_ROOT, 'dist', f));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function fresh(): boolean {
  const sources = ['server/src', 'server/catalogue', 'client/src', 'scripts/build.mjs', 'package.json'].map((p) => newestMtime(join(REPO_ROOT, p)));
  const newestSource = Math.max(...sources);
  const oldestBundle = Math.min(...BUNDLES.map((b) => (existsSync(b) ? statSync(b).mtimeMs : 0)));
  return oldestBundle >= newestSource;
}

/** Held while one test process builds: test files run in parallel, and two builds must not write dist/ at once. */
const LOCK = join(REPO_ROOT, 'dist', '.build-lock');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (fresh()) return;
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test process is building; a lock left by a killed one is taken over after two minutes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    if (fresh()) return; // built by the process that held the lock
    const res = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`node scripts/build.mjs failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
    for (const b of BUNDLES) if (!existsSync(b)) throw new Error(`node scripts/build.mjs did not produce ${b}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
