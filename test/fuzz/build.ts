/**
 * Makes sure dist/*.cjs are built from the current sources: runs `node scripts/build.mjs` when a bundle is missing
 * or older than any file under server/src, server/catalogue, client/src or scripts/build.mjs. Tests that spawn the
 * server or read the bundles call this first, so they never test a stale build.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

export function ensureBuilt(): void {
  const sources = ['server/src', 'server/catalogue', 'client/src', 'scripts/build.mjs', 'package.json'].map((p) => newestMtime(join(REPO_ROOT, p)));
  const newestSource = Math.max(...sources);
  const oldestBundle = Math.min(...BUNDLES.map((b) => (existsSync(b) ? statSync(b).mtimeMs : 0)));
  if (oldestBundle >= newestSource) return;
  const res = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`node scripts/build.mjs failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  for (const b of BUNDLES) if (!existsSync(b)) throw new Error(`node scripts/build.mjs did not produce ${b}`);
}
