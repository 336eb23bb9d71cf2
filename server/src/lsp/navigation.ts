/**
 * Navigation: the outline (sections, with the clauses detected in each and the terms they define), go to
 * definition and find references for defined terms and cross-references, and renaming a defined term everywhere.
 */
import {
  ResponseError,
  ErrorCodes,
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import type { Section } from '../engine/index.js';
import type { ServerContext } from './context.js';
import { workspaceEdit } from './convert.js';
import { guard } from './safe.js';
import type { AnalysisResult } from './store.js';
import { crossReferenceAt, sectionLabel, sectionTitleAt, termAt, termOccurrences, uniqueDefinitions, validateNewTermName } from './terms.js';

function sectionKind(section: Section): SymbolKind {
  if (section.kind === 'heading') return section.level <= 1 ? SymbolKind.Module : SymbolKind.Namespace;
  return section.kind === 'list-item' ? SymbolKind.EnumMember : SymbolKind.Field;
}

/** End of a span with trailing white space removed, so that outline ranges end on the last word. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * End of a section's outline range: the end of its last line, blank lines included (only the line break before the
 * next section is left out). VS Code shows the breadcrumb of the first outline provider whose symbols enclose the
 * cursor and falls back to the next one (its own Markdown outline) where none does: with ranges trimmed to the last
 * word, the breadcrumb switched to the other outline on blank lines and at the end of the draft, where one types.
 */
function sectionEnd(text: string, start: number, end: number): number {
  // The last section keeps the empty line after the draft's final line break: the cursor is there when appending.
  if (end >= text.length) return text.length;
  let e = end;
  if (e > start && text[e - 1] === '\n') e--;
  if (e > start && text[e - 1] === '\r') e--;
  return e;
}

export function documentSymbols(result: AnalysisResult): DocumentSymbol[] {
  const { analysis, index } = result;
  const { model, coverage, text } = analysis;
  const sections = model.sections;
  const symbols: DocumentSymbol[] = sections.map((s) => {
    const end = Math.max(sectionEnd(text, s.start, s.end), s.titleEnd);
    const range = index.range(s.start, end);
    const selStart = Math.max(s.titleStart, s.start);
    const selEnd = Math.min(Math.max(s.titleEnd, selStart), end);
    return {
      name: sectionLabel(s),
      kind: sectionKind(s),
      range,
      selectionRange: index.range(selStart, selEnd),
      children: [],
    };
  });
  // Innermost section containing an offset.
  const innermost = (offset: number): number | undefined => {
    let best: number | undefined;
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i];
      if (s.start <= offset && offset < s.end && (best === undefined || s.start >= sections[best].start)) best = i;
    }
    return best;
  };
  const clauseTitles = new Map<number, string[]>();
  for (const c of coverage) {
    if ((c.status !== 'present' && c.status !== 'incomplete') || !c.span) continue;
    const at = innermost(c.span.start);
    if (at === undefined) continue;
    const list = clauseTitles.get(at) ?? [];
    list.push(c.status === 'incomplete' ? `${c.title} (incomplete)` : c.title);
    clauseTitles.set(at, list);
  }
  for (const [i, titles] of clauseTitles) symbols[i].detail = titles.join(', ');
  for (const d of uniqueDefinitions(model)) {
    const at = innermost(d.start);
    if (at === undefined) continue;
    const s = sections[at];
    const start = Math.max(d.sentenceStart, s.start);
    const end = Math.min(Math.max(d.sentenceEnd, d.end), trimEnd(text, s.start, s.end));
    if (!(start <= d.start && d.end <= end)) continue;
    symbols[at].children!.push({
      name: d.term,
      detail: 'defined term',
      kind: SymbolKind.Constant,
      range: index.range(start, end),
      selectionRange: index.range(d.start, d.end),
    });
  }
  const roots: DocumentSymbol[] = [];
  sections.forEach((s, i) => {
    const parent = s.parent !== undefined ? symbols[s.parent] : undefined;
    if (parent && s.parent !== i) parent.children!.push(symbols[i]);
    else roots.push(symbols[i]);
  });
  const sortChildren = (list: DocumentSymbol[]) => {
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const s of list) if (s.children?.length) sortChildren(s.children);
  };
  sortChildren(roots);
  return roots;
}

function flatten(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container },
    ...flatten(uri, s.children ?? [], s.name),
  ]);
}

function locationsOfSection(result: AnalysisResult, sectionIndex: number, includeDeclaration: boolean): Location[] {
  const { analysis, index, uri } = result;
  const section = analysis.model.sections[sectionIndex];
  const out: Location[] = [];
  if (includeDeclaration && section) out.push({ uri, range: index.range(section.titleStart, section.titleEnd) });
  for (const ref of analysis.model.crossReferences) {
    if (ref.resolved === sectionIndex) out.push({ uri, range: index.range(ref.start, ref.end) });
  }
  return out;
}

export function registerNavigation(ctx: ServerContext): void {
  const { connection, store, log, client } = ctx;

  connection.onDocumentSymbol(
    guard(log, 'documentSymbol', [] as DocumentSymbol[], async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return [];
      const symbols = documentSymbols(result);
      return client.hierarchicalSymbols ? symbols : flatten(result.uri, symbols);
    }),
  );

  connection.onDefinition(
    guard(log, 'definition', null, async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return null;
      const offset = result.index.offsetAt(params.position);
      const { model } = result.analysis;
      const ref = crossReferenceAt(model, offset);
      if (ref) {
        if (ref.resolved === undefined) return null;
        const target = model.sections[ref.resolved];
        return target ? { uri: result.uri, range: result.index.range(target.titleStart, target.titleEnd) } : null;
      }
      const term = termAt(result, offset);
      if (term) return { uri: result.uri, range: result.index.range(term.definition.start, term.definition.end) };
      return null;
    }),
  );

  connection.onReferences(
    guard(log, 'references', [] as Location[], async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return [];
      const offset = result.index.offsetAt(params.position);
      const { model } = result.analysis;
      const includeDeclaration = params.context.includeDeclaration;
      const term = termAt(result, offset);
      if (term) {
        return termOccurrences(result, term.term)
          .filter((o) => includeDeclaration || o.start !== term.definition.start)
          .map((o) => ({ uri: result.uri, range: result.index.range(o.start, o.end) }));
      }
      const ref = crossReferenceAt(model, offset);
      if (ref?.resolved !== undefined) return locationsOfSection(result, ref.resolved, includeDeclaration);
      const section = sectionTitleAt(model, offset);
      if (section) return locationsOfSection(result, section.index, includeDeclaration);
      return [];
    }),
  );

  connection.onPrepareRename(
    guard(log, 'prepareRename', null, async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return null;
      const term = termAt(result, result.index.offsetAt(params.position));
      if (!term) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only a defined term can be renamed here.');
      return { range: result.index.range(term.start, term.end), placeholder: term.term };
    }),
  );

  connection.onRenameRequest(
    guard(log, 'rename', null as WorkspaceEdit | null, async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return null;
      const term = termAt(result, result.index.offsetAt(params.position));
      if (!term) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only a defined term can be renamed here.');
      const problem = validateNewTermName(result.analysis.model, term.term, params.newName);
      if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
      const newName = params.newName.trim();
      const edits = termOccurrences(result, term.term).map((o) => ({ start: o.start, end: o.end, newText: newName }));
      return workspaceEdit(result.uri, result.version, edits, result.index, { ...client, snippetEdits: false });
    }),
  );
}
