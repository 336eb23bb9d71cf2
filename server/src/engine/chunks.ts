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

const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
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
  const chunks: ChunkSpan[] = [];
  let chunkStart = from;
  let fence: string | undefined;
  let inComment = false;
  let previousBlank = false;
  let pos = from;
  const n = text.length;
  let nextCR = text.indexOf('\r', from);
  while (pos < n) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = n;
    // Lone CR line breaks: treat the first CR as the end of the line.
    if (nextCR >= 0 && nextCR < pos) nextCR = text.indexOf('\r', pos);
    if (nextCR >= 0 && nextCR < lineEnd - 1) lineEnd = nextCR;
    const line = text.slice(pos, Math.min(lineEnd, pos + 200));
    const blank = line.trim() === '' && (lineEnd - pos < 200 || text.slice(pos, lineEnd).trim() === '');
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.slice(m[0].length).trim() === '') fence = undefined;
    } else if (inComment) {
      if (text.slice(pos, lineEnd).includes('-->')) inComment = false;
    } else {
      const isHeading = HEADING.test(line);
      const first = line.charCodeAt(0);
      const unindented = !blank && first !== 32 && first !== 9;
      // An ATX heading always starts a new block; after a blank line an unindented line cannot continue a list item.
      const size = pos - chunkStart;
      const cutHere = size > 0 && ((isHeading && size >= MIN_CHUNK) || (previousBlank && unindented && size >= SOFT_LIMIT));
      if (cutHere) {
        chunks.push({ start: chunkStart, end: pos });
        chunkStart = pos;
      }
      const fm = FENCE.exec(line);
      if (fm) fence = fm[1];
      else {
        const full = lineEnd - pos > 200 ? text.slice(pos, lineEnd) : line;
        const open = full.lastIndexOf('<!--');
        if (open >= 0 && full.indexOf('-->', open + 4) < 0) inComment = true;
      }
    }
    previousBlank = blank;
    pos = lineEnd + 1;
  }
  if (chunkStart < n || chunks.length === 0) chunks.push({ start: chunkStart, end: n });
  return chunks;
}
