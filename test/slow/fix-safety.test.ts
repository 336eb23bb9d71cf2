/**
 * Edit safety on real agreements and our examples: every quick fix of every finding keeps the text outside its
 * range, and the preferred one removes its finding and adds none. A long run over the shared corpus; the unit tier
 * checks fixes on hand-made drafts (test/unit/fixes.test.ts).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCatalogue, DocumentAnalyzer, fixesFor, type Finding } from '../../server/src/engine/index.js';
import { applyFix, asks, assertOnlyEditedSpans } from '../unit/fix-checks.js';

describe('edit safety on real agreements and examples', () => {
  const dirs = [join(process.cwd(), '..', 'shared', 'corpus'), join(process.cwd(), 'examples')];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => join(d, f)));
  assert.ok(files.length >= 10, 'corpus and examples are present');
  for (const file of files) {
    test(`every fix keeps the text outside its range, removes its finding and adds none: ${file.split('/').slice(-2).join('/')}`, () => {
      const text = readFileSync(file, 'utf8');
      // One incremental analyzer: after a fix only the touched chunk is parsed again.
      const analyzer = new DocumentAnalyzer();
      const a = analyzer.update(text);
      const baseline = new Map<string, number>();
      for (const f of a.findings) for (const k of asks(f, text)) baseline.set(k, (baseline.get(k) ?? 0) + 1);
      for (const finding of a.findings) {
        for (const fix of fixesFor(a, finding)) {
          if (fix.edits.length === 0) continue;
          for (const e of fix.edits) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end, 'edit inside the document');
          assertOnlyEditedSpans(text, fix);
          if (!fix.preferred) continue;
          const after = analyzer.update(applyFix(text, fix));
          const k = asks(finding, text)[0];
          const remaining = after.findings.flatMap((f) => asks(f, after.text)).filter((x) => x === k).length;
          assert.ok(remaining < (baseline.get(k) ?? 0), `"${fix.title}" removes ${k}`);
          // No new kind of finding appears (insertions may shift positions, so compare by rule and excerpt).
          // An inserted clause may say which side its text favours (information about the clause just chosen).
          // And a clause only some deals need may become expected by what the inserted text says (an incident clause
          // that cites the AI Act makes the AI Act roles expected): that is the draft's new scope, not a side effect.
          const catalogue = builtinCatalogue();
          // A clause's position finding is one per clause: the same finding on the reworded sentence is not new.
          const inserted = (f: Finding) =>
            (f.rule === 'unfavourable-position' && f.clause === finding.clause && f.severity === 'information') ||
            (f.rule === 'unfavourable-position' && a.findings.some((g) => g.rule === f.rule && g.clause === f.clause && g.severity === f.severity)) ||
            (fix.title.startsWith('Insert ') && f.rule === 'missing-clause' && !!catalogue.clause(f.clause ?? '')?.detection.expectedWhen);
          const newKeys = after.findings.filter((f) => !inserted(f)).flatMap((f) => asks(f, after.text)).filter((x) => !baseline.has(x));
          assert.deepEqual(newKeys, [], `"${fix.title}" introduces no new finding`);
        }
      }
    });
  }
});
