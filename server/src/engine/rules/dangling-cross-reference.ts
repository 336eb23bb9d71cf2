/** A reference to a numbered section that does not exist ("Section 14.3" in an agreement with 12 sections). */
import type { Rule } from './types.js';
import { candidateNote, checkedReferences, renumberFix, sectionFinder } from './support/cross-references.js';

export const rule: Rule = {
  id: 'dangling-cross-reference',
  scope: 'document',
  detect({ model }, out) {
    const sectionsWithTitle = sectionFinder(model);
    for (const ref of checkedReferences(model)) {
      if (ref.resolved !== undefined) continue;
      const candidates = ref.title ? sectionsWithTitle(ref.title) : [];
      out.push({ rule: 'dangling-cross-reference', start: ref.start, end: ref.end, data: { target: ref.target, kind: ref.kind, title: ref.title, candidates: candidates.map((s) => s.number) } });
    }
  },
  message: (d) => `${d.kind} ${d.target} does not exist in this agreement${candidateNote(d)}.`,
  fixes: ({ analysis, finding, data }) => renumberFix(analysis.text, finding, data),
};
