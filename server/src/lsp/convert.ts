/** Engine data → LSP types: severities, diagnostics, ranges, edits and workspace edits. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  TextDocumentEdit,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import type { Finding, LineIndex, Severity, TextEdit as EngineEdit } from '../engine/index.js';
import type { ClientFeatures } from './context.js';

export const SOURCE = 'ai-clauses';

export function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/** The folder holding the server bundle (dist/); the rule pages live in ../docs/rules. */
function serverDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.resolve('dist');
}

const docUrls = new Map<string, string>();

/** File URL of the rule's documentation page shipped with the extension (cached: every diagnostic carries one). */
export function ruleDocUrl(rule: string): string {
  let url = docUrls.get(rule);
  if (!url) docUrls.set(rule, (url = pathToFileURL(path.join(serverDir(), '..', 'docs', 'rules', `${rule}.md`)).href));
  return url;
}

/** Identifies a finding inside one analysis, so that code actions find it again from the diagnostic's `data`. */
export function findingKey(f: Finding): string {
  return [f.rule, f.clause ?? '', f.element ?? '', f.start, f.end].join('|');
}

export interface DiagnosticData {
  key: string;
  /** A summary diagnostic of several findings (grouped missing clauses): their keys, `key` being the first. */
  keys?: string[];
  /** The document version the diagnostic was computed for. */
  version: number;
}

export function isOurDiagnostic(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return d.source === SOURCE && !!data && typeof data.key === 'string';
}

/** `message` defaults to the finding's whole message; the server passes the brief one (see diagnosticsOf). */
export function toDiagnostic(f: Finding, index: LineIndex, version: number, message = f.message): Diagnostic {
  const diagnostic: Diagnostic = {
    range: index.range(f.start, f.end),
    severity: toSeverity(f.severity),
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule) },
    message,
    data: { key: findingKey(f), version } satisfies DiagnosticData,
  };
  if (f.rule === 'unused-definition') diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** A 3.18 SnippetTextEdit; the plain `newText` is kept too for clients that read it. */
export interface SnippetTextEditLike {
  range: Range;
  newText: string;
  insertTextFormat?: 2;
  snippet?: { kind: 'snippet'; value: string };
}

export function toTextEdit(edit: EngineEdit, index: LineIndex, snippets: boolean): TextEdit | SnippetTextEditLike {
  const range = index.range(edit.start, edit.end);
  if (edit.snippet && snippets) {
    return { range, newText: edit.newText, insertTextFormat: 2, snippet: { kind: 'snippet', value: edit.newText } };
  }
  return { range, newText: edit.snippet ? (edit.plain ?? edit.newText) : edit.newText };
}

/** A WorkspaceEdit for one document: versioned (stale edits fail) when the client supports `documentChanges`. */
export function workspaceEdit(
  uri: string,
  version: number,
  edits: readonly EngineEdit[],
  index: LineIndex,
  client: ClientFeatures,
): WorkspaceEdit {
  const snippets = client.snippetEdits;
  const lspEdits = [...edits].sort((a, b) => a.start - b.start).map((e) => toTextEdit(e, index, snippets));
  if (client.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri, version }, lspEdits as TextEdit[])] };
  }
  return { changes: { [uri]: lspEdits as TextEdit[] } };
}
