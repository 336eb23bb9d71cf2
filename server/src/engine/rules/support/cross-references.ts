/** What the cross-reference rules share: which references are checked, and sections found by title. */
import type { ContractModel, CrossReference, Section } from '../../types.js';
import { parseNumberedTitle } from '../../model.js';
import { memoize } from '../../memo.js';

function startsWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** The references to numbered sections of this agreement, when it has at least three numbered sections (else none). */
export function checkedReferences(model: ContractModel): CrossReference[] {
  let numbered = 0;
  for (const s of model.sections) if (s.number && startsWithDigit(s.number) && ++numbered >= 3) break;
  if (numbered < 3) return []; // without numbered sections there is nothing to resolve against
  return model.crossReferences.filter(
    (ref) => !ref.external && (ref.kind === 'Section' || ref.kind === 'Clause' || ref.kind === 'Article' || ref.kind === 'Paragraph') && startsWithDigit(ref.target),
  );
}

/** Numbered sections whose title has the same significant words as a title (the index is built on first use). */
export function sectionFinder(model: ContractModel): (title: string) => Section[] {
  let byTitle: Map<string, Section[]> | undefined;
  return (title) => {
    if (!byTitle) {
      byTitle = new Map();
      for (const s of model.sections) {
        if (!s.number) continue;
        const key = sectionTitleKey(s.title);
        const list = byTitle.get(key);
        if (list) list.push(s);
        else byTitle.set(key, [s]);
      }
    }
    return byTitle.get(titleKey(title)) ?? [];
  };
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'for', 'in', 'on', 'by', 'with', 'from', 'its', 'our', 'your']);

/** Significant words of a title, singular and lower case; memoised, since titles repeat on every edit. */
const titleWords = memoize(computeTitleWords);

/** The significant words of a title as one string (memoised: the same string object for the same title). */
const titleKey = memoize((title: string) => titleWords(title).join(' '));
const sectionTitleKey = memoize((title: string) => titleKey(parseNumberedTitle(title).title));

function computeTitleWords(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w))
    .map((w) => w.replace(/(?:ies)$/, 'y').replace(/(?<=[a-z]{3})s$/, ''));
}

export function titleMatches(refTitle: string, target: { title: string; parent?: number }, model: ContractModel): boolean {
  const ref = titleWords(refTitle);
  if (ref.length === 0) return true;
  const own = new Set(titleWords(target.title));
  // Composite titles: "Representations & Warranties from Provider" for 6.3 "From Provider" under 6 "Representations & Warranties".
  let cur = target.parent;
  for (let depth = 0; cur !== undefined && depth < 3; depth++) {
    for (const w of titleWords(model.sections[cur].title)) own.add(w);
    cur = model.sections[cur].parent;
  }
  const hits = ref.filter((w) => own.has(w)).length;
  return hits / ref.length >= 0.6;
}

/** "Section 9.2" of a finding renumbered to the first candidate section with the referenced title. */
export function renumberFix(text: string, finding: { start: number; end: number }, data: Record<string, unknown>) {
  const candidates = (data.candidates as (string | undefined)[]) ?? [];
  const target = String(data.target);
  const numberAt = text.indexOf(target, finding.start);
  if (!candidates[0] || numberAt < 0 || numberAt >= finding.end) return [];
  return [
    {
      title: `Refer to ${data.kind} ${candidates[0]} ("${data.title}")`,
      kind: 'quickfix' as const,
      edits: [{ start: numberAt, end: numberAt + target.length, newText: candidates[0] }],
      preferred: true,
    },
  ];
}

/** "; "Title" is Section N" when a section has the referenced title. */
export function candidateNote(d: Record<string, unknown>): string {
  return (d.candidates as string[])?.length ? `; "${d.title}" is ${d.kind} ${(d.candidates as string[])[0]}` : '';
}
