/**
 * Isolation (issue 6): a rule that throws costs only its own findings. The analysis still returns every other
 * finding, `ruleErrors` names the rule, and the failure is logged once per analyzer, with the rule id.
 *
 * Faults are injected through the engine's test hook `__testing.faultyRules` (server/src/engine/analyzer.ts):
 * a rule id makes that rule's findings fail; a phase name ('clause-detection', 'document-rules', 'local-rules')
 * makes the whole phase throw.
 */

import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, DocumentAnalyzer, type DocumentAnalysis, type Finding } from '../../server/src/engine/index.js';
import { __testing } from '../../server/src/engine/analyzer.js';
import { generateDraft } from '../../bench/generate.js';

const DRAFT = generateDraft(40_000, 77);
const SIGNATURES = DRAFT.lastIndexOf('## Signatures');
// A paragraph that triggers a few more rules (a dangling cross-reference among them), before the signature block.
const TEXT = `${DRAFT.slice(0, SIGNATURES)}## 99. Miscellaneous\n\nProvider shall deliver the report described in Section 77.3 and/or the model card promptly.\n\n${DRAFT.slice(SIGNATURES)}`;

const key = (f: Finding) => `${f.rule}|${f.clause ?? ''}|${f.element ?? ''}|${f.start}|${f.end}|${f.message}`;

function keys(a: DocumentAnalysis, exclude: (f: Finding) => boolean = () => false): string[] {
  return a.findings.filter((f) => !exclude(f)).map(key).sort();
}

afterEach(() => __testing.faultyRules.clear());

const BASELINE = analyzeText(TEXT);

test('the baseline draft has findings of several rules and no rule error', () => {
  assert.deepEqual(BASELINE.ruleErrors, []);
  const rules = new Set(BASELINE.findings.map((f) => f.rule));
  assert.ok(rules.size >= 4, `only ${[...rules].join(', ')}`);
  assert.ok(rules.has('vague-efforts'), 'the draft uses "reasonable efforts"');
});

for (const rule of ['vague-efforts', 'and-or', 'including-but-not-limited', 'dangling-cross-reference']) {
  test(`a throwing ${rule} rule costs only the ${rule} findings`, () => {
    assert.ok(BASELINE.findings.some((f) => f.rule === rule), `the baseline must have ${rule} findings for this test to mean anything`);
    __testing.faultyRules.add(rule);
    const faulted = analyzeText(TEXT);
    assert.equal(faulted.findings.filter((f) => f.rule === rule).length, 0, `${rule} findings must be gone`);
    assert.deepEqual(keys(faulted), keys(BASELINE, (f) => f.rule === rule), 'every other finding is unchanged');
    assert.ok(faulted.ruleErrors.some((e) => e.rule === rule && e.message.length > 0), `ruleErrors names ${rule}: ${JSON.stringify(faulted.ruleErrors)}`);
    assert.deepEqual([...new Set(faulted.ruleErrors.map((e) => e.rule))], [rule], 'no other rule is blamed');
    assert.deepEqual(faulted.coverage, BASELINE.coverage, 'clause coverage is unaffected');
  });
}

test('a throwing clause-detection phase costs only clause findings', () => {
  const clauseRules = new Set(['missing-clause', 'incomplete-clause', 'unfavourable-position']);
  __testing.faultyRules.add('clause-detection');
  const faulted = analyzeText(TEXT);
  assert.ok(faulted.ruleErrors.some((e) => e.rule === 'clause-detection'));
  assert.equal(faulted.findings.filter((f) => clauseRules.has(f.rule)).length, 0);
  assert.deepEqual(keys(faulted), keys(BASELINE, (f) => clauseRules.has(f.rule)), 'wording findings are unchanged');
});

test('a throwing document-rules phase keeps the local wording rules and the clause findings', () => {
  __testing.faultyRules.add('document-rules');
  const faulted = analyzeText(TEXT);
  assert.ok(faulted.ruleErrors.some((e) => e.rule === 'document-rules'));
  for (const rule of ['and-or', 'missing-clause', 'incomplete-clause']) {
    const before = BASELINE.findings.filter((f) => f.rule === rule).map(key).sort();
    const after = faulted.findings.filter((f) => f.rule === rule).map(key).sort();
    assert.deepEqual(after, before, `${rule} findings survive`);
  }
  // Where the (document-level) efforts-inconsistency warning replaced a vague-efforts note, the note comes back.
  const superseded = new Set(BASELINE.findings.filter((f) => f.rule === 'efforts-inconsistency').map((f) => f.start));
  const vagueAfter = faulted.findings.filter((f) => f.rule === 'vague-efforts');
  for (const f of BASELINE.findings.filter((x) => x.rule === 'vague-efforts')) {
    assert.ok(vagueAfter.some((g) => g.start === f.start && g.end === f.end), `vague-efforts at ${f.start} survives`);
  }
  for (const g of vagueAfter) {
    assert.ok(BASELINE.findings.some((f) => f.rule === 'vague-efforts' && f.start === g.start) || superseded.has(g.start), `no unexpected vague-efforts at ${g.start}`);
  }
  assert.ok(faulted.findings.length > 0);
});

test('a throwing local-rules phase keeps the clause findings', () => {
  __testing.faultyRules.add('local-rules');
  const faulted = analyzeText(TEXT);
  assert.ok(faulted.ruleErrors.some((e) => e.rule === 'local-rules'), `ruleErrors: ${JSON.stringify(faulted.ruleErrors)}`);
  const clause = (a: DocumentAnalysis) => a.findings.filter((f) => f.rule === 'missing-clause' || f.rule === 'incomplete-clause').map(key).sort();
  assert.deepEqual(clause(faulted), clause(BASELINE));
});

test('a failure is logged once per analyzer, with the rule id', () => {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  try {
    __testing.faultyRules.add('vague-efforts');
    const analyzer = new DocumentAnalyzer();
    const a = analyzer.update(TEXT);
    analyzer.update(TEXT + '\nProvider shall use reasonable efforts to comply.\n');
    assert.ok(a.findings.length > 0, 'the analysis still returns findings');
  } finally {
    console.error = original;
  }
  const mentions = logged.filter((l) => l.includes('vague-efforts'));
  assert.equal(mentions.length, 1, `logged ${mentions.length} times: ${JSON.stringify(logged)}`);
});

test('after the fault is cleared the rule reports again', () => {
  __testing.faultyRules.add('vague-efforts');
  const analyzer = new DocumentAnalyzer();
  assert.equal(analyzer.update(TEXT).findings.filter((f) => f.rule === 'vague-efforts').length, 0);
  __testing.faultyRules.clear();
  const again = analyzer.update(TEXT + '\n');
  assert.ok(again.findings.some((f) => f.rule === 'vague-efforts'));
  assert.deepEqual(again.ruleErrors, []);
});
