/**
 * Parses one chunk of a draft with unified + remark-parse (tables through the GFM table extension) and keeps only
 * the facts the rules need, with offsets relative to the chunk. The syntax tree itself is dropped, which keeps
 * memory low on long drafts.
 *
 * The central fact is the *prose mask*: a string as long as the chunk in which every character of running text
 * (headings, paragraphs, list items, table cells, link text) is kept and everything else (code, HTML tags,
 * Markdown punctuation such as `**`, URLs) is replaced by a space. Line breaks are kept. Every phrase rule runs on
 * the mask, so offsets found there are offsets in the draft, and HTML nodes are transparent.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes, Root, RootContent, Parent, PhrasingContent, List, ListItem, Paragraph, Heading } from 'mdast';
import { planChunk } from './plain-blocks.js';

export type BlockType = 'heading' | 'paragraph' | 'cell';

export interface BlockFact {
  type: BlockType;
  start: number;
  end: number;
  /** Nesting depth of lists around the block (0 = none). */
  listDepth: number;
  quote: boolean;
}

export interface HeadingFact {
  depth: number;
  start: number;
  end: number;
  titleStart: number;
  titleEnd: number;
}

/** A bold or HTML-span title at the start of a paragraph: `**5. Data.** ...`, `<span class="header_3">Access.</span>`. */
export interface RunInFact {
  /** Start of the paragraph. */
  start: number;
  titleStart: number;
  titleEnd: number;
  /** Number written in bold before the title (`**5.1.** Use of Data.`), when separate from it. */
  numberStart?: number;
  numberEnd?: number;
  listDepth: number;
  /** The `id` attribute of the HTML span around the title, if any (Common Paper numbers its clauses that way). */
  htmlId?: string;
  /** Index of the list item it opens, when the paragraph is the first in an ordered list item. */
  listItem?: number;
}

export interface ListItemFact {
  start: number;
  end: number;
  /** Marker value (`3` for `3.`), relative numbering path from the outermost ordered list: [2, 1] for item 1 inside item 2. */
  path: number[];
  depth: number;
}

export interface DirectiveFact {
  /** `disable`, `enable`, `disable-line`, `disable-next-line`, `disable-file`, `enable-file`. */
  kind: string;
  rules: string[];
  start: number;
  end: number;
}

export interface ChunkFacts {
  length: number;
  mask: string;
  blocks: BlockFact[];
  headings: HeadingFact[];
  runIns: RunInFact[];
  listItems: ListItemFact[];
  directives: DirectiveFact[];
  /** Text wrapped in `<span class="…link…">` (terms defined on a cover page or in key terms, Common Paper style). */
  linkedTerms: { start: number; end: number }[];
  /** Spans of fenced or indented code. */
  code: { start: number; end: number }[];
  /** Number of inline code spans (`like this`): common in technical documents, almost absent from contracts. */
  inlineCode: number;
  /** True when the chunk had syntax the parser could not handle (it then falls back to plain text). */
  parseError?: string;
}

type AnyProcessor = Processor<Root, undefined, undefined, undefined, undefined>;

function remarkTables(this: AnyProcessor): void {
  const data = this.data() as Record<string, unknown[] | undefined>;
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

let plainProcessor: AnyProcessor | undefined;
let tableProcessor: AnyProcessor | undefined;

function processorFor(text: string): AnyProcessor {
  // The table extension costs time on every chunk; only chunks with a delimiter row (|---|) need it.
  if (/^[ \t]{0,3}\|?[ \t]*:?-+:?[ \t]*\|/m.test(text) || /\|[ \t]*:?-{1,}:?[ \t]*$/m.test(text)) {
    return (tableProcessor ??= unified().use(remarkParse).use(remarkTables as never) as unknown as AnyProcessor);
  }
  return (plainProcessor ??= unified().use(remarkParse) as unknown as AnyProcessor);
}

const DIRECTIVE = /<!--\s*ai-clauses-(disable-next-line|disable-line|disable-file|enable-file|disable|enable)\b([^>]*?)-->/g;

export interface ParseOptions {
  /** Read plain blocks with the scanner of plain-blocks.ts (default); false sends everything to remark-parse. */
  plainScanner?: boolean;
}

export function parseChunk(text: string, options: ParseOptions = {}): ChunkFacts {
  const facts: ChunkFacts = {
    length: text.length,
    mask: '',
    blocks: [],
    headings: [],
    runIns: [],
    listItems: [],
    directives: [],
    linkedTerms: [],
    code: [],
    inlineCode: 0,
  };
  let tree: Root;
  try {
    // micromark slows down quadratically on thousands of nested containers; no agreement nests that deep.
    if (tooDeeplyNested(text)) throw new Error('nesting deeper than 64 levels: read as plain text');
    tree = options.plainScanner === false ? parseMarkdown(text) : parseMixed(text);
  } catch (error) {
    // Never lose a document to a parser failure: treat the chunk as one paragraph of plain text.
    facts.parseError = error instanceof Error ? error.message : String(error);
    facts.mask = text;
    facts.blocks.push({ type: 'paragraph', start: 0, end: text.length, listDepth: 0, quote: false });
    return facts;
  }
  const copy: number[] = []; // pairs of [start, end) to copy from the source into the mask
  const walker = new Walker(text, facts, copy);
  walker.children(tree, 0, false, []);
  facts.mask = buildMask(text, copy);
  DIRECTIVE.lastIndex = 0;
  for (const html of walker.htmlSpans) {
    const source = text.slice(html.start, html.end);
    let m: RegExpExecArray | null;
    DIRECTIVE.lastIndex = 0;
    while ((m = DIRECTIVE.exec(source))) {
      facts.directives.push({
        kind: m[1],
        rules: m[2].split(/[\s,]+/).filter((r) => r && r !== '--'),
        start: html.start + m.index,
        end: html.start + m.index + m[0].length,
      });
    }
  }
  return facts;
}

function parseMarkdown(text: string): Root {
  // micromark drops a leading byte order mark and counts offsets without it; parse without it and count it back.
  if (text.charCodeAt(0) !== 0xfeff) return processorFor(text).parse(text) as Root;
  const rest = text.slice(1);
  const tree = processorFor(rest).parse(rest) as Root;
  shiftOffsets(tree, 1);
  return tree;
}

/** One tree for the chunk: plain blocks from the scanner, the rest from remark-parse (offsets moved into place). */
function parseMixed(text: string): Root {
  const plan = planChunk(text);
  if (!plan || !plan.some((piece) => 'nodes' in piece)) return parseMarkdown(text);
  const children: RootContent[] = [];
  for (const piece of plan) {
    if ('nodes' in piece) {
      for (const node of piece.nodes) children.push(node);
      continue;
    }
    const { start, end } = piece.remark;
    // A byte order mark inside the chunk is an ordinary character; micromark would drop it at the start of its input,
    // so such a piece is parsed behind a blank line (which changes nothing else).
    const bom = text.charCodeAt(start) === 0xfeff ? 1 : 0;
    for (const node of parseMarkdown((bom ? '\n' : '') + text.slice(start, end)).children) {
      shiftOffsets(node, start - bom);
      children.push(node);
    }
  }
  return { type: 'root', children };
}

function shiftOffsets(root: Nodes, by: number): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const pos = node.position;
    if (pos) node.position = { start: { ...pos.start, offset: (pos.start.offset ?? 0) + by }, end: { ...pos.end, offset: (pos.end.offset ?? 0) + by } };
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

function buildMask(text: string, copy: number[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (let i = 0; i < copy.length; i += 2) {
    const start = Math.max(copy[i], cursor);
    const end = copy[i + 1];
    if (end <= start) continue;
    if (start > cursor) parts.push(blankOut(text, cursor, start));
    parts.push(text.slice(start, end));
    cursor = end;
  }
  if (cursor < text.length) parts.push(blankOut(text, cursor, text.length));
  return parts.join('');
}

/** Spaces for [start, end), keeping line breaks so that lines stay aligned with the source. */
function blankOut(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (!/[\r\n]/.test(slice)) return ' '.repeat(end - start);
  return slice.replace(/[^\r\n]/g, ' ');
}

/** Deeper nesting than any real agreement has; beyond it the walker stops recursing. */
const MAX_NESTING = 64;

/** True when a line opens more than MAX_NESTING list items or block quotes, or is indented past their reach. */
function tooDeeplyNested(text: string): boolean {
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    let depth = 0;
    let indent = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        indent++;
        i++;
        continue;
      }
      if (c === 62 /* > */) {
        depth++;
        i++;
      } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        depth++;
        i += 2;
      } else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < i + 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 41) && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
          depth++;
          i = j + 2;
        } else break;
      } else break;
      if (depth > MAX_NESTING) return true;
    }
    if (indent > MAX_NESTING * 4) return true;
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return false;
}

class Walker {
  readonly htmlSpans: { start: number; end: number }[] = [];

  constructor(
    private readonly text: string,
    private readonly facts: ChunkFacts,
    private readonly copy: number[],
  ) {}

  private depth = 0;

  children(node: Parent, listDepth: number, quote: boolean, path: number[]): void {
    for (const child of node.children as Nodes[]) this.block(child, listDepth, quote, path);
  }

  private block(node: Nodes, listDepth: number, quote: boolean, path: number[]): void {
    const pos = node.position;
    if (!pos) return;
    const start = pos.start.offset ?? 0;
    const end = pos.end.offset ?? start;
    // Pathological nesting (thousands of list or quote levels) is read as one block of text, never recursed into.
    if (this.depth > MAX_NESTING && 'children' in node) {
      this.facts.blocks.push({ type: 'paragraph', start, end, listDepth, quote });
      this.copy.push(start, end);
      return;
    }
    this.depth++;
    try {
      this.blockInner(node, start, end, listDepth, quote, path);
    } finally {
      this.depth--;
    }
  }

  private blockInner(node: Nodes, start: number, end: number, listDepth: number, quote: boolean, path: number[]): void {
    switch (node.type) {
      case 'heading': {
        const heading = node as Heading;
        const inner = innerSpan(heading.children, start, end);
        this.facts.headings.push({ depth: heading.depth, start, end, titleStart: inner.start, titleEnd: inner.end });
        this.facts.blocks.push({ type: 'heading', start, end, listDepth, quote });
        this.inline(heading.children);
        return;
      }
      case 'paragraph': {
        const paragraph = node as Paragraph;
        this.facts.blocks.push({ type: 'paragraph', start, end, listDepth, quote });
        this.runIn(paragraph, start, listDepth);
        this.inline(paragraph.children);
        return;
      }
      case 'list': {
        const list = node as List;
        let number = typeof list.start === 'number' ? list.start : 1;
        for (const item of list.children as ListItem[]) {
          if (list.ordered) {
            const itemPath = [...path, number];
            const ipos = item.position;
            const listIndex = this.facts.listItems.length;
            if (ipos) {
              this.facts.listItems.push({ start: ipos.start.offset ?? 0, end: ipos.end.offset ?? 0, path: itemPath, depth: itemPath.length });
            }
            const runInsBefore = this.facts.runIns.length;
            this.children(item, listDepth + 1, quote, itemPath);
            const firstRunIn = this.facts.runIns[runInsBefore];
            if (firstRunIn && ipos && firstRunIn.start <= (item.children[0]?.position?.start.offset ?? -1)) firstRunIn.listItem = listIndex;
            number++;
          } else {
            this.children(item, listDepth + 1, quote, path);
          }
        }
        return;
      }
      case 'blockquote':
        this.children(node as Parent, listDepth, true, path);
        return;
      case 'table': {
        for (const row of (node as Parent).children as Parent[]) {
          for (const cell of row.children as Parent[]) {
            const cpos = cell.position;
            if (!cpos) continue;
            this.facts.blocks.push({ type: 'cell', start: cpos.start.offset ?? 0, end: cpos.end.offset ?? 0, listDepth, quote });
            this.inline(cell.children as PhrasingContent[]);
          }
        }
        return;
      }
      case 'code':
        this.facts.code.push({ start, end });
        return;
      case 'html':
        this.htmlSpans.push({ start, end });
        return;
      default:
        if ('children' in node && Array.isArray((node as Parent).children)) this.children(node as Parent, listDepth, quote, path);
    }
  }

  private inline(nodes: PhrasingContent[]): void {
    if (this.depth > MAX_NESTING) {
      const first = nodes[0]?.position;
      const last = nodes[nodes.length - 1]?.position;
      if (first && last) this.copy.push(first.start.offset ?? 0, last.end.offset ?? 0);
      return;
    }
    this.depth++;
    try {
      this.inlineInner(nodes);
    } finally {
      this.depth--;
    }
  }

  private inlineInner(nodes: PhrasingContent[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const pos = node.position;
      if (!pos) continue;
      switch (node.type) {
        case 'text':
          this.copy.push(pos.start.offset ?? 0, pos.end.offset ?? 0);
          break;
        case 'html': {
          this.htmlSpans.push({ start: pos.start.offset ?? 0, end: pos.end.offset ?? 0 });
          const next = nodes[i + 1];
          const close = nodes[i + 2];
          if (
            next?.type === 'text' &&
            next.position &&
            close?.type === 'html' &&
            /^<span\b[^>]*class\s*=\s*["'][^"']*_link/i.test(node.value) &&
            /^<\/span>$/i.test(close.value.trim())
          ) {
            this.facts.linkedTerms.push({ start: next.position.start.offset ?? 0, end: next.position.end.offset ?? 0 });
          }
          break;
        }
        case 'strong': {
          // A bold capitalised phrase that is not being defined here refers to a term defined elsewhere
          // (Bonterms highlights Cover Page variables that way).
          const first = node.children[0];
          const last = node.children[node.children.length - 1];
          if (node.children.length === 1 && first.type === 'text' && first.position && last.position && /^[A-Z][\p{L}\p{N}'’-]*(?: [A-Z(][\p{L}\p{N}'’()-]*){0,5}$/u.test(first.value)) {
            const after = this.text.slice(pos.end.offset ?? 0, (pos.end.offset ?? 0) + 14);
            if (!/^\s*(?:means|shall mean|has the meaning)/.test(after)) this.facts.linkedTerms.push({ start: first.position.start.offset ?? 0, end: first.position.end.offset ?? 0 });
          }
          this.inline(node.children);
          break;
        }
        case 'inlineCode':
          this.facts.inlineCode++;
          break;
        case 'image':
        case 'imageReference':
        case 'break':
          break;
        default:
          if ('children' in node) this.inline((node as Parent).children as PhrasingContent[]);
      }
    }
  }

  /** Recognises a title at the start of a paragraph. */
  private runIn(paragraph: Paragraph, start: number, listDepth: number): void {
    const kids = paragraph.children;
    const first = kids[0];
    if (!first?.position) return;
    if (first.type === 'text') {
      // Plain numbered paragraphs, `2.1 Provider shall ...` or `2.1 Fees. Customer shall ...`.
      const m = /^(\d{1,3}(?:\.\d{1,3}){1,4})\.?[ \t]+/.exec(first.value);
      const at = first.position.start.offset ?? 0;
      if (!m || this.text.slice(at, at + m[1].length) !== m[1]) return;
      const run: RunInFact = { start, titleStart: at, titleEnd: at + m[1].length, numberStart: at, numberEnd: at + m[1].length, listDepth };
      const rest = first.value.slice(m[0].length, m[0].length + 80);
      const t = /^([A-Z][^.\n:]{1,60}?)[.:][ \t]+[A-Z(]/.exec(rest);
      if (t && t[1].split(/\s+/).length <= 6) {
        run.titleStart = at + m[0].length;
        run.titleEnd = run.titleStart + t[1].length;
      }
      this.facts.runIns.push(run);
      return;
    }
    if (first.type === 'strong') {
      const inner = innerSpan(first.children, first.position.start.offset ?? 0, first.position.end.offset ?? 0);
      const raw = this.text.slice(inner.start, inner.end);
      if (raw.length === 0 || raw.length > 120 || /^\s*["“'‘]/.test(raw)) return;
      const after = this.text.slice(first.position.end.offset ?? 0, (first.position.end.offset ?? 0) + 12);
      if (/^\s*(?:means|shall mean|has the meaning|refers to|includes)\b/i.test(after)) return;
      // `**5.1.** Use of Customer Data. Text` — the bold part is only a number; the title is the next short sentence.
      const onlyNumber = /^\s*(?:(?:section|article|clause)\s+)?[0-9]+(?:\.[0-9]+)*\.?\s*$/i.test(raw);
      if (onlyNumber) {
        const restStart = first.position.end.offset ?? 0;
        const rest = this.text.slice(restStart, Math.min(paragraph.position?.end.offset ?? restStart, restStart + 160));
        const m = /^[.:]?[ \t]*([A-Z][^.\n:]{1,90}?)[.:](?=\s|$)/.exec(rest);
        const run: RunInFact = { start, titleStart: inner.start, titleEnd: inner.end, numberStart: inner.start, numberEnd: inner.end, listDepth };
        if (m && m[1].split(/\s+/).length <= 10) {
          run.titleStart = restStart + m.index + m[0].indexOf(m[1]);
          run.titleEnd = run.titleStart + m[1].length;
        }
        this.facts.runIns.push(run);
        return;
      }
      this.facts.runIns.push({ start, titleStart: inner.start, titleEnd: inner.end, listDepth });
      return;
    }
    if (first.type === 'html' && kids.length >= 3) {
      const open = /^<span\b[^>]*>$/i.exec(first.value.trim());
      const textNode = kids[1];
      const close = kids[2];
      if (!open || textNode.type !== 'text' || close.type !== 'html' || !/^<\/span>$/i.test(close.value.trim())) return;
      if (!/class\s*=\s*["'][^"']*header/i.test(first.value)) return;
      const tpos = textNode.position;
      if (!tpos || textNode.value.length > 120) return;
      const idMatch = /\bid\s*=\s*["']([^"']{1,20})["']/.exec(first.value);
      this.facts.runIns.push({
        start,
        titleStart: tpos.start.offset ?? 0,
        titleEnd: tpos.end.offset ?? 0,
        listDepth,
        htmlId: idMatch ? idMatch[1] : undefined,
      });
    }
  }
}

function innerSpan(children: PhrasingContent[], start: number, end: number): { start: number; end: number } {
  const firstPos = children[0]?.position;
  const lastPos = children[children.length - 1]?.position;
  if (!firstPos || !lastPos) return { start, end: start };
  return { start: firstPos.start.offset ?? start, end: lastPos.end.offset ?? end };
}
