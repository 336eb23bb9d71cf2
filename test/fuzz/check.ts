/**
 * Invariants the engine must keep on any input, checked by the fuzz test, `npm run fuzz` and the adversarial tests.
 * Each check returns a list of problems (empty = fine) instead of throwing, so a run can report many at once.
 */

import { analyzeText, applyEdits, fixesFor, LineIndex, type DocumentAnalysis, type Fix, type ResolvedConfig } from '../../server/src/engine/index.js';
import { isDeepStrictEqual } from 'node:util';
import { splitChunks } from '../../server/src/engine/chunks.js';
import { parseChunk } from '../../server/src/engine/parse.js';
import { RunMatcher, WordIndex, type PhraseSet } from '../../server/src/engine/phrases.js';
import { defaultConfig } from '../../server/src/engine/config.js';
import { planChunk } from '../../server/src/engine/plain-blocks.js';
import type { LspDiagnostic, LspRange } from './lsp-driver.js';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

export interface CheckStats {
  findings: number;
  fixes: number;
  edits: number;
}

function isOffset(x: unknown, len: number): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= len;
}

/** Checks one fix's edits against `text`; applies it and checks every byte outside the edits is unchanged. */
export function checkFix(text: string, fix: Fix, where: string): string[] {
  const problems: string[] = [];
  if (typeof fix.title !== 'string' || fix.title.length === 0) problems.push(`${where}: fix without a title`);
  if (!Array.isArray(fix.edits)) return [...problems, `${where}: fix "${fix.title}" has no edits array`];
  if (fix.edits.length === 0 && !fix.command) problems.push(`${where}: fix "${fix.title}" has neither edits nor a command`);
  let previousEnd = -1;
  let previousStart = -1;
  for (const [k, e] of fix.edits.entries()) {
    const w = `${where}: fix "${fix.title}" edit ${k} [${e.start}, ${e.end})`;
    if (!isOffset(e.start, text.length) || !isOffset(e.end, text.length)) {
      problems.push(`${w} lies outside the document (length ${text.length})`);
      continue;
    }
    if (e.start > e.end) problems.push(`${w} has start > end`);
    if (typeof e.newText !== 'string') problems.push(`${w} has no newText`);
    if (e.snippet && typeof e.plain !== 'string') problems.push(`${w} is a snippet without a plain text`);
    if (e.start < previousStart) problems.push(`${w} is not sorted (previous started at ${previousStart})`);
    if (e.start < previousEnd) problems.push(`${w} overlaps the previous edit (which ends at ${previousEnd})`);
    // Two edits may not both replace text at the same point, nor split a surrogate pair or a CRLF.
    if (isInsideSurrogatePair(text, e.start) || isInsideSurrogatePair(text, e.end)) problems.push(`${w} splits a surrogate pair`);
    previousStart = e.start;
    previousEnd = Math.max(previousEnd, e.end);
  }
  if (problems.length) return problems;
  let applied: string;
  try {
    applied = applyEdits(text, fix.edits);
  } catch (err) {
    return [`${where}: applyEdits threw on fix "${fix.title}": ${(err as Error).message}`];
  }
  // Independent reconstruction: every byte outside the edit spans must be identical, in order.
  let cursor = 0;
  let out = 0;
  for (const e of fix.edits) {
    const keep = text.slice(cursor, e.start);
    if (applied.slice(out, out + keep.length) !== keep) {
      problems.push(`${where}: fix "${fix.title}" changed text outside its edits, between ${cursor} and ${e.start}`);
      return problems;
    }
    out += keep.length;
    const inserted = e.snippet ? (e.plain ?? e.newText) : e.newText;
    if (applied.slice(out, out + inserted.length) !== inserted) {
      problems.push(`${where}: fix "${fix.title}" did not insert its newText at ${e.start}`);
      return problems;
    }
    out += inserted.length;
    cursor = e.end;
  }
  if (applied.slice(out) !== text.slice(cursor)) problems.push(`${where}: fix "${fix.title}" changed the text after its last edit`);
  return problems;
}

function isInsideSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Checks the analysis of `text`: finding spans, fields, and every fix of every finding. */
export function checkAnalysis(text: string, analysis: DocumentAnalysis, where: string, stats?: CheckStats, withFixes = true): string[] {
  const problems: string[] = [];
  if (analysis.text !== text) problems.push(`${where}: analysis.text differs from the input`);
  if (!Array.isArray(analysis.findings)) return [`${where}: findings is not an array`];
  const index = new LineIndex(text);
  for (const [k, f] of analysis.findings.entries()) {
    const w = `${where}: finding ${k} (${f.rule}) [${f.start}, ${f.end})`;
    if (typeof f.rule !== 'string' || !/^[a-z][a-z0-9-]*$/.test(f.rule)) problems.push(`${w}: bad rule id`);
    if (!SEVERITIES.has(f.severity)) problems.push(`${w}: bad severity ${String(f.severity)}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') problems.push(`${w}: empty message`);
    if (!isOffset(f.start, text.length) || !isOffset(f.end, text.length)) {
      problems.push(`${w}: outside the document (length ${text.length})`);
      continue;
    }
    if (f.start > f.end) problems.push(`${w}: start > end`);
    // The LSP range must map back to the same offsets (except inside a CRLF pair, which has no position).
    const r = index.range(f.start, f.end);
    for (const off of [f.start, f.end]) {
      const back = index.offsetAt(index.positionAt(off));
      const betweenCrLf = off > 0 && text.charCodeAt(off - 1) === 13 && text.charCodeAt(off) === 10;
      if (back !== off && !betweenCrLf) problems.push(`${w}: offset ${off} does not survive positionAt/offsetAt (got ${back})`);
    }
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) problems.push(`${w}: inverted range`);
    if (stats) stats.findings++;
    if (!withFixes) continue;
    let fixes: Fix[];
    try {
      fixes = fixesFor(analysis, f);
    } catch (err) {
      problems.push(`${w}: fixesFor threw: ${(err as Error).stack ?? err}`);
      continue;
    }
    if (!Array.isArray(fixes)) {
      problems.push(`${w}: fixesFor did not return an array`);
      continue;
    }
    for (const fix of fixes) {
      if (stats) {
        stats.fixes++;
        stats.edits += fix.edits?.length ?? 0;
      }
      problems.push(...checkFix(text, fix, w));
    }
  }
  for (const c of analysis.coverage ?? []) {
    if (c.span && (!isOffset(c.span.start, text.length) || !isOffset(c.span.end, text.length) || c.span.start > c.span.end)) {
      problems.push(`${where}: coverage ${c.clause} span [${c.span.start}, ${c.span.end}) outside the document`);
    }
  }
  for (const s of analysis.model?.sections ?? []) {
    if (!isOffset(s.start, text.length) || !isOffset(s.end, text.length) || s.start > s.end) problems.push(`${where}: section ${s.index} [${s.start}, ${s.end}) outside the document`);
  }
  for (const d of analysis.model?.definitions ?? []) {
    if (!isOffset(d.start, text.length) || !isOffset(d.end, text.length) || d.start > d.end) problems.push(`${where}: definition ${d.term} [${d.start}, ${d.end}) outside the document`);
  }
  return problems;
}

/** analyzeText + checkAnalysis; an exception is a problem too. */
export function checkText(text: string, where: string, config?: ResolvedConfig, stats?: CheckStats, withFixes = true): string[] {
  let analysis: DocumentAnalysis;
  try {
    analysis = analyzeText(text, config);
  } catch (err) {
    return [`${where}: analyzeText threw: ${(err as Error).stack ?? err}`];
  }
  if (analysis.ruleErrors?.length) {
    return [`${where}: rules threw: ${analysis.ruleErrors.map((e) => `${e.rule}: ${e.message}`).join('; ')}`];
  }
  return checkAnalysis(text, analysis, where, stats, withFixes);
}

/**
 * The plain-block scanner must be invisible: for every chunk of `text`, the facts parsed with it equal the facts parsed
 * by remark-parse alone. Returns one problem per differing chunk, naming the first differing fact.
 */
export function checkPlainScanner(text: string, where: string): string[] {
  const problems: string[] = [];
  for (const span of splitChunks(text)) {
    const chunk = text.slice(span.start, span.end);
    const scanned = parseChunk(chunk);
    const remarkOnly = parseChunk(chunk, { plainScanner: false });
    if (isDeepStrictEqual(scanned, remarkOnly)) continue;
    const fact = (Object.keys(scanned) as (keyof typeof scanned)[]).find((k) => !isDeepStrictEqual(scanned[k], remarkOnly[k]));
    problems.push(`${where}: the plain scanner and remark-parse disagree on "${String(fact)}" for the chunk at ${span.start}: ${JSON.stringify(chunk.slice(0, 120))}`);
  }
  return problems;
}

/**
 * Scanning run by run must find exactly what scanning the whole text finds. For every chunk's prose mask: a new
 * matcher (the whole mask scanned, its matches filed by run); the same mask after an insertion in its middle (known
 * runs reused, the changed one scanned); and a matcher that knows only the last run (every other run scanned alone).
 */
export function checkRunMatcher(text: string, where: string, set: PhraseSet = defaultConfig().catalogue.phraseSet()): string[] {
  const problems: string[] = [];
  const whole = (t: string) => set.matches(new WordIndex(t));
  for (const span of splitChunks(text)) {
    const mask = parseChunk(text.slice(span.start, span.end)).mask;
    const middle = mask.length >> 1;
    const edited = `${mask.slice(0, middle)}e ${mask.slice(middle)}`;
    const lastRun = mask.slice(lastRunStart(mask));
    const fresh = new RunMatcher(set);
    const primed = new RunMatcher(set);
    primed.matches(lastRun);
    const cases: [string, () => unknown, string][] = [
      ['a new chunk', () => fresh.matches(mask), mask],
      ['an edited chunk', () => fresh.matches(edited), edited],
      ['runs scanned one by one', () => primed.matches(mask), mask],
    ];
    for (const [name, run, t] of cases) {
      if (!isDeepStrictEqual(run(), whole(t))) problems.push(`${where}: run-by-run matches differ from whole-text matches (${name}) in the chunk at ${span.start}: ${JSON.stringify(t.slice(0, 120))}`);
    }
  }
  return problems;
}

function lastRunStart(mask: string): number {
  const m = /\n[^\S\n]*\n(?![^]*\n[^\S\n]*\n)/.exec(mask);
  return m ? m.index + 1 : 0;
}

/** Line lengths of `text` as an LSP client counts lines (\n, \r\n and lone \r end a line). */
export function lspLineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export function checkLspRange(lines: number[], r: LspRange | undefined, where: string): string[] {
  if (!r || !r.start || !r.end) return [`${where}: no range`];
  const problems: string[] = [];
  for (const [name, p] of [['start', r.start], ['end', r.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) problems.push(`${where}: bad ${name} ${JSON.stringify(p)}`);
    else if (p.line >= lines.length) problems.push(`${where}: ${name} line ${p.line} beyond the last line ${lines.length - 1}`);
    else if (p.character > lines[p.line]) problems.push(`${where}: ${name} character ${p.character} beyond line ${p.line}'s length ${lines[p.line]}`);
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) problems.push(`${where}: inverted range`);
  return problems;
}

export function checkLspDiagnostics(text: string, diags: LspDiagnostic[], where: string): string[] {
  const lines = lspLineLengths(text);
  const problems: string[] = [];
  if (!Array.isArray(diags)) return [`${where}: diagnostics is not an array`];
  for (const [k, d] of diags.entries()) {
    problems.push(...checkLspRange(lines, d.range, `${where} diagnostic ${k} (${String(d.code)})`));
    if (typeof d.message !== 'string' || d.message === '') problems.push(`${where} diagnostic ${k}: empty message`);
    if (d.source !== 'ai-clauses') problems.push(`${where} diagnostic ${k}: source ${String(d.source)}`);
  }
  return problems;
}

/** Checks code actions returned by the server: every text edit of the document is inside it and non-overlapping. */
export function checkLspCodeActions(text: string, uri: string, actions: any[], where: string): string[] {
  if (actions === null) return [];
  if (!Array.isArray(actions)) return [`${where}: codeAction result is not an array`];
  const lines = lspLineLengths(text);
  const problems: string[] = [];
  for (const [k, a] of actions.entries()) {
    const w = `${where} action ${k} "${a?.title}"`;
    if (typeof a?.title !== 'string') problems.push(`${w}: no title`);
    const edits: any[] = [];
    if (a?.edit?.changes) for (const [u, es] of Object.entries<any[]>(a.edit.changes)) if (u === uri) edits.push(...es);
    if (a?.edit?.documentChanges) for (const dc of a.edit.documentChanges) if (dc?.textDocument?.uri === uri) edits.push(...(dc.edits ?? []));
    for (const e of edits) problems.push(...checkLspRange(lines, e.range, `${w} edit`));
    const sorted = [...edits].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    for (let i = 1; i < sorted.length; i++) {
      const p = sorted[i - 1].range.end;
      const s = sorted[i].range.start;
      if (s.line < p.line || (s.line === p.line && s.character < p.character)) problems.push(`${w}: overlapping edits`);
    }
  }
  return problems;
}

/** Bytes of the chunk read by the scanner. */
export function scannedBytes(chunk: string): number {
  let n = 0;
  for (const piece of planChunk(chunk) ?? []) {
    if (!('nodes' in piece)) continue;
    n += piece.nodes[piece.nodes.length - 1].position!.end.offset! - piece.nodes[0].position!.start.offset!;
  }
  return n;
}
