import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, applyEdits, fixesFor, insertClauseFix, type Finding, type DocumentAnalysis, type Fix } from '../../server/src/engine/index.js';
import { aiDraft } from './helpers.js';
import { applyFix, assertOnlyEditedSpans } from './fix-checks.js';

function preferred(a: DocumentAnalysis, f: Finding): Fix | undefined {
  return fixesFor(a, f).find((x) => x.preferred && x.edits.length);
}

describe('quick fixes', () => {
  test('vague phrase: replace only the phrase, keeping capitalisation', () => {
    const text = aiDraft('"Business Day" means a weekday.\n\nPromptly after notice, Provider shall promptly fix errors within 2 Business Days.');
    const a = analyzeText(text);
    const f = a.findings.filter((x) => x.rule === 'vague-time');
    assert.equal(f.length, 2);
    const fix = preferred(a, f[0])!;
    assert.equal(fix.edits[0].newText, 'Within 2 Business Days');
    assertOnlyEditedSpans(text, fix);
  });

  test('a draft without Business Days gets calendar days in inserted text', () => {
    const text = aiDraft('Provider shall promptly fix errors.');
    const a = analyzeText(text);
    const fix = preferred(a, a.findings.find((x) => x.rule === 'vague-time')!)!;
    assert.equal(fix.edits[0].newText, 'within 2 calendar days');
  });

  test('snippet edits carry a tab stop and a plain fallback', () => {
    const text = aiDraft('Provider shall promptly fix errors.');
    const a = analyzeText(text);
    const f = a.findings.find((x) => x.rule === 'vague-time')!;
    const fix = fixesFor(a, f, { snippets: true }).find((x) => x.preferred)!;
    assert.equal(fix.edits[0].snippet, true);
    assert.equal(fix.edits[0].newText, 'within ${1:2} calendar days');
    assert.equal(fix.edits[0].plain, 'within 2 calendar days');
  });

  test('and/or becomes "or B or both"', () => {
    const text = aiDraft('Customer may suspend and/or terminate the licence.');
    const a = analyzeText(text);
    const fix = preferred(a, a.findings.find((x) => x.rule === 'and-or')!)!;
    assert.match(applyFix(text, fix), /suspend or terminate or both the licence/);
  });

  test('disable fixes insert HTML comments that silence exactly that finding', () => {
    const text = aiDraft('Customer may suspend and/or terminate the licence.');
    const a = analyzeText(text);
    const finding = a.findings.find((x) => x.rule === 'and-or')!;
    const fixes = fixesFor(a, finding);
    for (const title of ['Disable and-or on this line', 'Disable and-or in this file']) {
      const fix = fixes.find((x) => x.title === title)!;
      assert.ok(fix, title);
      assertOnlyEditedSpans(text, fix);
      const after = applyFix(text, fix);
      assert.equal(analyzeText(after).findings.filter((x) => x.rule === 'and-or').length, 0, title);
    }
    assert.ok(fixes.some((x) => x.command?.name === 'showRuleDocumentation'));
  });

  test('insert clause: uses the draft party names and verb, continues the numbering, nothing else changes', () => {
    const text = aiDraft('## 3. Fees\n\nCustomer will pay the fees within 30 calendar days.\n\n## 4. Governing Law\n\nThis Agreement is governed by the laws of England.', { verb: 'will' });
    const a = analyzeText(text);
    const finding = a.findings.find((x) => x.rule === 'missing-clause' && x.clause === 'output-ownership');
    assert.ok(finding, 'output-ownership is missing');
    const fix = preferred(a, finding!)!;
    assertOnlyEditedSpans(text, fix);
    const inserted = fix.edits[0].newText;
    assert.match(inserted, /^## 5\. /m, `numbered after the last section: ${inserted}`);
    assert.ok(!/\{Licensor\}|\{Licensee\}|\{shall\}|\[\[/.test(inserted), 'template fully rendered');
    assert.ok(/Customer|Provider/.test(inserted), 'uses the draft party names');
    assert.ok(!/\bshall\b/.test(inserted), `a "will" draft gets "will": ${inserted}`);
    const after = analyzeText(applyFix(text, fix));
    assert.ok(!after.findings.some((x) => x.rule === 'missing-clause' && x.clause === 'output-ownership'), 'the finding is gone');
  });

  test('a fix computed for one version cannot be applied blindly: edits are offset-based and checked', () => {
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 5, newText: 'x' }]));
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]));
  });
});

describe('edit safety', () => {
  // Every fix of every finding on the corpus and examples: test/slow/fix-safety.test.ts.
  test('insertClauseFix places every catalogue clause without touching other text', () => {
    const text = readFileSync(join(process.cwd(), 'examples', 'gappy-ai-licence.md'), 'utf8');
    const a = analyzeText(text);
    for (const c of a.coverage) {
      const fix = insertClauseFix(a, c.clause);
      assert.ok(fix, c.clause);
      assertOnlyEditedSpans(text, fix!);
    }
  });
});

test('an inserted clause is never filed under a section titled for another clause of its group', () => {
  const text = aiDraft(
    [
      '## 3. Limitation of Liability',
      '',
      '3.1 Each party’s total liability under this Agreement is limited to the fees paid in the 12 months before the claim.',
      '',
      '3.2 Neither party is liable for indirect or consequential loss.',
      '',
      '## 4. General',
      '',
      '4.1 This Agreement is governed by the laws of England and Wales, and the courts of England and Wales have exclusive jurisdiction.',
    ].join('\n'),
  );
  const fix = insertClauseFix(analyzeText(text), 'export-control-sanctions');
  assert.ok(fix);
  const inserted = fix.edits.map((e) => e.newText).join('');
  assert.doesNotMatch(inserted, /^\s*#*\s*3\.\d/m, 'not a sub-clause of "Limitation of Liability"');
  const at = fix.edits[0].start;
  assert.ok(at > text.indexOf('## 4. General'), 'after the last numbered section, numbered to continue');
});
