/**
 * Splits a draft into chunks that Markdown parses the same way alone as in the whole document: each heading
 * starts a chunk, and a long run of blocks is cut at a blank line before an unindented line. Fenced code and
 * HTML comments are never cut. Parsing chunk by chunk keeps remark linear on long drafts (micromark slows down
 * super-linearly past ~300 KB) and lets an edit re-parse only the chunk it touched.
 */

export interface ChunkSpan {
  start: number;
  end: number;
}

/** Target size after which a chunk is cut at the next safe blank line. */
const SOFT_LIMIT = 4000;
/** Below this size a heading does not start a new chunk: each parse has a fixed cost, so tiny chunks are merged. */
const MIN_CHUNK = 2000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function frontMatterEnd(text: string): number {
  if (!text.startsWith('---')) return 0;
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0 || text.slice(0, firstBreak).trim() !== '---') return 0;
  const re = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/g;
  re.lastIndex = firstBreak;
  const m = re.exec(text);
  return m ? m.index + m[0].length : 0;
}

export function splitChunks(text: string, from = 0): ChunkSpan[] {
  // Runs on every keystroke over the whole draft: character tests, no per-line strings or patterns except on the
  // rare lines that open a fence.
  const chunks: ChunkSpan[] = [];
  let chunkStart = from;
  let fence: string | undefined;
  let inComment = false;
  let previousBlank = false;
  let pos = from;
  const n = text.length;
  let nextCR = text.indexOf('\r', from);
  let nextLT = text.indexOf('<', from);
  while (pos < n) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = n;
    // Lone CR line breaks: treat the first CR as the end of the line.
    if (nextCR >= 0 && nextCR < pos) nextCR = text.indexOf('\r', pos);
    if (nextCR >= 0 && nextCR < lineEnd - 1) lineEnd = nextCR;
    const blank = isBlankLine(text, pos, lineEnd);
    const first = text.charCodeAt(pos);
    if (fence) {
      const m = fenceAt(text, pos, lineEnd);
      if (m && m.marker[0] === fence[0] && m.marker.length >= fence.length && isBlankLine(text, m.end, lineEnd)) fence = undefined;
    } else if (inComment) {
      if (text.slice(pos, lineEnd).includes('-->')) inComment = false;
    } else {
      const isHeading = headingAt(text, pos, lineEnd);
      const unindented = !blank && first !== 32 && first !== 9;
      // An ATX heading always starts a new block; after a blank line an unindented line cannot continue a list item.
      const size = pos - chunkStart;
      const cutHere = size > 0 && ((isHeading && size >= MIN_CHUNK) || (previousBlank && unindented && size >= SOFT_LIMIT));
      if (cutHere) {
        chunks.push({ start: chunkStart, end: pos });
        chunkStart = pos;
      }
      const fm = fenceAt(text, pos, lineEnd);
      if (fm) fence = fm.marker;
      else {
        if (nextLT >= 0 && nextLT < pos) nextLT = text.indexOf('<', pos);
        if (nextLT >= 0 && nextLT < lineEnd) {
          const line = text.slice(pos, lineEnd);
          const open = line.lastIndexOf('<!--');
          if (open >= 0 && line.indexOf('-->', open + 4) < 0) inComment = true;
        }
      }
    }
    previousBlank = blank;
    pos = lineEnd + 1;
  }
  if (chunkStart < n || chunks.length === 0) chunks.push({ start: chunkStart, end: n });
  return chunks;
}

/** White space as String.prototype.trim removes it (also what the plain-block scanner treats as space). */
export function isWhiteSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Up to three spaces, then one to six #, then a space, a tab or the line end. */
function headingAt(text: string, pos: number, lineEnd: number): boolean {
  let i = pos;
  while (i < lineEnd && i - pos < 3 && text.charCodeAt(i) === 32) i++;
  const hashes = i;
  while (i < lineEnd && text.charCodeAt(i) === 35) i++;
  const count = i - hashes;
  if (count < 1 || count > 6) return false;
  const next = text.charCodeAt(i);
  return i >= lineEnd || next === 32 || next === 9;
}

/** A fence opening or closing at the line start (up to three spaces, then ``` or ~~~ or longer). */
function fenceAt(text: string, pos: number, lineEnd: number): { marker: string; end: number } | undefined {
  let i = pos;
  while (i < lineEnd && i - pos < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  if (c !== 96 && c !== 126) return undefined;
  const m = FENCE.exec(text.slice(pos, Math.min(lineEnd, pos + 200)));
  return m ? { marker: m[1], end: pos + m[0].length } : undefined;
}
