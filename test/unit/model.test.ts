import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, resolveConfig } from '../../server/src/engine/index.js';
import { aiDraft } from './helpers.js';

describe('contract model', () => {
  test('parties and their short names, with roles', () => {
    const a = analyzeText(aiDraft('Text.'));
    const names = a.model.parties.map((p) => `${p.shortName}:${p.role}`);
    assert.deepEqual(names, ['Provider:licensor', 'Customer:licensee']);
  });

  test('obligation verb follows the draft: shall or will', () => {
    assert.equal(analyzeText(aiDraft('Provider shall act. Customer shall pay.')).model.obligationVerb, 'shall');
    const will = aiDraft('Provider will act. Customer will pay. Provider will report. Customer will review.', { verb: 'will' });
    assert.equal(analyzeText(will).model.obligationVerb, 'will');
  });

  test('numbered headings, bold run-in headings and nested ordered lists become sections', () => {
    const text = [
      '# Agreement',
      '',
      '## 5. Data',
      '',
      '### 5.1 Use',
      '',
      'Text.',
      '',
      '**6. Fees.** Customer will pay.',
      '',
      '**6.1.** Invoices. Provider will invoice.',
      '',
      '1. <span class="header_2" id="7">Security</span>',
      '    1. <span class="header_3" id="7.1">Encryption.</span>  Provider will encrypt.',
    ].join('\n');
    const sections = analyzeText(text).model.sections.map((s) => `${s.number ?? '-'} ${s.title} (${s.kind}, level ${s.level})`);
    assert.deepEqual(sections, [
      '- Agreement (heading, level 1)',
      '5 Data (heading, level 2)',
      '5.1 Use (heading, level 3)',
      '6 Fees (run-in, level 4)',
      '6.1 Invoices (run-in, level 5)',
      '7 Security (list-item, level 4)',
      '7.1 Encryption (list-item, level 5)',
    ]);
  });

  test('sections end where the next section of the same or a higher level starts', () => {
    const text = '# T\n\n## 1. A\n\n### 1.1 B\n\nx\n\n## 2. C\n\ny\n';
    const s = analyzeText(text).model.sections;
    assert.equal(text.slice(s[1].start, s[1].end), '## 1. A\n\n### 1.1 B\n\nx\n\n');
    assert.equal(s[2].parent, 1);
  });

  test('cross-references with titles are parsed and resolved; references to other documents are external', () => {
    const text = aiDraft('## 3. Fees\n\nSee Section 4.1 (Term) and Clause 3. See Article 73 of the EU AI Act.\n\n## 4. Term\n\n### 4.1 Term\n\nx');
    const refs = analyzeText(text).model.crossReferences;
    const byTarget = Object.fromEntries(refs.map((r) => [r.target, r]));
    assert.equal(byTarget['4.1'].title, 'Term');
    assert.notEqual(byTarget['4.1'].resolved, undefined);
    assert.notEqual(byTarget['3'].resolved, undefined);
    assert.equal(byTarget['73'].external, true);
  });

  test('front matter is read and can declare the document kind', () => {
    const text = '---\ntitle: Notes\nai-clauses:\n  kind: not-contract\n---\n\n# Notes\n\nProvider shall promptly act and/or wait.\n';
    const a = analyzeText(text);
    assert.equal(a.model.frontMatter.title, 'Notes');
    assert.equal(a.applicability.isContract, false);
    assert.equal(a.findings.length, 0);
  });

  test('a README or design note is not a contract and gets no findings', () => {
    const text = '# My project\n\nInstall it with `npm install`. Then run the tests and/or the linter. The build will promptly finish.\n\n## Usage\n\nCall `run()`.\n';
    const a = analyzeText(text);
    assert.equal(a.applicability.isContract, false);
    assert.deepEqual(a.findings, []);
  });

  test('documentKind setting overrides detection', () => {
    const text = '# Notes\n\nThe service will promptly respond.\n';
    const a = analyzeText(text, resolveConfig({ settings: { documentKind: 'ai-agreement' } }));
    assert.equal(a.applicability.isAIAgreement, true);
    assert.ok(a.findings.some((f) => f.rule === 'vague-time'));
  });

  test('a contract that is not about AI gets drafting checks but no missing-clause findings', () => {
    const text = [
      '# Mutual Non-Disclosure Agreement',
      '',
      'This Agreement is between Alpha Ltd ("Alpha") and Beta Ltd ("Beta"). Each party shall keep the Confidential Information of the other party confidential and shall promptly return it on termination. This Agreement is governed by the laws of England. A party in breach is liable for the loss it causes, and the disclosing party warrants that it may disclose the information.',
    ].join('\n');
    const a = analyzeText(text);
    assert.equal(a.applicability.isContract, true);
    assert.equal(a.applicability.isAIAgreement, false);
    assert.equal(a.findings.filter((f) => f.rule === 'missing-clause').length, 0);
    assert.ok(a.findings.some((f) => f.rule === 'vague-time'));
    assert.ok(a.coverage.every((c) => c.status !== 'missing'));
  });
});
