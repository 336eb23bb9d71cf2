/**
 * Most of an agreement is plain prose: headings, paragraphs with bold run-in titles, and short lists. For blocks
 * written only in that subset of Markdown this scanner builds the mdast nodes remark-parse would build (same node
 * types, same offsets, same text values), so parse.ts reads them exactly as it reads remark's tree; every other
 * block is left to remark-parse. Scanning a plain block is a few times cheaper than tokenising it.
 *
 * The subset is deliberately narrow. A block (a run of non-blank lines) is plain when its text is plain (below) and
 * - it is a quoted paragraph, every line written `> text`; or
 * - it is a pipe table, every line starting with `|` (header, delimiter row with as many cells, body rows), cells of
 *   plain text; or
 * - its first line is unindented, and its lines are headings (`## Title`, no closing #s), paragraph lines and
 *   single-line list items (`- text`, `1. text`, one level of nesting indented by the item's content indent), one kind
 *   of marker per list, with no paragraph line after an item (that would continue the item). An indented block, or
 *   one that starts with an ordered item right after a list, may continue that list, so it goes to remark together
 *   with it.
 * Plain text has no tab, backquote, `<`, `\`, `|` (but a table's), `_`, `&` before a word, control character or lone
 * CR; its only `*` are clean bold pairs on one line (`**Term**` opened at a line start, after a space or "(", closed
 * before a space, the line end or `.,;:)`) and its only brackets plain one-line links (`[text](https://…)`).
 * A chunk with a line that opens a fence or HTML (which can span blank lines) or with a link reference definition
 * is left to remark whole.
 *
 * test/unit/plain-blocks.test.ts checks, on the corpus, the examples and fuzzed drafts, that the facts parse.ts
 * extracts are identical with and without this scanner.
 */
import { isWhiteSpace } from './chunks.js';
import type { Blockquote, Break, Heading, Link, List, ListItem, Paragraph, PhrasingContent, RootContent, Strong, Table, TableCell, TableRow, Text } from 'mdast';

/** A piece of a chunk: nodes built here, or a span to parse with remark-parse. */
export type BlockPlan = { nodes: RootContent[] } | { remark: { start: number; end: number } };

interface Line {
  start: number;
  /** End of the line's content, before CR LF or LF. */
  end: number;
  /** Start of the next line (after the line break). */
  next: number;
}

interface Block {
  start: number;
  end: number;
  nodes: RootContent[] | undefined;
  /** Starts with indentation or an ordered item: after a list it may belong to that list. */
  mayContinueList: boolean;
  endsWithList: boolean;
}

/** Lines that open constructs able to span blank lines (fences, HTML blocks): the chunk is left to remark whole. */
const SPANS_BLANK_LINES = /^[ \t]*(?:`{3}|~{3}|<)/m;

/** Splits a chunk into plain blocks (as nodes) and spans for remark, in order; undefined when remark should parse it all. */
export function planChunk(text: string): BlockPlan[] | undefined {
  // Link reference definitions (`[id]: url`) change how brackets elsewhere in the chunk parse; a leading byte order
  // mark is dropped by remark.
  if (SPANS_BLANK_LINES.test(text) || text.includes(']:') || text.charCodeAt(0) === 0xfeff) return undefined;
  const blocks: Block[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length) blocks.push(readBlock(text, current));
    current = [];
  };
  for (let pos = 0; pos <= text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (isBlank(text, pos, end)) flush();
    else current.push({ start: pos, end, next: nl + 1 });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  flush();
  // A block that may continue the list before it goes to remark together with it.
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i].mayContinueList && blocks[i - 1].endsWithList) {
      blocks[i].nodes = undefined;
      blocks[i - 1].nodes = undefined;
    }
  }
  const plan: BlockPlan[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const last = plan[plan.length - 1];
    // remark gets the blank lines after its blocks too: an indented code block ends after its blank lines.
    const end = i + 1 < blocks.length ? blocks[i + 1].start : text.length;
    if (b.nodes) plan.push({ nodes: b.nodes });
    else if (last && 'remark' in last) last.remark.end = end;
    else plan.push({ remark: { start: b.start, end } });
  }
  return plan;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function readBlock(text: string, lines: Line[]): Block {
  const first = text.charCodeAt(lines[0].start);
  const block: Block = {
    start: lines[0].start,
    end: lines[lines.length - 1].end,
    nodes: undefined,
    // Indentation may continue a list item, and an ordered item continues the numbering of a list above it. A bullet
    // item reads the same whether or not it joins the list above (bullet lists are not numbered).
    mayContinueList: first === 32 || first === 9 || listMarker(text, lines[0].start, lines[0].end)?.ordered === true,
    endsWithList: true, // until proven otherwise
  };
  const nodes = plainNodes(text, lines);
  if (nodes) {
    block.nodes = nodes;
    block.endsWithList = nodes[nodes.length - 1].type === 'list';
  }
  return block;
}

interface Marker {
  /** `-`, `+`, `*`, or the delimiter of an ordered item (`.` or `)`). */
  kind: string;
  ordered: boolean;
  number: number;
  contentStart: number;
}

/**
 * A pipe table every line of which starts with `|`: a header row, a delimiter row with as many cells, and body rows.
 * Cells are split at every `|` (the text has no escapes or code spans, so none is escaped); a cell runs from its
 * opening pipe to the next one, the last cell to the line end with any closing pipe. Cell text is plain inline text.
 */
function tableNodes(text: string, lines: Line[]): RootContent[] | undefined {
  if (lines.length < 2) return undefined;
  const header = rowCells(text, lines[0]);
  const delimiter = rowCells(text, lines[1]);
  if (!header || !delimiter || header.length !== delimiter.length) return undefined;
  // A header row that is a lone pipe starts no table.
  if (text.slice(lines[0].start, lines[0].end).trimEnd() === '|') return undefined;
  const align: Table['align'] = [];
  for (const cell of delimiter) {
    const m = /^(:?)-+(:?)$/.exec(text.slice(cell.contentStart, cell.contentEnd));
    if (!m) return undefined;
    align.push(m[1] && m[2] ? 'center' : m[1] ? 'left' : m[2] ? 'right' : null);
  }
  const rows: TableRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i === 1) continue;
    const cells = i === 0 ? header : rowCells(text, lines[i]);
    if (!cells) return undefined;
    const children: TableCell[] = [];
    for (const cell of cells) {
      const content = cell.contentEnd > cell.contentStart ? inlineNodes(text, [{ start: cell.contentStart, end: cell.contentEnd, next: cell.contentEnd }]) : [];
      if (!content) return undefined;
      children.push({ type: 'tableCell', children: content, position: span(cell.start, cell.end) });
    }
    rows.push({ type: 'tableRow', children, position: span(lines[i].start, lines[i].end) });
  }
  const table: Table = { type: 'table', align, children: rows, position: span(lines[0].start, lines[lines.length - 1].end) };
  return [table];
}

interface CellSpan {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

/** The cells of a table line that starts with `|` and is otherwise plain text; undefined for anything else. */
function rowCells(text: string, line: Line): CellSpan[] | undefined {
  if (text.charCodeAt(line.start) !== 124) return undefined;
  let end = line.end;
  while (end > line.start && text.charCodeAt(end - 1) === 32) end--;
  const pipes: number[] = [];
  for (let i = line.start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) pipes.push(i);
    else if (!safeCharacters(text, i, i + 1)) return undefined;
  }
  // A pipe that ends the line closes the last cell instead of opening one.
  const closing = pipes.length > 1 && pipes[pipes.length - 1] === end - 1;
  const opening = closing ? pipes.length - 1 : pipes.length;
  const cells: CellSpan[] = [];
  for (let k = 0; k < opening; k++) {
    const last = k === opening - 1;
    let contentStart = pipes[k] + 1;
    let contentEnd = last ? (closing ? end - 1 : end) : pipes[k + 1];
    while (contentStart < contentEnd && text.charCodeAt(contentStart) === 32) contentStart++;
    while (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 32) contentEnd--;
    cells.push({ start: pipes[k], end: last ? line.end : pipes[k + 1], contentStart, contentEnd });
  }
  return cells;
}

/** A list marker followed by one space and text, at `pos`. */
function listMarker(text: string, pos: number, end: number): Marker | undefined {
  const c = text.charCodeAt(pos);
  if ((c === 45 || c === 43 || c === 42) && text.charCodeAt(pos + 1) === 32) {
    return { kind: text[pos], ordered: false, number: 0, contentStart: pos + 2 };
  }
  let i = pos;
  while (i < end && i - pos < 9 && isDigit(text.charCodeAt(i))) i++;
  if (i === pos) return undefined;
  const d = text.charCodeAt(i);
  if ((d === 46 || d === 41) && (i + 1 >= end || text.charCodeAt(i + 1) === 32)) {
    return { kind: text[i], ordered: true, number: Number(text.slice(pos, i)), contentStart: i + 2 };
  }
  return undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * True when the text at `pos` could start a block other than a paragraph line: a heading, quote, list item,
 * thematic break, setext underline, fence, HTML or table. Conservative: `#word` or `-word` count too.
 */
function startsBlock(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  switch (c) {
    case 35: // #
    case 62: // >
    case 61: // =
    case 126: // ~
    case 96: // `
    case 60: // <
    case 124: // |
    case 95: // _
    case 43: // +
    case 45: // -
      return true;
    case 42: {
      // `**Bold` starts a paragraph; `* item`, `***` and `** ` do not.
      const next = text.charCodeAt(pos + 1);
      const after = text.charCodeAt(pos + 2);
      return !(next === 42 && pos + 2 < end && after !== 42 && !isWhiteSpace(after));
    }
    default:
      return isDigit(c) && listMarker(text, pos, end) !== undefined;
  }
}

/** The mdast nodes of a plain block, or undefined when the block is not in the plain subset. */
function plainNodes(text: string, lines: Line[]): RootContent[] | undefined {
  const nodes: RootContent[] = [];
  let paragraph: Line[] = [];
  /** The open list: its marker kind, the content indent of its last item, and the list nested in that item. */
  let list: { node: List; kind: string; contentIndent: number; nested?: { node: List; kind: string } } | undefined;
  const closeParagraph = (): boolean => {
    if (paragraph.length === 0) return true;
    const node = paragraphNode(text, paragraph);
    paragraph = [];
    if (!node) return false;
    nodes.push(node);
    return true;
  };
  if (text.charCodeAt(lines[0].start) === 62 /* > */) return quoteNodes(text, lines);
  if (text.charCodeAt(lines[0].start) === 124 /* | */) return tableNodes(text, lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!safeCharacters(text, line.start, line.end)) return undefined;
    const c = text.charCodeAt(line.start);
    if (c === 32) {
      let p = line.start;
      while (text.charCodeAt(p) === 32) p++;
      if (list) {
        // Indented under a list item by exactly its content indent: a one-level nested list item.
        const outerItem = list.node.children[list.node.children.length - 1];
        const marker = listMarker(text, p, line.end);
        if (!marker || p - line.start !== list.contentIndent) return undefined;
        if (list.nested && list.nested.kind !== marker.kind) return undefined;
        // The nested list interrupts the item's paragraph: an ordered one must start at 1.
        if (!list.nested && marker.ordered && marker.number !== 1) return undefined;
        const item = listItemNode(text, marker, p, line);
        if (!item) return undefined;
        if (!list.nested) {
          const node: List = { type: 'list', ordered: marker.ordered, start: marker.ordered ? marker.number : null, spread: false, children: [], position: span(p, line.end) };
          list.nested = { node, kind: marker.kind };
          outerItem.children.push(node);
        }
        list.nested.node.children.push(item);
        list.nested.node.position!.end.offset = line.end;
        outerItem.position!.end.offset = line.end;
        list.node.position!.end.offset = line.end;
        continue;
      }
      // Otherwise only a paragraph continues on an indented line.
      if (paragraph.length === 0 || startsBlock(text, p, line.end)) return undefined;
      paragraph.push(line);
      continue;
    }
    if (c === 35 /* # */) {
      const heading = headingNode(text, line);
      if (!heading || !closeParagraph()) return undefined;
      list = undefined;
      nodes.push(heading);
      continue;
    }
    const marker = listMarker(text, line.start, line.end);
    if (marker) {
      if (list && list.kind !== marker.kind) return undefined;
      const item = listItemNode(text, marker, line.start, line);
      if (!item) return undefined;
      if (!list) {
        // An ordered list interrupts a paragraph only when it starts at 1.
        if (paragraph.length && marker.ordered && marker.number !== 1) return undefined;
        if (!closeParagraph()) return undefined;
        const node: List = { type: 'list', ordered: marker.ordered, start: marker.ordered ? marker.number : null, spread: false, children: [], position: span(line.start, line.end) };
        list = { node, kind: marker.kind, contentIndent: 0 };
        nodes.push(node);
      }
      list.contentIndent = marker.contentStart - line.start;
      list.nested = undefined;
      list.node.children.push(item);
      list.node.position!.end.offset = line.end;
      continue;
    }
    if (list) return undefined; // a lazy continuation of the last item
    if (startsBlock(text, line.start, line.end)) return undefined;
    paragraph.push(line);
  }
  if (!closeParagraph()) return undefined;
  return nodes;
}

/** A block quote of one paragraph, every line written `> text` (no lazy lines, no nested blocks). */
function quoteNodes(text: string, lines: Line[]): RootContent[] | undefined {
  const content: Line[] = [];
  for (const line of lines) {
    const start = line.start + 2;
    if (text.charCodeAt(line.start) !== 62 || text.charCodeAt(line.start + 1) !== 32 || start >= line.end) return undefined;
    if (!safeCharacters(text, line.start, line.end) || text.charCodeAt(start) === 32 || startsBlock(text, start, line.end)) return undefined;
    content.push({ start, end: line.end, next: line.next });
  }
  const children = inlineNodes(text, content, true);
  if (!children) return undefined;
  const last = lines[lines.length - 1].end;
  const paragraph: Paragraph = { type: 'paragraph', children, position: span(content[0].start, last) };
  const quote: Blockquote = { type: 'blockquote', children: [paragraph], position: span(lines[0].start, last) };
  return [quote];
}

/** A single-line list item whose marker starts at `markerStart`, or undefined when its text is not plain. */
function listItemNode(text: string, marker: Marker, markerStart: number, line: Line): ListItem | undefined {
  if (marker.contentStart >= line.end || startsBlock(text, marker.contentStart, line.end) || text.charCodeAt(marker.contentStart) === 32) return undefined;
  const content = inlineNodes(text, [{ start: marker.contentStart, end: line.end, next: line.next }]);
  if (!content) return undefined;
  return {
    type: 'listItem',
    spread: false,
    checked: null,
    children: [{ type: 'paragraph', children: content, position: span(marker.contentStart, line.end) }],
    position: span(markerStart, line.end),
  };
}

function span(start: number, end: number): { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } } {
  // Lines and columns are not used by the engine; offsets are.
  return { start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } };
}

/** `## Title`: one to six #, a space, text, no closing sequence. */
function headingNode(text: string, line: Line): Heading | undefined {
  let p = line.start;
  while (p < line.end && text.charCodeAt(p) === 35) p++;
  const depth = p - line.start;
  if (depth > 6 || text.charCodeAt(p) !== 32) return undefined;
  while (text.charCodeAt(p) === 32) p++;
  let e = line.end;
  while (e > p && text.charCodeAt(e - 1) === 32) e--;
  if (e <= p || text.charCodeAt(e - 1) === 35) return undefined;
  const children = inlineNodes(text, [{ start: p, end: e, next: line.next }]);
  if (!children) return undefined;
  return { type: 'heading', depth: depth as Heading['depth'], children, position: span(line.start, line.end) };
}

function paragraphNode(text: string, lines: Line[]): Paragraph | undefined {
  const children = inlineNodes(text, lines);
  if (!children) return undefined;
  return { type: 'paragraph', children, position: span(lines[0].start, lines[lines.length - 1].end) };
}

/**
 * No character that needs Markdown's inline rules: code, HTML, escapes, entities, tables, underscores, tabs,
 * control characters or a CR that does not end the line. `*`, `[` and `]` are checked by inlineNodes.
 */
function safeCharacters(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 32) return false;
    switch (c) {
      case 96: // `
      case 60: // <
      case 92: // \
      case 124: // |
      case 95: // _
        return false;
      case 38: // & only before a space (no entity)
        if (text.charCodeAt(i + 1) !== 32) return false;
    }
  }
  return true;
}

/** Text, bold and hard-break nodes for the content of `lines` (the first line's content starts at lines[0].start). */
function inlineNodes(text: string, lines: Line[], quote = false): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let textStart = lines[0].start;
  const pushText = (end: number) => {
    // Text that runs onto the next line only up to an inline construct ends with that line break, not with the
    // next line's indentation or quote marker.
    let k = end;
    while (k > textStart && (text.charCodeAt(k - 1) === 32 || (quote && text.charCodeAt(k - 1) === 62))) k--;
    if (k > textStart && text.charCodeAt(k - 1) === 10) end = k;
    if (end > textStart) out.push(textNode(text, textStart, end, quote));
  };
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    let contentEnd = line.end;
    while (contentEnd > line.start && text.charCodeAt(contentEnd - 1) === 32) contentEnd--;
    for (let i = nextSpecial(text, line.start, line.end); i >= 0; i = nextSpecial(text, i, line.end)) {
      const c = text.charCodeAt(i);
      if (c === 42 /* * */) {
        const close = strongEnd(text, i, line.start, line.end);
        if (close < 0) return undefined;
        pushText(i);
        const strong: Strong = { type: 'strong', children: [textNode(text, i + 2, close, false)], position: span(i, close + 2) };
        out.push(strong);
        textStart = close + 2;
        i = close + 2;
      } else if (c === 91 /* [ */) {
        const link = linkAt(text, i, line.end);
        if (!link) return undefined;
        pushText(i);
        out.push(link);
        textStart = i = link.position!.end.offset!;
      } else return undefined; // a ] outside a link
    }
    if (li < lines.length - 1) {
      // Two or more trailing spaces make a hard break; the next line's text starts after its indentation.
      if (line.end - contentEnd >= 2) {
        pushText(contentEnd);
        const brk: Break = { type: 'break', position: span(contentEnd, line.next) };
        out.push(brk);
        let p = lines[li + 1].start;
        while (text.charCodeAt(p) === 32) p++;
        textStart = p;
      }
    } else {
      pushText(contentEnd);
    }
  }
  return out;
}

/** The next `*`, `[` or `]` in [from, end), or -1. */
function nextSpecial(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 91 || c === 93) return i;
  }
  return -1;
}

/**
 * The position of the closing ** of a clean bold pair opening at `i`, or -1. An opening ** stands at the line start
 * or after a space or "(" and is followed by a character that is not a space or *; a closing ** follows a character
 * that is not a space and precedes a space, the line end or .,;:) — and nothing between them is *, [ or ].
 */
function strongEnd(text: string, i: number, lineStart: number, lineEnd: number): number {
  const before = i === lineStart ? 32 : text.charCodeAt(i - 1);
  const first = text.charCodeAt(i + 2);
  if (text.charCodeAt(i + 1) !== 42 || (before !== 32 && before !== 40) || i + 2 >= lineEnd || first === 42 || isWhiteSpace(first)) return -1;
  const close = nextSpecial(text, i + 2, lineEnd);
  if (close < 0 || text.charCodeAt(close) !== 42 || text.charCodeAt(close + 1) !== 42) return -1;
  const last = text.charCodeAt(close - 1);
  const after = close + 2 < lineEnd ? text.charCodeAt(close + 2) : 32;
  if (isWhiteSpace(last) || !(after === 32 || after === 46 || after === 44 || after === 59 || after === 58 || after === 41)) return -1;
  return close;
}

/** Characters allowed in a link destination here: no spaces, parentheses, quotes, brackets, `_`, `&` or `*`. */
const URL_CHAR = /^[A-Za-z0-9:/.#?=%~+@,-]+$/;

/** `[text](url)` at `i`, with plain text and a plain destination on one line; undefined for anything else. */
function linkAt(text: string, i: number, lineEnd: number): Link | undefined {
  if (i > 0 && text.charCodeAt(i - 1) === 33 /* ! */) return undefined;
  const close = nextSpecial(text, i + 1, lineEnd);
  if (close <= i + 1 || text.charCodeAt(close) !== 93 || text.charCodeAt(close + 1) !== 40 /* ( */) return undefined;
  const paren = text.indexOf(')', close + 2);
  if (paren < 0 || paren >= lineEnd) return undefined;
  const url = text.slice(close + 2, paren);
  if (!URL_CHAR.test(url)) return undefined;
  return { type: 'link', url, title: null, children: [textNode(text, i + 1, close, false)], position: span(i, paren + 1) };
}

/** A text node; its value drops the spaces around line breaks (and a quote's `>` markers), as remark's does. */
function textNode(text: string, start: number, end: number, quote: boolean): Text {
  const raw = text.slice(start, end);
  return { type: 'text', value: raw.includes('\n') ? trimAroundBreaks(raw, quote) : raw, position: span(start, end) };
}

function trimAroundBreaks(raw: string, quote: boolean): string {
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (i < lines.length - 1) {
      const cr = line.endsWith('\r') ? '\r' : '';
      let e = line.length - cr.length;
      while (e > 0 && line.charCodeAt(e - 1) === 32) e--;
      line = line.slice(0, e) + cr;
    }
    if (i > 0) {
      let b = 0;
      if (quote) b = line.charCodeAt(1) === 32 ? 2 : 1; // the "> " marker of a quote line
      while (b < line.length && line.charCodeAt(b) === 32) b++;
      line = line.slice(b);
    }
    lines[i] = line;
  }
  return lines.join('\n');
}
