/** A reference whose title does not match the section it numbers ("Section 7 (Confidentiality)" when 7 is Fees). */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { candidateNote, checkedReferences, renumberFix, sectionFinder, titleMatches } from './support/cross-references.js';

export const rule: Rule = {
  id: 'cross-reference-title-mismatch',
  scope: 'document',
  detect({ model }, out) {
    const sectionsWithTitle = sectionFinder(model);
    for (const ref of checkedReferences(model)) {
      if (ref.resolved === undefined || !ref.title) continue;
      const target = model.sections[ref.resolved];
      if (!target.title || titleMatches(ref.title, target, model)) continue;
      const candidates = sectionsWithTitle(ref.title).filter((s) => s.index !== target.index);
      out.push({
        rule: 'cross-reference-title-mismatch',
        start: ref.start,
        end: ref.end,
        data: { target: ref.target, kind: ref.kind, title: ref.title, actualTitle: target.title, candidates: candidates.map((s) => s.number) },
      });
    }
  },
  message: (d) => `${d.kind} ${d.target} is "${d.actualTitle}", not "${d.title}"${candidateNote(d)}.`,
  fixes({ analysis, finding, data }) {
    const fixes: Fix[] = renumberFix(analysis.text, finding, data);
    if (data.actualTitle) {
      const titleAt = analysis.text.lastIndexOf(String(data.title), finding.end);
      if (titleAt >= finding.start) {
        fixes.push({ title: `Use the title of ${data.kind} ${String(data.target)}: "${data.actualTitle}"`, kind: 'quickfix', edits: [{ start: titleAt, end: titleAt + String(data.title).length, newText: String(data.actualTitle) }] });
      }
    }
    return fixes;
  },
};
