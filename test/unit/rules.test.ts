import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { aiDraft, excerpts, findings } from './helpers.js';
import { builtinCatalogue } from '../../server/src/engine/index.js';

/** Each rule: text that must be flagged (with the flagged excerpt), text that must not be, and an edge case. */
interface Case {
  rule: string;
  positive: { body: string; excerpt: string }[];
  negative: string[];
}

const cases: Case[] = [
  {
    rule: 'vague-efforts',
    positive: [
      { body: 'Provider shall use commercially reasonable efforts to restore the AI System.', excerpt: 'commercially reasonable efforts' },
      { body: 'Provider shall use best endeavours to restore the AI System.', excerpt: 'best endeavours' },
    ],
    negative: ['Provider shall restore the AI System within 4 hours after notice.', 'Provider shall use reasonable efforts to restore the AI System.'],
  },
  {
    rule: 'vague-time',
    positive: [
      { body: 'Provider shall promptly notify Customer of any incident.', excerpt: 'promptly' },
      { body: 'Provider shall notify Customer as soon as practicable.', excerpt: 'as soon as practicable' },
      { body: 'Provider shall notify Customer without undue delay.', excerpt: 'without undue delay' },
    ],
    negative: [
      'Provider shall notify Customer within 24 hours after becoming aware of any incident.',
      // An outer limit makes "without undue delay" precise.
      'Provider shall notify Customer without undue delay and in any event within 48 hours.',
      'Customer may terminate this Agreement immediately by written notice.',
    ],
  },
  {
    rule: 'vague-standard',
    positive: [{ body: 'Provider shall protect Customer data using industry standard security.', excerpt: 'industry standard' }],
    negative: [
      'Provider shall protect Customer data using industry standard security as described in Schedule 3.',
      'Provider shall encrypt Customer data using AES-256 at rest.',
    ],
  },
  {
    rule: 'and-or',
    positive: [{ body: 'Customer may suspend and/or terminate the licence.', excerpt: 'and/or' }],
    negative: ['Customer may suspend or terminate the licence, or both.'],
  },
  {
    rule: 'including-but-not-limited',
    positive: [
      { body: 'Provider may use logs, including but not limited to error reports.', excerpt: 'including but not limited to' },
      { body: 'Provider may use logs, including, without limitation, error reports.', excerpt: 'including, without limitation' },
    ],
    negative: ['Provider may use logs, including error reports.'],
  },
  {
    rule: 'shall-misuse',
    positive: [
      { body: 'This Agreement shall be governed by the laws of England.', excerpt: 'shall be governed by' },
      { body: '"Fees" shall mean the fees in the Order Form.', excerpt: 'shall mean' },
      { body: 'This Agreement shall terminate on the third anniversary.', excerpt: 'shall' },
    ],
    negative: ['Provider shall deliver the AI System.', 'This Agreement is governed by the laws of England.'],
  },
  {
    rule: 'ai-as-party',
    positive: [
      { body: 'The AI System shall ensure that all decisions are fair.', excerpt: 'The AI System shall ensure' },
      { body: 'All Output is owned by the AI System.', excerpt: 'owned by the AI System' },
    ],
    negative: ['The AI System generates Output from prompts.', 'Provider shall ensure that the AI System treats applicants fairly.'],
  },
  {
    rule: 'joint-ownership-unallocated',
    positive: [{ body: 'The parties jointly own all improvements to the AI System.', excerpt: 'jointly own' }],
    negative: ['The parties jointly own all improvements, and each party may use and license them without the consent of the other.'],
  },
  {
    rule: 'percentage-without-period',
    positive: [{ body: 'Provider shall make the AI System available 99.9% of the time.', excerpt: '99.9%' }],
    negative: [
      'Provider shall make the AI System available 99.9% of the minutes in each calendar month.',
      'Provider shall credit Customer 10% of the monthly fees.',
      'The AI System shall reach 95% accuracy, measured each quarter on the evaluation data.',
    ],
  },
  {
    rule: 'days-without-unit',
    positive: [{ body: '"Business Day" means a weekday.\n\nCustomer may cure a breach within 30 days after notice, and Provider shall respond within 2 Business Days.', excerpt: '30 days' }],
    negative: [
      // Without Business Days anywhere, "days" is read as calendar days.
      'Customer may cure a breach within 30 days after notice.',
      '"Business Day" means a weekday.\n\nCustomer may cure a breach within 30 calendar days, and Provider shall respond within 2 Business Days.',
    ],
  },
  {
    rule: 'number-words-mismatch',
    positive: [{ body: 'Customer may cure within thirty (20) calendar days.', excerpt: 'thirty (20)' }],
    negative: ['Customer may cure within thirty (30) calendar days.', 'Customer may cure within twenty-one (21) calendar days.'],
  },
  {
    rule: 'etc-in-operative-language',
    positive: [{ body: 'Provider may use logs, metrics, etc. to improve the AI System.', excerpt: 'etc.' }],
    negative: ['Provider may use logs and metrics to improve the AI System.'],
  },
  {
    rule: 'passive-without-actor',
    positive: [{ body: 'Customer data shall be deleted within 30 calendar days after termination.', excerpt: 'shall be deleted' }],
    negative: ['Customer data shall be deleted by Provider within 30 calendar days.', 'Provider shall delete Customer data within 30 calendar days.'],
  },
  {
    rule: 'sole-discretion',
    positive: [{ body: 'Provider may change the model in its sole discretion.', excerpt: 'in its sole discretion' }],
    negative: ['Provider may change the model, acting reasonably, on 60 calendar days notice.'],
  },
  {
    rule: 'placeholder-left',
    positive: [
      { body: 'The fees are [●] per month.', excerpt: '[●]' },
      { body: 'The fees are TBD.', excerpt: 'TBD' },
      { body: 'The fees are set by [Licensor].', excerpt: '[Licensor]' },
    ],
    negative: ['The fees are EUR 4,000 per month.'],
  },
  {
    rule: 'material-undefined',
    positive: [{ body: 'Provider shall notify Customer of any material change to the AI System.', excerpt: 'material' }],
    negative: [
      'Provider shall notify Customer of any Material Model Change.\n\n"Material Model Change" means a change to the model family.',
      'Provider shall deliver the training material to Customer.',
    ],
  },
  {
    rule: 'dangling-cross-reference',
    positive: [{ body: '## 3. Fees\n\nFees are due under Section 9.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.', excerpt: 'Section 9' }],
    negative: [
      '## 3. Fees\n\nFees are due under Section 4.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.',
      // References to other documents are never checked.
      '## 3. Fees\n\nSee Article 73 of the EU AI Act and Section 9 of the DPA.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.',
    ],
  },
  {
    rule: 'cross-reference-title-mismatch',
    positive: [{ body: '## 3. Fees\n\nAs set out in Section 4 (Confidentiality).\n\n## 4. Term\n\nText.\n\n## 5. Confidentiality\n\nText.', excerpt: 'Section 4 (Confidentiality)' }],
    negative: ['## 3. Fees\n\nAs set out in Section 5 (Confidentiality).\n\n## 4. Term\n\nText.\n\n## 5. Confidentiality\n\nText.'],
  },
];

describe('wording rules', () => {
  for (const c of cases) {
    test(`${c.rule}: flags the positive cases`, () => {
      for (const p of c.positive) assert.ok(excerpts(aiDraft(p.body), c.rule).includes(p.excerpt), `${c.rule} should flag "${p.excerpt}" in: ${p.body}`);
    });
    test(`${c.rule}: stays quiet on the negative cases`, () => {
      for (const n of c.negative) assert.deepEqual(excerpts(aiDraft(n), c.rule), [], `${c.rule} should not fire on: ${n}`);
    });
  }

  test('every rule in the registry is tested here or in a dedicated test', () => {
    const tested = new Set(cases.map((c) => c.rule));
    const elsewhere = new Set(['missing-clause', 'incomplete-clause', 'efforts-inconsistency', 'mixed-obligation-verbs', 'undefined-term', 'unused-definition', 'duplicate-definition', 'definition-case-mismatch', 'config-error', 'document-too-large']);
    for (const r of builtinCatalogue().rules) assert.ok(tested.has(r.id) || elsewhere.has(r.id), `rule ${r.id} has no test`);
  });

  test('rules find nothing inside code blocks and inline code', () => {
    const t = aiDraft('```\nProvider shall promptly act and/or wait.\n```\n\nUse `and/or` in code.');
    assert.deepEqual(excerpts(t, 'and-or'), []);
    assert.deepEqual(excerpts(t, 'vague-time'), []);
  });

  test('HTML markup is transparent: phrases are found across spans', () => {
    const t = aiDraft('<span class="x">Provider</span> shall use <b>commercially reasonable</b> efforts.');
    assert.equal(findings(t, 'vague-efforts').length, 1);
  });

  test('findings carry the exact range of the phrase', () => {
    const t = aiDraft('Provider shall promptly notify Customer.');
    const [f] = findings(t, 'vague-time');
    assert.equal(t.slice(f.start, f.end), 'promptly');
    assert.match(f.message, /promptly/);
    assert.ok(f.why && f.instead, 'finding explains why and what to write instead');
  });

  test('efforts-inconsistency fires only with two different efforts standards', () => {
    assert.equal(findings(aiDraft('Provider shall use reasonable efforts to fix errors.'), 'efforts-inconsistency').length, 0);
    const mixed = aiDraft('Provider shall use reasonable efforts to fix errors. Customer shall use best efforts to report them.');
    assert.equal(findings(mixed, 'efforts-inconsistency').length, 1);
  });

  test('mixed-obligation-verbs: flags a draft that uses shall and will for obligations', () => {
    const body = ['Provider shall deliver.', 'Provider shall test.', 'Provider shall report.', 'Customer will pay.', 'Customer will review.', 'Customer will sign.'].join(' ');
    assert.equal(findings(aiDraft(body), 'mixed-obligation-verbs').length, 1);
    assert.equal(findings(aiDraft('Provider shall deliver. Provider shall test. Customer shall pay.'), 'mixed-obligation-verbs').length, 0);
  });
});

describe('definition rules', () => {
  const defs = (extra: string) =>
    aiDraft(['**"Evaluation Set"** means the test data in Schedule 1.', '', '**"Customer Data"** means data Customer provides.', '', extra].join('\n'));

  test('unused-definition: a term never used after its definition', () => {
    assert.deepEqual(excerpts(defs('Provider shall protect Customer Data.'), 'unused-definition'), ['Evaluation Set']);
    assert.deepEqual(excerpts(defs('Provider shall protect Customer Data and test on the Evaluation Set.'), 'unused-definition'), []);
  });

  test('duplicate-definition: the second definition of a term', () => {
    const t = defs('**"Customer Data"** means any data. Provider shall test on the Evaluation Set with Customer Data.');
    assert.equal(findings(t, 'duplicate-definition').length, 1);
  });

  test('definition-case-mismatch: mixed-case variants, not generic lower case', () => {
    const t = defs('Provider shall protect Customer data and use the Evaluation Set. Provider shall delete Customer Data.');
    assert.deepEqual(excerpts(t, 'definition-case-mismatch'), ['Customer data']);
    assert.deepEqual(excerpts(defs('Provider shall protect customer data, Customer Data and the Evaluation Set.'), 'definition-case-mismatch'), []);
  });

  test('undefined-term: a capitalised term used like a defined one but never defined', () => {
    const t = defs('Provider shall test on the Evaluation Set and the Holdout Corpus. Customer may inspect the Holdout Corpus. The Holdout Corpus stays with Customer Data.');
    assert.deepEqual(excerpts(t, 'undefined-term'), ['Holdout Corpus']);
    assert.deepEqual(excerpts(defs('Provider shall test on the Evaluation Set with Customer Data.'), 'undefined-term'), []);
  });

  test('definition styles: bold quoted, curly quoted, parenthetical, tab, HTML span', () => {
    const t = aiDraft(
      [
        '**"Alpha Term"** means a.',
        '',
        '“Beta Term” means b.',
        '',
        'The data set (the “Gamma Term”) is large.',
        '',
        'Delta Term\tmeans d.',
        '',
        '<span id="13.2">**"Epsilon Term"**</span> means e.',
      ].join('\n'),
    );
    const { analyzeText } = require_engine();
    const terms = analyzeText(t).model.definitions.map((d) => d.term);
    for (const term of ['Alpha Term', 'Beta Term', 'Gamma Term', 'Delta Term', 'Epsilon Term']) assert.ok(terms.includes(term), `${term} recognised: ${terms.join(', ')}`);
  });
});

import * as engine from '../../server/src/engine/index.js';
function require_engine() {
  return engine;
}
