// @ts-check
// `npm start` (after scripts/start.sh has built and installed): runs the extension from source in a real VS Code
// (code-server) on 127.0.0.1 with a fresh copy of examples/ open, prints the address, and stays in the foreground
// until Ctrl+C. AI_CLAUSES_PORT picks the port (default 8080, or a free one when 8080 is taken).
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CS_VERSION, ROOT, copyTree, freePort, makeRunDir, startCodeServer, workbenchUrl } from '../../test/e2e/lib/code-server.mjs';

/** @param {number} port */
function isFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

const wanted = Number(process.env.AI_CLAUSES_PORT || 8080);
const port = (await isFree(wanted)) ? wanted : await freePort();

const run = makeRunDir('start');
const examples = path.join(run.dir, 'examples');
copyTree(path.join(ROOT, 'examples'), examples);
const server = await startCodeServer(run, { port });
const url = workbenchUrl({ host: server.host, folder: examples, devPath: ROOT });

console.log(`
  AI Clauses is running in VS Code (code-server ${CS_VERSION}, VS Code's own server and web workbench).

  Open this address in a browser on this machine:

    ${url}

  The workspace is a scratch copy of examples/ (${examples}); edits there do not touch the repository.
  Open gappy-ai-licence.md or vague-ai-licence.md: findings show as squiggles and in the Problems panel (Ctrl+Shift+M),
  hover for the explanation, Ctrl+. for quick fixes, "AI Clause Coverage" in the Explorer for the clause checklist.
  code-server log: ${run.log}

  Press Ctrl+C to stop.
`);

let stopping = false;
async function stop(/** @type {string} */ why) {
  if (stopping) return;
  stopping = true;
  console.log(`\n  ${why}: stopping code-server ...`);
  await server.stop();
  fs.rmSync(run.dir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop('Ctrl+C'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// Stay in the foreground until a signal arrives (the server's pipes keep the event loop alive).
