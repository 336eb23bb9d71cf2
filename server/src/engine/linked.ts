/**
 * Incorporation by a Markdown link to another file of the deal folder: "The Data Processing Addendum
 * ([dpa.md](dpa.md)) forms part of this Agreement". The engine stays pure: it names the relative `.md` links of a
 * draft (`documentLinks`), the adapters read those files (their own limits: same folder or below, size, no
 * symlink escape, trusted workspaces only) and hand their texts to the analyzer (`setLinkedDocuments`). Each linked
 * text is analysed once, on its own and without following its links (one level), and kept while its text and the
 * catalogue are unchanged; the clauses it holds count for the draft, present by reference in that file.
 */
import type { ResolvedConfig } from './config.js';
import type { ContractModel } from './types.js';
import { registerPattern } from './phrases.js';
import { innermostSection } from './clauses.js';

export interface DocumentLink {
  /** The link target as written, without a fragment or angle brackets ("dpa.md", "../deal/ai-addendum.md"). */
  target: string;
  /** The link's span in the draft. */
  start: number;
  end: number;
}

/** A clause that a linked file holds. */
export interface LinkedClause {
  /** The link target as the draft writes it. */
  file: string;
  /** Where the draft links to it. */
  start: number;
  end: number;
  /** "Section 9", or the section's title, or undefined outside any section. */
  section?: string;
}

/**
 * `[text](target.md)`, `[text](<target.md> "title")`, `[text](target.md#part)`. Bounded repetitions, classes that
 * exclude the delimiters that end them (the link text excludes "[" too, so a run of "[[[[" is read once): linear.
 */
const LINK = registerPattern(
  /\[[^[\]\n]{0,300}\]\([ \t]{0,8}(?:<([^<>\n#?]{1,300}?\.(?:md|markdown))(?:#[^<>\n]{0,100})?>|([^()\s<>#?]{1,300}?\.(?:md|markdown))(?:#[^()\s<>]{0,100})?)(?:[ \t]{1,8}"[^"\n]{0,200}")?[ \t]{0,8}\)/gi,
);
/** A scheme ("https:", "file:"), a protocol-relative or absolute path: not a relative link into the workspace. */
const NOT_RELATIVE = /^(?:[a-z][a-z0-9+.-]*:|\/|\\)/i;
const FENCE = registerPattern(/^[ \t]{0,3}(?:```|~~~)/gm);

/** The relative links to Markdown files in `text`, in order (each target once, at its first link). */
export function documentLinks(text: string): DocumentLink[] {
  if (!text.includes('](')) return [];
  const out: DocumentLink[] = [];
  const seen = new Set<string>();
  LINK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINK.exec(text))) {
    let target = m[1] ?? m[2];
    if (NOT_RELATIVE.test(target)) continue;
    try {
      target = decodeURI(target);
    } catch {
      continue;
    }
    // Inside inline code or a fenced block the link is an example, not a reference.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if ((text.slice(lineStart, m.index).match(/`/g) ?? []).length % 2 === 1) continue;
    if (inFence(text, m.index)) continue;
    if (seen.has(target)) continue;
    seen.add(target);
    out.push({ target, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function inFence(text: string, at: number): boolean {
  let open = false;
  FENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FENCE.exec(text)) && m.index < at) open = !open;
  return open;
}

interface Analysed {
  text: string;
  catalogue: unknown;
  /** The clauses the linked file holds (present there, not only by a reference of its own). */
  clauses: readonly string[];
}

/**
 * The linked files an analyzer was given and what each holds, analysed once per text and catalogue: an edit of the
 * draft re-reads nothing here, a change of a linked file re-analyses that file only.
 */
export class LinkedDocuments {
  private texts = new Map<string, string>();
  private analysed = new Map<string, Analysed>();

  /** Sets the linked files' texts by link target (as the draft writes it); forgets the others. */
  set(texts: ReadonlyMap<string, string>): void {
    this.texts = new Map(texts);
    for (const target of this.analysed.keys()) if (!this.texts.has(target)) this.analysed.delete(target);
  }

  get size(): number {
    return this.texts.size;
  }

  /**
   * The clauses held by the files the draft links to, each with the first link to a file that holds it. `analyse`
   * is the one-shot analysis of a linked text (the analyzer's own, without linked files: one level).
   */
  clausesFor(
    text: string,
    model: ContractModel,
    config: ResolvedConfig,
    analyse: (text: string) => { isContract: boolean; clauses: readonly string[] },
  ): Map<string, LinkedClause> {
    const out = new Map<string, LinkedClause>();
    if (!this.texts.size) return out;
    for (const link of documentLinks(text)) {
      const linked = this.texts.get(link.target);
      if (linked === undefined) continue;
      let entry = this.analysed.get(link.target);
      if (!entry || entry.text !== linked || entry.catalogue !== config.catalogue) {
        const result = analyse(linked);
        entry = { text: linked, catalogue: config.catalogue, clauses: result.isContract ? result.clauses : [] };
        this.analysed.set(link.target, entry);
      }
      if (!entry.clauses.length) continue;
      const section = innermostSection(model.sections, link.start);
      const label = section ? (section.number ? `Section ${section.number.replace(/\.$/, '')}` : section.title || undefined) : undefined;
      for (const clause of entry.clauses) {
        if (!out.has(clause)) out.set(clause, { file: link.target, start: link.start, end: link.end, section: label });
      }
    }
    return out;
  }
}
