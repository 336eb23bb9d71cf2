import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { excerpts, findings } from '../helpers.js';
import { analyzeText, fixesFor, type DocumentAnalysis, type Finding } from '../../../server/src/engine/index.js';

/** A draft between two parties with their own short names, as the example. */
const larkspur = (body: string, extra = '') =>
  [
    '# Document Summarisation Services Agreement',
    '',
    'This agreement is made between **Larkspur Systems Limited**, a company registered in England ("**Larkspur**"), and **Kestrel Analytics plc**, a company registered in Scotland ("**Kestrel**").',
    '',
    '## 1. Meaning of words',
    '',
    '1.1 "**Service**" means the document summarisation service that runs on machine learning models, described in Schedule 1.',
    '',
    '1.2 "**Kestrel Materials**" means the documents Kestrel sends to the Service.',
    extra,
    '',
    '## 2. The Service',
    '',
    '2.1 Larkspur will make the Service available to Kestrel, and Kestrel will pay the fees. Larkspur will host and operate the Service and provide its outputs to Kestrel.',
    '',
    `2.2 ${body}`,
    '',
  ].join('\n');

/** A draft with a named licensor and "you" as the licensee. */
const withYou = (body: string) =>
  [
    '# Pinecrest Code Completion Licence',
    '',
    'This licence is between **Pinecrest Tools LLC** ("**Pinecrest**") and you, the person who installs the software.',
    '',
    '## 1. Definitions',
    '',
    '"**Model**" means the machine learning model Pinecrest licenses to you, which generates code completions.',
    '',
    '## 2. Licence',
    '',
    'Pinecrest grants you a licence to use the Model. You may install the Model on your computers. You must not sell the Model. You will keep your licence key secret. Pinecrest provides updates to the Model.',
    '',
    body,
    '',
  ].join('\n');

function only(text: string): { analysis: DocumentAnalysis; finding: Finding } {
  const analysis = analyzeText(text);
  const found = analysis.findings.filter((f) => f.rule === 'unknown-party');
  assert.equal(found.length, 1, `expected one unknown-party finding, got ${found.map((f) => f.message).join(' | ')}`);
  return { analysis, finding: found[0] };
}

function fixText(analysis: DocumentAnalysis, finding: Finding): string | undefined {
  return fixesFor(analysis, finding).find((f) => f.preferred)?.edits[0]?.newText;
}

export const cases: RuleCases = {
  rule: 'unknown-party',
  positive: [
    { body: 'The Vendor shall keep the AI System available 99.5% of each calendar month.', excerpt: 'The Vendor' },
    { body: 'Support requests will be answered by the Supplier within two Business Days.', excerpt: 'the Supplier' },
    { body: 'If Customer asks, the Licensor will deliver a copy of the model card.', excerpt: 'the Licensor' },
    { body: "Provider may suspend access that endangers the Licensee's systems.", excerpt: "the Licensee's" },
  ],
  negative: [
    // A name or a document that starts with a role word, a described third party, a generic one, an object.
    'Provider shall comply with the Vendor Management Policy.',
    'The Provider of any third-party model used in the AI System must be approved by Customer.',
    'Provider shall ensure that any Supplier of a model is bound by the same terms.',
    'Provider shall notify the Vendor of any incident.',
    // Quoted, or inside a definition.
    'In this Agreement, "the Vendor" means Provider.',
    '**"Vendor Terms"** means the terms on which the Vendor supplies the model.',
    // The parties' own names.
    'The Customer shall pay the fees.',
  ],
  more: {
    'flags "Supplier shall" where the parties are Larkspur and Kestrel, and says who they are'() {
      const { analysis, finding } = only(larkspur('The Supplier shall delete Kestrel Materials within 30 days after termination.'));
      assert.equal(analysis.text.slice(finding.start, finding.end), 'The Supplier');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /^"Supplier" is not a party to this agreement; the parties are Larkspur \(licensor\) and Kestrel \(licensee\)\./);
      assert.equal(fixText(analysis, finding), 'Larkspur');
    },
    'the fix names the party with the same role, keeping the possessive'() {
      const { analysis, finding } = only(larkspur("Larkspur will keep the Client's documents confidential."));
      assert.equal(fixText(analysis, finding), "Kestrel's");
    },
    'a "you" party gets the pronoun in its case, and no fix where the verb would need to change'() {
      let r = only(withYou('The Licensee shall not remove the notices in the Model.'));
      assert.equal(fixText(r.analysis, r.finding), 'You');
      r = only(withYou("Pinecrest may audit the Licensee's use of the Model."));
      assert.equal(fixText(r.analysis, r.finding), 'your');
      r = only(withYou('The Licensee agrees to keep the notices in the Model.'));
      assert.equal(fixText(r.analysis, r.finding), undefined);
    },
    'stays quiet where the word is defined, the head of a defined term, or the parties are not named in the draft'() {
      assert.deepEqual(excerpts(larkspur('The Supplier shall deliver the models.', '\n1.3 "**Supplier**" means Larkspur.'), 'unknown-party'), []);
      assert.deepEqual(excerpts(larkspur('The Provider shall process the Kestrel Materials.', '\n1.3 "**Model Provider**" means the company that supplies a model to Larkspur.'), 'unknown-party'), []);
      // Terms of use that speak only as "we" and "you": "the Provider" may be anyone's.
      const weYou = ['# Terms of Use', '', 'These terms apply when you use our AI writing assistant. We provide the assistant. You may use the assistant. You must not misuse the assistant. We may change these terms. We will tell you about changes. You agree to these terms.', '', 'The Provider shall not be liable for third-party models.', ''].join('\n');
      assert.deepEqual(excerpts(weYou, 'unknown-party'), []);
      // Terms defined in another document (a Cover Page, a main agreement).
      assert.deepEqual(excerpts(larkspur('The Supplier shall deliver the models.', '\n1.3 Capitalised terms not defined here have the meanings given in the Master Agreement.'), 'unknown-party'), []);
    },
    'a role word that only sits in the object of a sentence is left alone'() {
      assert.deepEqual(findings(larkspur('Larkspur will pay the Supplier of each model it uses.'), 'unknown-party'), []);
    },
  },
};
