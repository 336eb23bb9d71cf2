/**
 * How the language server process is started (server/src/lsp/launch.ts): the VS Code client, the LSP tests and the
 * benchmark all pass these Node options.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serverNodeOptions } from '../../server/src/lsp/launch.js';

test('the V8 pool leaves a core to the server thread, never more threads than Node’s default, at least one', () => {
  assert.deepEqual(serverNodeOptions(1), ['--v8-pool-size=1']);
  assert.deepEqual(serverNodeOptions(2), ['--v8-pool-size=1']);
  assert.deepEqual(serverNodeOptions(3), ['--v8-pool-size=2']);
  assert.deepEqual(serverNodeOptions(5), ['--v8-pool-size=4']);
  assert.deepEqual(serverNodeOptions(64), ['--v8-pool-size=4']);
  assert.match(serverNodeOptions().join(' '), /^--v8-pool-size=[1-4]$/);
});

test('this Node accepts the options (a server started with an option Node rejects would never start)', () => {
  const run = spawnSync(process.execPath, [...serverNodeOptions(), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'ok');
});
