/**
 * Completion: clause snippets at the start of a line (missing clauses first, "why it matters" as documentation),
 * defined terms inside prose (after a capital letter or an opening quote), and section numbers after "Section " /
 * "Clause " / "Article " (with the section's title as detail).
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver/node.js';
import type { ClauseEntry, TextEdit as EngineEdit } from '../engine/index.js';
import type { ServerContext } from './context.js';
import { guard } from './safe.js';
import type { AnalysisResult } from './store.js';
import { sectionLabel, uniqueDefinitions } from './terms.js';

export const TRIGGER_CHARACTERS = ['"', '“', ' '];

const SECTION_REF = /\b(?:Sections?|Clauses?|Articles?|Schedules?)\s+([0-9A-Za-z.()]*)$/;
const LINE_START = /^[ \t]*([\p{L}\p{N}]*)$/u;
/** The word being typed, and the character before it. */
const CURRENT_WORD = /(^|[^\p{L}\p{N}_'’-])([\p{L}\p{N}_'’-]*)$/u;

type Context =
  | { kind: 'section'; typed: string }
  | { kind: 'clause'; typed: string }
  | { kind: 'term'; linePrefix: string }
  | { kind: 'none' };

/** What the user is typing, from the text of the line before the cursor. */
export function completionContext(linePrefix: string): Context {
  const section = SECTION_REF.exec(linePrefix);
  if (section) return { kind: 'section', typed: section[1] };
  const lineStart = LINE_START.exec(linePrefix);
  if (lineStart) return { kind: 'clause', typed: lineStart[1] };
  const word = CURRENT_WORD.exec(linePrefix);
  if (word && (/^\p{Lu}/u.test(word[2]) || (word[2] === '' && /["“]/.test(word[1])))) return { kind: 'term', linePrefix };
  return { kind: 'none' };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** The clause text to insert at the cursor: the engine's insertion (numbered, draft names) or the rendered model. */
function clauseText(result: AnalysisResult, entry: ClauseEntry, snippet: boolean): string {
  try {
    const fix = result.engine.insertClauseFix(result.analysis, entry.id, { snippets: snippet });
    let main: EngineEdit | undefined;
    for (const e of fix?.edits ?? []) if (!main || e.newText.length > main.newText.length) main = e;
    if (main) {
      const text = snippet && !main.snippet ? escapeSnippet(main.newText) : !snippet && main.snippet ? (main.plain ?? main.newText) : main.newText;
      if (text.trim()) return text.replace(/^\s*\n/, '').trimEnd() + '\n';
    }
  } catch {
    // Fall back to the catalogue's model text below.
  }
  // The engine's renderer (the same as the quick fixes'): the draft's names, verb, spelling and terms.
  const rendered = result.engine.renderForDraft(result.analysis, `${entry.model.heading}\n\n${entry.model.text}`);
  return `${snippet ? rendered.snippet : rendered.plain}\n`;
}

function clauseItems(result: AnalysisResult, position: Position, typed: string, snippets: boolean): CompletionItem[] {
  const memoKey = `clause-items:${snippets}`;
  let items = result.memo.get(memoKey) as CompletionItem[] | undefined;
  if (!items) {
    const catalogue = result.config.resolved.catalogue;
    const status = new Map(result.analysis.coverage.map((c) => [c.clause, c.status]));
    const rank: Record<string, number> = { missing: 0, incomplete: 1, present: 2, 'not-applicable': 3 };
    items = catalogue.clauses.map((entry) => {
      const st = status.get(entry.id) ?? 'not-applicable';
      const text = clauseText(result, entry, snippets);
      const preview = clauseText(result, entry, false);
      return {
        label: entry.title,
        kind: CompletionItemKind.Snippet,
        detail: st === 'missing' ? 'AI clause — missing from this draft' : `AI clause — ${st}`,
        documentation: {
          kind: MarkupKind.Markdown,
          value: `**Why it matters:** ${entry.why}\n\n---\n\n${preview.length > 2000 ? preview.slice(0, 2000) + ' …' : preview}`,
        },
        insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: `${rank[st] ?? 4}-${entry.importance === 'high' ? 0 : entry.importance === 'medium' ? 1 : 2}-${entry.title}`,
        filterText: `${entry.title} ${entry.id}`,
        data: { clause: entry.id, status: st },
        insertText: text,
      } satisfies CompletionItem;
    });
    result.memo.set(memoKey, items);
  }
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return items.map((item) => ({ ...item, textEdit: { range, newText: item.insertText! }, insertText: undefined }));
}

/** How much of the line before the cursor a completed term replaces: the longest typed start of the term. */
export function typedPartOfTerm(linePrefix: string, term: string): number {
  for (let n = Math.min(term.length, linePrefix.length); n > 0; n--) {
    if (!linePrefix.endsWith(term.slice(0, n))) continue;
    const before = linePrefix.charAt(linePrefix.length - n - 1);
    if (before === '' || !/[\p{L}\p{N}_]/u.test(before)) return n;
  }
  return 0;
}

function termItems(result: AnalysisResult, position: Position, linePrefix: string): CompletionItem[] {
  const word = CURRENT_WORD.exec(linePrefix)?.[2] ?? '';
  return uniqueDefinitions(result.analysis.model).map((d) => {
    const typed = Math.max(typedPartOfTerm(linePrefix, d.term), word.length);
    const range = { start: { line: position.line, character: position.character - typed }, end: position };
    return {
      label: d.term,
      kind: CompletionItemKind.Constant,
      detail: 'Defined term',
      documentation: {
        kind: MarkupKind.Markdown,
        value: result.analysis.text.slice(d.sentenceStart, Math.min(d.sentenceEnd, d.sentenceStart + 600)),
      },
      textEdit: { range, newText: d.term },
      sortText: `0-${d.term}`,
    };
  });
}

function sectionItems(result: AnalysisResult, position: Position, typed: string): CompletionItem[] {
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const seen = new Set<string>();
  return result.analysis.model.sections
    .filter((s) => s.number && !seen.has(s.number) && seen.add(s.number))
    .map((s, i) => ({
      label: s.number!,
      kind: CompletionItemKind.Reference,
      detail: sectionLabel(s),
      textEdit: { range, newText: s.number! },
      filterText: s.number!,
      sortText: String(i).padStart(5, '0'),
    }));
}

export function registerCompletion(ctx: ServerContext): void {
  const { connection, store, documents, log, client } = ctx;
  connection.onCompletion(
    guard(log, 'completion', null as CompletionList | null, async (params, token) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const linePrefix = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      const context = completionContext(linePrefix);
      if (context.kind === 'none') return null;
      // A space only matters after "Section"; elsewhere do not analyse at all.
      if (params.context?.triggerCharacter === ' ' && context.kind !== 'section') return null;
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return null;
      // Outside contracts only a (nearly) empty document gets clause snippets: a README should not fill with them.
      const startingDraft = context.kind === 'clause' && result.analysis.text.replace(/\s+/g, '').length < 200;
      if (!result.analysis.applicability.isContract && !startingDraft) return null;
      let items: CompletionItem[] = [];
      if (context.kind === 'section') items = sectionItems(result, params.position, context.typed);
      else if (context.kind === 'clause') items = clauseItems(result, params.position, context.typed, client.completionSnippets);
      else if (context.kind === 'term') items = termItems(result, params.position, context.linePrefix);
      return { isIncomplete: false, items };
    }),
  );
}
