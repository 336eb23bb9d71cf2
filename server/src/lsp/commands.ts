/**
 * Server-side commands, for clients that do not implement them (any editor but VS Code):
 * `aiClauses.server.showRuleDocumentation` opens the rule's page through `window/showDocument`.
 */
import type { ServerContext } from './context.js';
import { ruleDocUrl } from './convert.js';
import { Commands } from './protocol.js';
import { guard } from './safe.js';

export const SERVER_COMMANDS = [Commands.serverShowRuleDocumentation];

export function registerCommands(ctx: ServerContext): void {
  const { connection, log, client } = ctx;
  connection.onExecuteCommand(
    guard(log, 'executeCommand', null, async (params) => {
      if (params.command !== Commands.serverShowRuleDocumentation) return null;
      const rule = String(params.arguments?.[0] ?? '');
      if (!/^[a-z0-9-]+$/.test(rule)) return null;
      const uri = ruleDocUrl(rule);
      if (client.showDocument) await connection.window.showDocument({ uri, takeFocus: true });
      else connection.window.showInformationMessage(`Documentation for ${rule}: ${uri}`);
      return null;
    }),
  );
}
