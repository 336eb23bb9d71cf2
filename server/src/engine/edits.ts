import type { TextEdit } from './types.js';

/** Applies non-overlapping edits (any order) to `text`. Throws when edits overlap or fall outside the text. */
export function applyEdits(text: string, edits: readonly TextEdit[], useSnippets = false): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) overlaps another edit or lies outside the text`);
    }
    out += text.slice(cursor, edit.start) + (useSnippets || !edit.snippet ? edit.newText : (edit.plain ?? edit.newText));
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
