/**
 * Inserted text speaks in the draft's own party names: the short names of a Larkspur/Kestrel draft, and "we"/"you"
 * in terms that speak so, with the grammar that follows (verb agreement, "your"/"our", "us"). No catalogue role word
 * (Provider, Customer, Licensor, Licensee) appears where the draft has names of its own.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, insertClauseFix, renderForDraft } from '../../server/src/engine/index.js';
import { renderTemplate, inPersonalForm } from '../../server/src/engine/fixes.js';

/** A catalogue role word used as a party or in a term named after one ("Model Provider" names a third party). */
const ROLE_WORD = /(?<!Model )\b(?:Provider|Customer|Licensor|Licensee)\b/;

const larkspur = [
  '# Document Summarisation Services Agreement',
  '',
  'This agreement is made between **Larkspur Systems Limited**, a company registered in England ("**Larkspur**"), and **Kestrel Analytics plc**, a company registered in Scotland ("**Kestrel**").',
  '',
  '## 1. Meaning of words',
  '',
  '1.1 "**Service**" means the document summarisation service that runs on machine learning models and generates summaries, described in Schedule 1.',
  '',
  '## 2. The Service',
  '',
  '2.1 Larkspur will make the Service available to Kestrel, and Kestrel will pay the fees. Larkspur will host and operate the Service and provide its outputs to Kestrel.',
  '',
  '2.2 Kestrel will use the Service only for its research desk. Larkspur will keep the Service secure.',
  '',
].join('\n');

const termsOfUse = [
  '# Quillwise Terms of Use',
  '',
  'These terms apply when you use Quillwise, our AI writing assistant. Quillwise generates text with a large language model from the prompts you type.',
  '',
  '## 1. Using Quillwise',
  '',
  'You may use Quillwise for personal and business writing. You must not use Quillwise to break the law. We will keep Quillwise available as far as we reasonably can, and we may change it at any time. You are responsible for what you publish.',
  '',
  '## 2. Fees',
  '',
  'You will pay the fees shown when you subscribe. We may change the fees by telling you 30 days in advance.',
  '',
].join('\n');

function inserted(text: string, clause: string): string {
  const fix = insertClauseFix(analyzeText(text), clause);
  assert.ok(fix, `a fix inserts ${clause}`);
  return fix.edits[0].newText;
}

describe('inserted clauses use the draft short names', () => {
  test('a Larkspur/Kestrel draft: the parties by name, the data named after the licensee', () => {
    const text = inserted(larkspur, 'no-training-on-customer-data');
    assert.doesNotMatch(text, ROLE_WORD, text);
    assert.match(text, /## 3\. No Training on Kestrel Data\n/);
    assert.match(text, /Larkspur will not use Kestrel Data, including Input, or Output to train/);
    assert.match(text, /except to create or improve a Kestrel Model that Kestrel asks for in writing/);
    assert.match(text, /"Kestrel Data" means all data that Kestrel or its users provide to Larkspur under this Agreement/);
    for (const id of ['customer-data-ownership', 'data-return-deletion', 'model-improvements-ownership', 'ip-indemnity', 'limitation-of-liability']) {
      assert.doesNotMatch(inserted(larkspur, id), ROLE_WORD, id);
    }
  });

  test('a draft that has its own term for the data keeps it, in the definitions too', () => {
    const own = larkspur.replace('## 2. The Service', '1.2 "**Kestrel Materials**" means every document and query that Kestrel sends to the Service.\n\n## 2. The Service');
    const text = inserted(own, 'no-training-on-customer-data');
    assert.match(text, /No Training on Kestrel Materials/);
    assert.match(text, /Larkspur will not use Kestrel Materials/);
    assert.match(text, /trains, retrains or fine-tunes using Kestrel Materials/);
    assert.doesNotMatch(text, /Kestrel Data/);
  });

  test('we/you terms: "we" and "you" with the verb agreeing, "your"/"our"/"us", no role words', () => {
    const training = inserted(termsOfUse, 'no-training-on-customer-data');
    assert.doesNotMatch(training, ROLE_WORD, training);
    assert.match(training, /## 3\. No Training on Your Data\n/);
    assert.match(training, /We will not use Your Data, including Input, or Output to train, retrain, fine-tune or otherwise improve any artificial-intelligence model, whether our own or a third party's, except to create or improve a Custom Model that you ask for in writing\./);
    assert.match(training, /only to perform our obligations to you under this Agreement/);
    assert.match(training, /"Custom Model" means any version of a model in the AI System that we, or anyone acting for us, train, retrain or fine-tune using Your Data/);
    assert.match(training, /"Your Data" means all data that you or your users provide to us under this Agreement/);

    const ownership = inserted(termsOfUse, 'customer-data-ownership');
    assert.match(ownership, /As between the parties, you own all Your Data, including Input\. You grant us a non-exclusive, non-transferable licen[cs]e/);
    assert.match(ownership, /No other right in Your Data passes to us\./);
    assert.doesNotMatch(ownership, ROLE_WORD);

    const disclaimer = inserted(termsOfUse, 'output-warranty-disclaimer');
    assert.doesNotMatch(disclaimer, ROLE_WORD, disclaimer);
    assert.doesNotMatch(disclaimer, /\b(?:you|we) (?:provides|has|is|owns|warrants|disclaims)\b/i, disclaimer);
  });

  test('renderForDraft (completions and hovers) renders the same way as the insertion', () => {
    const analysis = analyzeText(termsOfUse);
    assert.equal(renderForDraft(analysis, '{Licensee} {shall} notify {Licensor} in writing.').plain, 'You will notify us in writing.');
    const lark = analyzeText(larkspur);
    assert.equal(renderForDraft(lark, '{Licensor} owns all Customer Data that {Licensee} provides.').plain, 'Larkspur owns all Kestrel Data that Kestrel provides.');
  });
});

describe('the personal form of template text', () => {
  const we = (t: string) => renderTemplate(t, { licensor: 'we', licensee: 'you', verb: 'shall' }).plain;
  test('subjects take "we"/"you" and the verb agrees; objects take "us"/"you"', () => {
    assert.equal(we('{Licensee} provides the Input, and {Licensor} has the right to refuse it.'), 'You provide the Input, and we have the right to refuse it.');
    assert.equal(we('{Licensor} is liable to {Licensee} for loss caused by {Licensor}.'), 'We are liable to you for loss caused by us.');
    assert.equal(we('If {Licensee} first uses the AI System, {Licensor} {shall} notify {Licensee}.'), 'If you first use the AI System, we shall notify you.');
    assert.equal(we('{Licensor} develops, trains and operates the model.'), 'We develop, train and operate the model.');
    assert.equal(we('If {Licensee} reports a failure, {Licensor} {shall} correct it.'), 'If you report a failure, we shall correct it.');
  });
  test('possessives: "your"/"our", "ours" standing alone, "the consent of {Licensee}", "its" meaning the party', () => {
    assert.equal(we("{Licensee}'s users and {Licensor}'s staff"), 'Your users and our staff');
    assert.equal(we("Output is {Licensee}'s; model weights are {Licensor}'s."), 'Output is yours; model weights are ours.');
    assert.equal(we('without the prior written consent of {Licensee}'), 'without your prior written consent');
    assert.equal(we('{Licensee} or its users'), 'You or your users');
    assert.equal(we('{Licensee} may suspend its use of the feature.'), 'You may suspend your use of the feature.');
    // "its" after a noun of the AI System stays: it is the system's.
    assert.equal(we('{Licensor} {shall} describe the change and its expected effect.'), 'We shall describe the change and its expected effect.');
    // Right after the party as an object, "its" is someone else's ("give you its address": the summary's).
    assert.equal(we('{Licensor} {shall} publish the summary and give {Licensee} its address.'), 'We shall publish the summary and give you its address.');
  });
  test('named parties are left to the plain substitution', () => {
    assert.equal(inPersonalForm('{Licensor} provides', 'Larkspur', 'you'), '{Licensor} provides');
    assert.equal(renderTemplate("{Licensor} provides {Licensee}'s data", { licensor: 'Larkspur', licensee: 'Kestrel', verb: 'will' }).plain, "Larkspur provides Kestrel's data");
  });
});
