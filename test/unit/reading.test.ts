/**
 * The reading layer (server/src/engine/reading/): what each sentence does, who the parties are, what defined terms
 * denote and what kind of agreement a draft is. Drafts here use styles the catalogue's own words do not: party short
 * names, "we"/"you", defined terms of the draft's own.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { conditionsOf, readSentences } from '../../server/src/engine/reading/sentences.js';
import { analyzeText, builtinCatalogue, resolveConfig } from '../../server/src/engine/index.js';
import { contextOf } from '../../server/src/engine/analysis-context.js';
import { actorOf } from '../../server/src/engine/reading/index.js';

function modalityOf(sentence: string): string | undefined {
  return readSentences(sentence)[0]?.modality;
}

describe('what a sentence does', () => {
  test('duties, permissions, prohibitions and statements', () => {
    assert.equal(modalityOf('Provider shall delete Customer Data within 30 days.'), 'duty');
    assert.equal(modalityOf('Kestrel will pay the fees within 30 days.'), 'duty');
    assert.equal(modalityOf('Supplier may use Buyer Content to improve the Product.'), 'permission');
    assert.equal(modalityOf('Provider is entitled to suspend the Services.'), 'permission');
    assert.equal(modalityOf('Provider shall not use Customer Data to train any model.'), 'prohibition');
    assert.equal(modalityOf('Larkspur will never sell Kestrel Materials.'), 'prohibition');
    assert.equal(modalityOf('In no event will Tessellate be liable for indirect damages.'), 'prohibition');
    assert.equal(modalityOf('Under no circumstances may Buyer Content be used to tune the engine.'), 'prohibition');
    assert.equal(modalityOf('No Customer Data may be disclosed to a third party.'), 'prohibition');
    assert.equal(modalityOf('Customer owns all Output.'), 'statement');
    assert.equal(modalityOf("Provider's total liability is limited to the fees paid in the last twelve months."), 'statement');
  });

  test('the subject is read after a leading condition and a clause number', () => {
    const [s] = readSentences('4.2 Except as set out in Section 3, Larkspur shall not disclose Kestrel Materials.');
    assert.equal(s.subject, 'Larkspur');
    assert.equal(s.text.startsWith('Except'), true, 'the clause number is not part of what the sentence says');
    const [t] = readSentences('In no event will Tessellate be liable for any damages.');
    assert.equal(t.subject, 'Tessellate');
  });

  test('a passive names its agent; exceptions and conditions are kept', () => {
    const [s] = readSentences('Notices will be delivered by the Supplier unless the Buyer asks for email.');
    assert.equal(s.agent, 'Supplier');
    assert.ok(conditionsOf(s).some((c) => c.startsWith('unless')));
  });

  test('sentences end at full stops, semicolons and list items, not at abbreviations or numbers', () => {
    const sentences = readSentences('Provider shall, e.g. by encryption, protect Customer Data. It shall keep version 4.2 available; Customer may object.\n- Provider may update the model.');
    assert.deepEqual(
      sentences.map((s) => s.modality),
      ['duty', 'duty', 'permission', 'permission'],
    );
  });
});

const LARKSPUR = [
  '# Document Summarisation Services Agreement',
  '',
  'This agreement is made between **Larkspur Systems Limited**, a company registered in England ("**Larkspur**"), and **Kestrel Analytics plc**, a company registered in Scotland ("**Kestrel Analytics**").',
  '',
  '## 1. Meaning of words',
  '',
  '1.1 "**Kestrel Materials**" means every document, query and file that Kestrel Analytics or its staff send to the Service.',
  '',
  '1.2 "**Summaries**" means everything the Service returns in response to Kestrel Materials.',
  '',
  '1.3 "**Model Refinement**" means training, tuning or benchmarking any machine-learning model.',
  '',
  '1.4 "**Service**" means the summarisation service, including the language models on which it runs.',
  '',
  '## 2. The Service',
  '',
  '2.1 Larkspur will make the Service available to Kestrel Analytics. Kestrel Analytics will pay the fees within 30 days of each invoice.',
  '',
  '## 3. Data',
  '',
  '3.1 Larkspur will not use Kestrel Materials or Summaries for Model Refinement.',
  '',
  '3.2 The laws of England and Wales apply to this agreement.',
  '',
].join('\n');

describe('parties, defined terms and positions in the draft’s own names', () => {
  test('short names from the preamble get their roles from what each party does', () => {
    const a = analyzeText(LARKSPUR);
    assert.deepEqual(a.parties, [
      { name: 'Larkspur', role: 'licensor' },
      { name: 'Kestrel Analytics', role: 'licensee' },
    ]);
  });

  test('defined terms are read for what they denote', () => {
    const reading = contextOf(analyzeText(LARKSPUR)).reading!;
    assert.deepEqual(reading.concepts.termConcepts.get('Kestrel Materials'), ['licensee-data', 'input']);
    assert.deepEqual(reading.concepts.termConcepts.get('Summaries'), ['output']);
    assert.deepEqual(reading.concepts.termConcepts.get('Model Refinement'), ['training']);
  });

  test('a training restriction in the draft’s own terms is found, and favours the licensee', () => {
    const a = analyzeText(LARKSPUR, resolveConfig({ settings: { perspective: 'licensee' } }));
    const c = a.coverage.find((x) => x.clause === 'no-training-on-customer-data')!;
    assert.notEqual(c.status, 'missing');
    assert.equal(c.position?.id, 'no-training');
    assert.equal(c.position?.favours, 'licensee');
    assert.equal(a.findings.filter((f) => f.rule === 'unfavourable-position').length, 0);
  });

  test('the actor is the party named in the subject, not a party name inside a defined term', () => {
    const reading = contextOf(analyzeText(LARKSPUR)).reading!;
    const [s] = readSentences('Kestrel Materials are stored in the European Union.');
    assert.equal(actorOf(s, reading.roles), 'none');
    // Ownership allocated after the verb: the owner acts, whatever the owned thing is called.
    const [owned] = readSentences('Kestrel Materials belong to Kestrel Analytics.');
    assert.equal(owned.owns, true);
    assert.equal(actorOf(owned, reading.roles), 'licensee');
    const [kept] = readSentences("Any improvement Larkspur makes remains Larkspur's property.");
    assert.equal(actorOf(kept, reading.roles), 'licensor');
    const [t] = readSentences("Kestrel Analytics's liability is not limited.");
    assert.equal(actorOf(t, reading.roles), 'licensee');
  });

  test('ownership is read wherever the owner is named', () => {
    const owner = (t: string) => {
      const [x] = readSentences(t);
      return x.owns ? x.agent ?? x.subject : undefined;
    };
    assert.equal(owner('Provider owns all Output.'), 'Provider');
    assert.equal(owner('All Output belongs to Customer.'), 'Customer');
    assert.equal(owner('Title to each Report vests in the Customer.'), 'Customer');
    assert.equal(owner('All Customer Data becomes the property of Provider on upload.'), 'Provider');
    assert.equal(owner('Provider hereby assigns to Customer all right, title and interest in the Output.'), 'Customer');
    assert.equal(owner('Output shall be owned by Customer.'), 'Customer');
    assert.equal(owner('Customer remains the owner of Customer Data.'), 'Customer');
    assert.equal(owner('Customer may use Output for internal purposes.'), undefined);
    // Past tense reports; it allocates nothing.
    assert.equal(readSentences('The models were trained on public code.')[0].past, true);
    // The subject is the clause the modal belongs to, and what is agreed, not who agrees.
    assert.equal(readSentences('Each element is provided as is, and the licensor will not be liable for any damages.')[0].subject, 'the licensor');
    assert.equal(readSentences('You agree that GitHub owns all rights in the Service.')[0].subject, 'GitHub');
    assert.equal(readSentences('Supplier warrants that each Suggestion will be accurate.')[0].subject, 'Supplier warrants that each Suggestion');
  });

  test('who owns the output, the data and the improvements decides the side', () => {
    const positionOf = (clause: string, sentence: string) =>
      analyzeText(`${LARKSPUR}\n## 5. Terms\n\n5.1 ${sentence}\n`).coverage.find((c) => c.clause === clause)?.position?.favours;
    assert.equal(positionOf('output-ownership', 'Every Summary belongs to Kestrel Analytics.'), 'licensee');
    assert.equal(positionOf('output-ownership', 'Larkspur owns all Summaries.'), 'licensor');
    assert.equal(positionOf('customer-data-ownership', 'Kestrel Materials shall remain the exclusive property of Kestrel Analytics.'), 'balanced');
    assert.equal(positionOf('customer-data-ownership', 'Kestrel Materials become the property of Larkspur on upload.'), 'licensor');
    assert.equal(positionOf('model-improvements-ownership', 'Larkspur owns any model it fine-tunes with Kestrel Materials and may offer it to other customers.'), 'licensor');
    assert.equal(positionOf('model-improvements-ownership', 'Kestrel Analytics owns every fine-tuned model that Larkspur creates for it.'), 'licensee');
  });

  test('a position settles the elements it makes moot; a recommended clause lacking one is information', () => {
    const a = analyzeText(`${LARKSPUR}\n## 6. Liability\n\n6.1 Larkspur will not be liable to Kestrel Analytics for any damages of any kind arising from the Service.\n`);
    const liability = a.coverage.find((c) => c.clause === 'limitation-of-liability')!;
    assert.equal(liability.position?.id, 'licensor-excludes-liability');
    assert.equal(liability.status, 'present', 'an exclusion of all liability has no cap to lack');
    // Confidentiality of inputs and outputs is recommended (its absence is information): lacking Output is no warning.
    const b = analyzeText(`${LARKSPUR}\n## 7. Confidentiality\n\n7.1 Each party shall keep the other party's Confidential Information confidential and use it only to perform this agreement.\n`);
    const incomplete = b.findings.filter((f) => f.rule === 'incomplete-clause' && f.clause === 'confidentiality-inputs-outputs');
    assert.equal(incomplete.length, 1);
    assert.equal(builtinCatalogue().clause('confidentiality-inputs-outputs')?.severity, 'information');
    assert.equal(incomplete[0].severity, 'information');
  });

  test('a proviso in the next sentence of the paragraph qualifies the position', () => {
    const base = LARKSPUR.replace('3.1 Larkspur will not use Kestrel Materials or Summaries for Model Refinement.', '3.1 Larkspur will keep Kestrel Materials in the United Kingdom.');
    const side = (body: string) =>
      analyzeText(`${base}\n## 9. Improvement\n\n${body}\n`).coverage.find((c) => c.clause === 'no-training-on-customer-data')?.position?.favours;
    assert.equal(side('Larkspur may use Kestrel Materials to train its models.'), 'licensor');
    assert.equal(side('Larkspur may use Kestrel Materials to train its models. However, Kestrel Materials must be aggregated and de-identified before such use.'), 'balanced');
    // A new paragraph is not a proviso.
    assert.equal(side('Larkspur may use Kestrel Materials to train its models.\n\nHowever, Larkspur must aggregate and de-identify its logs.'), 'licensor');
  });

  test('a sentence that allocates a clause’s duty shows it under any heading', () => {
    const status = (text: string) => analyzeText(text).coverage.find((c) => c.clause === 'acceptable-use');
    const prohibited = `${LARKSPUR}\n## 8. Prohibited Conduct\n\n8.1 Kestrel Analytics will not use the Service to profile individuals or to make decisions about employment.\n`;
    assert.equal(status(prohibited)?.status, 'present');
    assert.equal(status(prohibited)?.position, undefined, 'an allocation shows the clause, not a position');
    // The licensor's own promise not to use something is no restriction on the licensee's use.
    const own = `${LARKSPUR}\n## 8. Conduct\n\n8.1 Larkspur will not use the Service to profile Kestrel Analytics staff.\n`;
    assert.notEqual(status(own)?.status, 'present');
  });

  test('inserted clauses use the draft’s short names', () => {
    const ctx = contextOf(analyzeText(LARKSPUR));
    assert.equal(ctx.licensor, 'Larkspur');
    assert.equal(ctx.licensee, 'Kestrel Analytics');
  });
});

describe('what kind of agreement a draft is', () => {
  const kindOf = (text: string) => analyzeText(text).applicability.agreementKind;

  test('an AI service described only in its subject-matter definition is an AI agreement', () => {
    assert.equal(kindOf(LARKSPUR), 'ai-service');
  });

  test('an addendum that supplements a main agreement', () => {
    const text = [
      '# AI Addendum',
      '',
      'This Addendum forms part of the Master Services Agreement between Northwind Analytics Ltd ("Provider") and Contoso Retail plc ("Customer"). The AI features use machine learning models and generative AI.',
      '',
      '## 1. Training',
      '',
      '1.1 Provider shall not use Customer Data to train any model. Customer shall review Output before relying on it.',
      '',
      '## 2. Changes',
      '',
      '2.1 Provider shall give Customer 30 days’ notice before replacing the model. Either party may terminate this Addendum for breach. Customer shall pay the fees for the AI features under the Agreement.',
      '',
    ].join('\n');
    assert.equal(kindOf(text), 'ai-addendum');
    const a = analyzeText(text);
    const liability = a.coverage.find((c) => c.clause === 'limitation-of-liability')!;
    assert.equal(liability.status, 'not-applicable', 'main agreements hold the cap');
    const note = a.findings.find((f) => f.rule === 'missing-clause' && f.clause === 'limitation-of-liability');
    assert.equal(note?.severity, 'information');
    assert.match(note!.message, /main agreement/);
  });

  test('a licence of downloadable weights is a model licence, and customer-data clauses do not apply to it', () => {
    const text = [
      '# Heron-7B Model Licence',
      '',
      'Fernhill Research Ltd ("Licensor") grants the recipient ("Licensee") a licence to use, copy, modify and distribute the model weights and parameters of the Heron-7B language model and to create derivative models.',
      '',
      '## 1. Licence',
      '',
      'Licensee may run the Model weights on its own hardware. Licensee shall not use the Model to generate unlawful content. Licensor shall provide the model files and parameters for download. Licensee shall include this licence when it distributes the weights or any modification.',
      '',
    ].join('\n');
    assert.equal(kindOf(text), 'model-licence');
    const a = analyzeText(text);
    for (const id of ['customer-data-ownership', 'no-training-on-customer-data', 'data-return-deletion']) {
      assert.equal(a.coverage.find((c) => c.clause === id)?.status, 'not-applicable', id);
    }
  });

  test('we/you terms of an AI product, and a contract that is not about AI', () => {
    const terms = [
      '# Quillmate Terms of Use',
      '',
      'These terms are between you and Quillmate Inc. ("we", "us"). We provide a generative writing assistant built on a large language model. You may use it if you accept these terms.',
      '',
      '## 1. Your content',
      '',
      'You keep ownership of your prompts. We may use your prompts to train our models unless you opt out in your settings. You must not use the service in breach of any law. We will tell you about changes. You agree that outputs may be inaccurate. We will not sell your data. You are responsible for your account. We may suspend your access if you breach these terms.',
      '',
    ].join('\n');
    assert.equal(kindOf(terms), 'ai-terms-of-use');
    const staff = [
      '# Staff Training Services Agreement',
      '',
      'This agreement is between Ashdown Learning Ltd ("Supplier") and Brook Retail plc ("Customer").',
      '',
      '## 1. Services',
      '',
      'Supplier shall train Customer’s staff on the operating model in ten sessions. Customer shall pay the fees within 30 days. Either party may terminate this agreement for material breach. This agreement is governed by the laws of England.',
      '',
    ].join('\n');
    assert.equal(kindOf(staff), 'contract');
  });

  test('a clause held by an incorporated document is present by reference', () => {
    const text = LARKSPUR + '\n## 4. Data protection\n\n4.1 The data processing addendum in Annex 2 forms part of this agreement.\n';
    const c = analyzeText(text).coverage.find((x) => x.clause === 'data-protection')!;
    assert.equal(c.status, 'present');
    assert.equal(c.byReference, true);
    // A mention that incorporates nothing is no reference.
    const mention = LARKSPUR + '\n## 4. Privacy\n\n4.1 Larkspur will publish a data processing addendum on its website next year.\n';
    assert.notEqual(analyzeText(mention).coverage.find((x) => x.clause === 'data-protection')?.byReference, true);
  });

  test('an agreement that gives AI a section of its own is an AI agreement', () => {
    const text = [
      '# Cloud Service Agreement',
      '',
      'Northwind Cloud Ltd ("Provider") provides the hosted analytics service to Harbour Freight plc ("Customer").',
      '',
      '## 1. Services',
      '',
      'Provider shall make the Services available to Customer. Customer shall pay the Fees within 30 days of invoice.',
      '',
      '## 2. Machine Learning',
      '',
      'Provider may use Usage Data to improve its products. Customer shall not misuse the Services.',
      '',
      '## 3. Liability',
      '',
      "Each party's total liability is limited to the Fees paid in the twelve months before the claim.",
      '',
    ].join('\n');
    assert.equal(analyzeText(text).applicability.isAIAgreement, true);
    assert.equal(analyzeText(text.replace('Machine Learning', 'Improvements')).applicability.isAIAgreement, false);
  });

  test('a detected clause that makes another document part of it is complete by reference', () => {
    const sla = LARKSPUR + '\n## 4. Service levels\n\n4.1 Larkspur will make the Service available in accordance with the Service Level Agreement attached as Exhibit B, which forms part of this agreement.\n';
    const c = analyzeText(sla).coverage.find((x) => x.clause === 'service-availability-sla')!;
    assert.equal(c.status, 'present');
    assert.equal(c.byReference, true);
  });

  test('front matter still decides the kind', () => {
    assert.equal(kindOf(`---\nai-clauses: model-licence\n---\n${LARKSPUR}`), 'model-licence');
  });
});
