/**
 * The ai-clauses language server. Transports follow vscode-languageserver's conventions: `--stdio`, `--node-ipc`
 * (what the VS Code client uses), `--socket=<port>` or `--pipe=<name>`; with none of them it speaks over stdio.
 *
 *   npx ai-clauses-server --stdio
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer, SERVER_VERSION } from './lsp/server.js';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help')) {
  process.stdout.write('Usage: ai-clauses-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]\n');
  process.exit(0);
}

const hasTransport = args.some((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a));
const connection = hasTransport ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

process.on('uncaughtException', (error) => {
  try {
    connection.console.error(`[ai-clauses] uncaught exception: ${error?.stack ?? String(error)}`);
  } catch {
    process.stderr.write(`[ai-clauses] uncaught exception: ${String(error)}\n`);
  }
});
process.on('unhandledRejection', (reason) => {
  try {
    connection.console.error(`[ai-clauses] unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  } catch {
    process.stderr.write(`[ai-clauses] unhandled rejection: ${String(reason)}\n`);
  }
});

startServer(connection);
connection.listen();
