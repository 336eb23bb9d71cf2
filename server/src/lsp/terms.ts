/**
 * Defined terms and cross-references under the cursor, and every use of a term: whole-word, case-exact matches,
 * excluding matches that are part of a longer defined term ("Data" inside "Customer Data").
 */
import type { ContractModel, CrossReference, Definition, Section } from '../engine/index.js';
import type { AnalysisResult } from './store.js';

export interface Span {
  start: number;
  end: number;
}

export interface TermAt {
  term: string;
  definition: Definition;
  /** The occurrence under the cursor. */
  start: number;
  end: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termPattern(term: string): RegExp {
  // Whitespace inside a term matches any run of white space (terms may wrap across lines).
  const body = term
    .trim()
    .split(/\s+/)
    .map(escapeRegExp)
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'gu');
}

/** The first definition of each term, in document order. */
export function uniqueDefinitions(model: ContractModel): Definition[] {
  const seen = new Set<string>();
  const out: Definition[] = [];
  for (const d of model.definitions) {
    if (!d.term.trim() || seen.has(d.term)) continue;
    seen.add(d.term);
    out.push(d);
  }
  return out;
}

function rawOccurrences(text: string, term: string): Span[] {
  const out: Span[] = [];
  const re = termPattern(term);
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length > 100_000) break;
  }
  return out;
}

/** Every use of `term` in the text (the definition's own occurrence included). */
export function termOccurrences(result: AnalysisResult, term: string): Span[] {
  const memoKey = `occurrences:${term}`;
  const memo = result.memo.get(memoKey) as Span[] | undefined;
  if (memo) return memo;
  const text = result.analysis.text;
  const longer = uniqueDefinitions(result.analysis.model)
    .map((d) => d.term)
    .filter((t) => t !== term && t.length > term.length && termPattern(term).test(t));
  const blocked = longer.flatMap((t) => rawOccurrences(text, t));
  const spans = rawOccurrences(text, term).filter((o) => !blocked.some((b) => o.start < b.end && b.start < o.end));
  result.memo.set(memoKey, spans);
  return spans;
}

/** The defined term at `offset` (a use or the definition itself), if any. Longer terms win. */
export function termAt(result: AnalysisResult, offset: number): TermAt | undefined {
  const text = result.analysis.text;
  const defs = uniqueDefinitions(result.analysis.model).sort((a, b) => b.term.length - a.term.length);
  for (const definition of defs) {
    const len = definition.term.length;
    // Search a window around the cursor only (terms may wrap, so allow some slack).
    const from = Math.max(0, offset - len * 2 - 2);
    const window = text.slice(from, Math.min(text.length, offset + len * 2 + 2));
    for (const m of window.matchAll(termPattern(definition.term))) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (start <= offset && offset <= end) {
        // Make sure it is a real use (not part of a longer term).
        const real = termOccurrences(result, definition.term).some((o) => o.start === start);
        if (real) return { term: definition.term, definition, start, end };
      }
    }
  }
  return undefined;
}

export function crossReferenceAt(model: ContractModel, offset: number): CrossReference | undefined {
  return model.crossReferences.find((r) => r.start <= offset && offset <= r.end);
}

export function sectionLabel(section: Section): string {
  return [section.number, section.title].filter(Boolean).join(' ').trim() || '(untitled section)';
}

/** The section whose title is under the cursor. */
export function sectionTitleAt(model: ContractModel, offset: number): Section | undefined {
  return model.sections.find((s) => s.titleStart <= offset && offset <= s.titleEnd);
}

/** Checks a new name for a defined term. Returns an error message, or undefined when acceptable. */
export function validateNewTermName(model: ContractModel, oldName: string, newName: string): string | undefined {
  const name = newName.trim();
  if (!name) return 'The new name is empty.';
  if (/[\r\n"“”]/.test(name)) return 'A defined term cannot contain quotes or line breaks.';
  if (!/^[\p{L}\p{N}]/u.test(name)) return 'A defined term starts with a letter or a digit.';
  if (name !== oldName && model.definitions.some((d) => d.term === name)) return `"${name}" is already a defined term.`;
  return undefined;
}
