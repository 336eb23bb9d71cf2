/**
 * Code actions: the engine's fixes for each of our diagnostics, as versioned TextDocumentEdits (a stale edit
 * fails instead of corrupting the draft), most severe diagnostic first, with one preferred fix: the preferred fix of
 * the most severe diagnostic. Clause insertion is heavy, so it is offered with `data` only and computed in
 * `codeAction/resolve`; its command then reveals the inserted clause. `source.fixAll.aiClauses` applies only fixes
 * marked safe, and only when the user opted in (`aiClauses.fixAll`). An explicit request (Ctrl+. or the Refactor
 * menu) also lists one "Insert missing clause…" action, which opens the clause picker.
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  Command,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node.js';
import type { Finding, Fix, TextEdit as EngineEdit } from '../engine/index.js';
import type { ServerContext } from './context.js';
import { findingKey, isOurDiagnostic, workspaceEdit } from './convert.js';
import { Commands } from './protocol.js';
import { isCancelledError } from './engine.js';
import { describeError } from './log.js';
import { cancellationError, guard } from './safe.js';
import type { AnalysisResult } from './store.js';

export const FIX_ALL_KIND = 'source.fixAll.aiClauses';
export const INSERT_CLAUSE_KIND = `${CodeActionKind.Refactor}.aiClauses.insertClause`;

/** What an unresolved clause-insertion action carries. */
export interface InsertClauseActionData {
  type: 'insertClause';
  uri: string;
  version: number;
  clause: string;
  variant?: string;
}

function isInsertClauseData(data: unknown): data is InsertClauseActionData {
  const d = data as Partial<InsertClauseActionData> | undefined;
  return !!d && d.type === 'insertClause' && typeof d.uri === 'string' && typeof d.clause === 'string';
}

/** True when `kind` is requested by `only` (hierarchical: `source` asks for `source.fixAll.aiClauses`). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function isDisableFix(fix: Fix): boolean {
  return fix.edits.some((e) => e.newText.includes('ai-clauses-disable'));
}

/** Is this fix the insertion of the finding's whole clause (heavy: resolved lazily)? */
function isClauseInsertion(finding: Finding, fix: Fix): boolean {
  return finding.rule === 'missing-clause' && !!finding.clause && !fix.command && !isDisableFix(fix) && fix.kind === 'quickfix';
}

function toKind(kind: Fix['kind']): string {
  return kind === 'refactor' ? CodeActionKind.Refactor : kind === 'source' ? CodeActionKind.Source : CodeActionKind.QuickFix;
}

function showDocCommand(ctx: ServerContext, title: string, rule: string): Command {
  const name = ctx.client.clientCommands.has(Commands.showRuleDocumentation) ? Commands.showRuleDocumentation : Commands.serverShowRuleDocumentation;
  return Command.create(title, name, rule);
}

/** Run after an inserted clause's edit: shows the clause (`window/showDocument` with a selection). */
function revealCommand(uri: string, clause: string): Command {
  return Command.create('Reveal the inserted clause', Commands.serverRevealClause, uri, clause);
}

function fixToAction(ctx: ServerContext, result: AnalysisResult, finding: Finding, fix: Fix, diagnostic: Diagnostic): CodeAction[] {
  const base = { title: fix.title, kind: toKind(fix.kind), diagnostics: [diagnostic], isPreferred: fix.preferred || undefined };
  if (fix.command) {
    return [{ ...base, kind: CodeActionKind.QuickFix, command: showDocCommand(ctx, fix.title, fix.command.rule) }];
  }
  if (isClauseInsertion(finding, fix)) {
    // Sent without its edit: `codeAction/resolve` computes it. The engine titles variant insertions "... (<variant>)".
    const entry = result.config.resolved.catalogue.clause(finding.clause!);
    const variant = entry?.variants?.find((v) => fix.title.endsWith(`(${v.title})`))?.id;
    const data: InsertClauseActionData = { type: 'insertClause', uri: result.uri, version: result.version, clause: finding.clause!, variant };
    // The command is sent now (clients resolve only the edit) and runs after the edit is applied.
    return [{ ...base, data, ...(ctx.client.showDocument ? { command: revealCommand(result.uri, finding.clause!) } : {}) }];
  }
  return [{ ...base, edit: workspaceEdit(result.uri, result.version, fix.edits, result.index, ctx.client) }];
}

function quickFixes(ctx: ServerContext, result: AnalysisResult, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const byKey = new Map<string, Finding>();
  for (const f of result.analysis.findings) byKey.set(findingKey(f), f);
  const snippets = ctx.client.snippetEdits;
  const allowDisable = result.config.settings.codeActions.disableComments;
  const actions: CodeAction[] = [];
  const seen = new Map<string, CodeAction>();
  for (const diagnostic of diagnostics) {
    if (!isOurDiagnostic(diagnostic)) continue;
    const keys = diagnostic.data.keys ?? [diagnostic.data.key];
    const finding = byKey.get(keys[0]);
    if (!finding) continue;
    let fixes = result.engine.fixesFor(result.analysis, finding, { snippets, disableComments: allowDisable });
    if (keys.length > 1) {
      // The summary of several missing clauses: its first clause's insertion (preferred) and documentation, and the
      // picker for the others.
      fixes = fixes.filter((f) => f.preferred || f.command);
      for (const action of insertMissingClauseAction(ctx, result)) actions.push({ ...action, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] });
    }
    for (const fix of fixes) {
      if (!allowDisable && isDisableFix(fix)) continue;
      for (const action of fixToAction(ctx, result, finding, fix, diagnostic)) {
        // The same action for several diagnostics (e.g. "Disable <rule> in this file") is listed once.
        const dedupe = `${action.title}\u0000${JSON.stringify(action.edit ?? action.command ?? action.data)}`;
        const earlier = seen.get(dedupe);
        if (earlier) {
          earlier.diagnostics?.push(diagnostic);
          continue;
        }
        seen.set(dedupe, action);
        actions.push(action);
      }
    }
  }
  return rankActions(actions);
}

/**
 * Fixes of the most severe diagnostics first (errors before warnings ...), preferred fixes first among equals; only
 * one fix, of the most severe diagnostic, is preferred, so that "auto fix" applies the fix of the most severe
 * problem (on "thirty (20) days" the number-words mismatch, an error, rather than the days rule).
 */
export function rankActions(actions: CodeAction[]): CodeAction[] {
  const severity = (a: CodeAction) => Math.min(...(a.diagnostics ?? []).map((d) => d.severity ?? 4), 5);
  const ranked = actions
    .map((action, i) => ({ action, i, severity: severity(action) }))
    .sort((a, b) => a.severity - b.severity || Number(!!b.action.isPreferred) - Number(!!a.action.isPreferred) || a.i - b.i)
    .map((r) => r.action);
  // One preferred fix, and it is for the most severe diagnostic: "auto fix" never applies a lesser fix while a more
  // severe problem is there. When the engine prefers none of that diagnostic's fixes, its first (most likely) fix
  // becomes the preferred one; for "thirty (20) days", making the digits match the words, which prevail in law.
  const first = ranked.find((a) => a.isPreferred);
  if (first && severity(first) !== severity(ranked[0])) {
    delete first.isPreferred;
    const top = ranked.find((a) => severity(a) === severity(ranked[0]) && (a.edit || a.data));
    if (top) top.isPreferred = true;
  }
  let seen = false;
  for (const action of ranked) {
    if (!action.isPreferred) continue;
    if (seen) delete action.isPreferred;
    seen = true;
  }
  return ranked;
}

/** One edit set of all safe fixes, skipping any that would overlap an earlier one. */
export function safeFixEdits(result: AnalysisResult): EngineEdit[] {
  const chosen: EngineEdit[] = [];
  // Two edits conflict when their spans overlap, or when both insert at the same offset (their order would be ambiguous).
  const conflict = (a: EngineEdit, b: EngineEdit) => (a.start < b.end && b.start < a.end) || (a.start === a.end && b.start === b.end && a.start === b.start);
  const overlaps = (e: EngineEdit) => chosen.some((c) => conflict(e, c));
  // Only rules that declare a safe fix are asked (clause insertions, the heavy fixes, never are).
  const catalogue = result.config.resolved.catalogue;
  const findings = result.analysis.findings.filter((f) => catalogue.rule(f.rule)?.safeFix).sort((a, b) => a.start - b.start);
  for (const finding of findings) {
    let fixes: Fix[];
    try {
      fixes = result.engine.fixesFor(result.analysis, finding, { snippets: false });
    } catch {
      continue;
    }
    const fix = fixes.find((f) => f.safe && !f.command && f.edits.length > 0 && !isDisableFix(f));
    if (!fix || fix.edits.some(overlaps)) continue;
    chosen.push(...fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.snippet ? (e.plain ?? e.newText) : e.newText })));
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function fixAllAction(ctx: ServerContext, result: AnalysisResult): CodeAction[] {
  if (!result.config.settings.fixAll) return [];
  const edits = safeFixEdits(result);
  if (!edits.length) return [];
  return [
    {
      title: 'Fix all safe ai-clauses problems',
      kind: FIX_ALL_KIND,
      edit: workspaceEdit(result.uri, result.version, edits, result.index, { ...ctx.client, snippetEdits: false }),
    },
  ];
}

/** One "Insert missing clause…" action (not one per missing clause): it opens the clause picker. */
export function insertMissingClauseAction(ctx: ServerContext, result: AnalysisResult): CodeAction[] {
  if (!result.analysis.applicability.isContract || !result.analysis.coverage.some((c) => c.status === 'missing')) return [];
  // VS Code opens its QuickPick (client command); other editors get the server's choice through showMessageRequest.
  const command = ctx.client.clientCommands.has(Commands.insertClause)
    ? Command.create('Insert missing clause…', Commands.insertClause, null, result.uri)
    : Command.create('Insert missing clause…', Commands.serverInsertClause, result.uri);
  return [{ title: 'Insert missing clause…', kind: INSERT_CLAUSE_KIND, command }];
}

export function registerCodeActions(ctx: ServerContext): void {
  const { connection, store, log } = ctx;

  connection.onCodeAction(
    guard(log, 'codeAction', [] as CodeAction[], async (params: CodeActionParams, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return [];
      const only = params.context.only;
      const actions: CodeAction[] = [];
      if (kindRequested(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(ctx, result, params.context.diagnostics));
      const explicit = params.context.triggerKind === CodeActionTriggerKind.Invoked;
      if (only ? kindRequested(only, INSERT_CLAUSE_KIND) && only.some((o) => o.startsWith('refactor')) : explicit) {
        actions.push(...insertMissingClauseAction(ctx, result));
      }
      if (only && kindRequested(only, FIX_ALL_KIND)) actions.push(...fixAllAction(ctx, result));
      return actions;
    }),
  );

  connection.onCodeActionResolve(async (action, token) => {
    try {
      if (!isInsertClauseData(action.data)) return action;
      const data = action.data;
      const result = await store.get(data.uri, token);
      if (!result) return action;
      const fix = result.engine.insertClauseFix(result.analysis, data.clause, { variant: data.variant, snippets: ctx.client.snippetEdits });
      if (fix) action.edit = workspaceEdit(result.uri, result.version, fix.edits, result.index, ctx.client);
      return action;
    } catch (error) {
      if (isCancelledError(error)) throw cancellationError(token);
      log.once(`codeActionResolve:${String(error)}`, 'error', `codeAction/resolve failed: ${describeError(error)}`);
      return action;
    }
  });
}
