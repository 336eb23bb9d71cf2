/** Checks on quick fixes shared by test/unit/fixes.test.ts and test/slow/fix-safety.test.ts. */
import assert from 'node:assert/strict';
import { applyEdits, type Finding, type Fix } from '../../server/src/engine/index.js';

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** Every byte outside the edit spans is unchanged. */
export function assertOnlyEditedSpans(before: string, fix: Fix): void {
  const after = applyFix(before, fix);
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  let delta = 0;
  let cursor = 0;
  for (const e of edits) {
    assert.equal(after.slice(cursor + delta, e.start + delta), before.slice(cursor, e.start), 'text before an edit is unchanged');
    delta += e.newText.length - (e.end - e.start);
    cursor = e.end;
  }
  assert.equal(after.slice(cursor + delta), before.slice(cursor), 'text after the last edit is unchanged');
}

export function key(f: Finding, text: string): string {
  return `${f.rule}|${f.clause ?? ''}|${text.slice(f.start, f.end)}`;
}

/** What a finding asks for: for an incomplete clause, each missing element counts separately. */
export function asks(f: Finding, text: string): string[] {
  const elements = (f.data?.elements as string[] | undefined) ?? [];
  return elements.length ? elements.map((e) => `${key(f, text)}#${e}`) : [key(f, text)];
}
