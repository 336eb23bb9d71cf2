/**
 * What the incremental-analysis tests compare (test/unit/incremental.test.ts, test/slow/incremental-edits.test.ts):
 * what a user sees of an analysis, and single edits of the kinds typing makes.
 */
import type { DocumentAnalysis } from '../../server/src/engine/index.js';

/** Everything a user sees of an analysis: findings with their messages, and clause coverage. */
export function visible(a: DocumentAnalysis): string {
  return JSON.stringify({
    findings: a.findings.map((f) => [f.rule, f.clause, f.element, f.start, f.end, f.severity, f.message]),
    coverage: a.coverage.map((c) => [c.clause, c.status, c.missingElements, c.variant]),
    sections: a.model.sections.length,
    definitions: a.model.definitions.map((d) => d.term),
  });
}

/** Single edits of the kinds typing makes: insertions, deletions, new lines, edits to terms and headings. */
export function edit(text: string, i: number, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (i % 6) {
    case 0:
      return text.slice(0, at) + 'e' + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40));
    case 2:
      return text.slice(0, at) + '\n\n' + text.slice(at);
    case 3: {
      // Rename a defined term where it is defined (the set of terms changes, so every chunk's term uses are stale)
      // or where it is used.
      const marker = Math.floor(i / 6) % 2 === 0 ? '**"' : 'Customer Data';
      const places: number[] = [];
      for (let p = text.indexOf(marker); p >= 0; p = text.indexOf(marker, p + 1)) places.push(p + (marker === '**"' ? 3 : 0));
      if (places.length === 0) return text;
      const where = places[Math.floor(random() * places.length)];
      return text.slice(0, where) + 'New ' + text.slice(where);
    }
    case 4: {
      const heading = text.indexOf('\n## ', at);
      return heading < 0 ? text : text.slice(0, heading + 4) + 'Liability ' + text.slice(heading + 4);
    }
    default:
      return text.slice(0, at) + ' promptly and/or' + text.slice(at);
  }
}
