/** Sentence bounds inside a block of the prose mask, found by scanning at most a fixed distance each way. */
const LIMIT = 800;

export function sentenceBounds(mask: string, pos: number, blockStart: number, blockEnd: number): { start: number; end: number } {
  let start = pos;
  const minStart = Math.max(blockStart, pos - LIMIT);
  while (start > minStart) {
    const c = mask.charCodeAt(start - 1);
    // . ! ? ; followed by white space end a sentence; so does a blank line.
    if ((c === 46 || c === 33 || c === 63 || c === 59) && isSpace(mask.charCodeAt(start)) && !isAbbreviation(mask, start - 1)) break;
    if (c === 10 && start - 2 >= minStart && mask.charCodeAt(start - 2) === 10) break;
    start--;
  }
  let end = pos;
  const maxEnd = Math.min(blockEnd, pos + LIMIT);
  while (end < maxEnd) {
    const c = mask.charCodeAt(end);
    if ((c === 46 || c === 33 || c === 63 || c === 59) && (end + 1 >= maxEnd || isSpace(mask.charCodeAt(end + 1))) && !isAbbreviation(mask, end)) {
      end++;
      break;
    }
    end++;
  }
  return { start, end };
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 160 || Number.isNaN(c);
}

/** "e.g.", "i.e.", "U.S.", "Inc.", "No." and numbers such as "4.2" do not end a sentence. */
export function isAbbreviation(mask: string, dot: number): boolean {
  const before = mask.slice(Math.max(0, dot - 5), dot);
  return /(?:\b(?:e\.g|i\.e|etc|Inc|Ltd|No|Co|Corp|U\.S|St|Mr|Ms|Dr|vs|cf|Art|Sec)|\b[A-Z])$/.test(before);
}
