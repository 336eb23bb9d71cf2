/**
 * Server-side commands. For clients that do not implement them (any editor but VS Code):
 * `aiClauses.server.showRuleDocumentation` opens the rule's page through `window/showDocument`;
 * `aiClauses.server.insertClause` asks which missing clause to insert (`window/showMessageRequest`) and applies it.
 * For every client: `aiClauses.server.revealClause` shows a clause of a draft (`window/showDocument` with a
 * selection); the clause-insertion quick fixes run it after their edit, so the inserted text is in sight.
 */
import type { Range } from 'vscode-languageserver/node.js';
import type { ServerContext } from './context.js';
import { ruleDocUrl, workspaceEdit } from './convert.js';
import { Commands } from './protocol.js';
import { guard } from './safe.js';

export const SERVER_COMMANDS = [Commands.serverShowRuleDocumentation, Commands.serverInsertClause, Commands.serverRevealClause];

/** Where a clause is in the current version of a draft: the start of its section, as a collapsed selection. */
async function clauseRange(ctx: ServerContext, uri: string, clause: string): Promise<Range | undefined> {
  const result = await ctx.store.get(uri);
  const span = result?.analysis.coverage.find((c) => c.clause === clause)?.span;
  if (!result || !span) return undefined;
  return result.index.range(span.start, span.start);
}

export async function revealClause(ctx: ServerContext, uri: string, clause: string): Promise<boolean> {
  if (!ctx.client.showDocument) return false;
  const selection = await clauseRange(ctx, uri, clause);
  if (!selection) return false;
  const shown = await ctx.connection.window.showDocument({ uri, takeFocus: true, selection });
  return shown.success;
}

async function insertClause(ctx: ServerContext, uri: string): Promise<boolean> {
  const result = await ctx.store.get(uri);
  if (!result) return false;
  const missing = result.analysis.coverage.filter((c) => c.status === 'missing');
  if (!missing.length) {
    ctx.connection.window.showInformationMessage('No catalogue clause is missing from this draft.');
    return false;
  }
  const picked = await ctx.connection.window.showInformationMessage('Insert which missing clause?', ...missing.map((c) => ({ title: c.title, clause: c.clause })));
  if (!picked) return false;
  const current = await ctx.store.get(uri);
  if (!current) return false;
  const fix = current.engine.insertClauseFix(current.analysis, picked.clause, { snippets: false });
  if (!fix) return false;
  const applied = await ctx.connection.workspace.applyEdit({
    label: fix.title,
    edit: workspaceEdit(current.uri, current.version, fix.edits, current.index, { ...ctx.client, snippetEdits: false }),
  });
  if (!applied.applied) return false;
  await revealClause(ctx, uri, picked.clause);
  return true;
}

export function registerCommands(ctx: ServerContext): void {
  const { connection, log, client } = ctx;
  connection.onExecuteCommand(
    guard(log, 'executeCommand', null as boolean | null, async (params) => {
      const args = params.arguments ?? [];
      switch (params.command) {
        case Commands.serverShowRuleDocumentation: {
          const rule = String(args[0] ?? '');
          if (!/^[a-z0-9-]+$/.test(rule)) return null;
          const uri = ruleDocUrl(rule);
          if (client.showDocument) await connection.window.showDocument({ uri, takeFocus: true });
          else connection.window.showInformationMessage(`Documentation for ${rule}: ${uri}`);
          return null;
        }
        case Commands.serverInsertClause:
          return typeof args[0] === 'string' ? insertClause(ctx, args[0]) : false;
        case Commands.serverRevealClause:
          return typeof args[0] === 'string' && typeof args[1] === 'string' ? revealClause(ctx, args[0], args[1]) : false;
        default:
          return null;
      }
    }),
  );
}
