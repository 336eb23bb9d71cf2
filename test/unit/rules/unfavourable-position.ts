import assert from 'node:assert/strict';
import type { RuleCases } from './cases.js';
import { aiDraft, analysisOf, findings } from '../helpers.js';
import { applyEdits, fixesFor, resolveConfig } from '../../../server/src/engine/index.js';

const licensee = resolveConfig({ settings: { perspective: 'licensee' } });
const licensor = resolveConfig({ settings: { perspective: 'licensor' } });

/** The position the draft takes on a clause, and the severity of the position finding for each perspective. */
function read(body: string, clause: string) {
  const text = aiDraft(body);
  const coverage = analysisOf(text, licensee).coverage.find((c) => c.clause === clause);
  const severity = (config: typeof licensee) => findings(text, 'unfavourable-position', config).find((f) => f.clause === clause)?.severity;
  return { position: coverage?.position?.id, favours: coverage?.position?.favours, status: coverage?.status, licensee: severity(licensee), licensor: severity(licensor) };
}

export const cases: RuleCases = {
  rule: 'unfavourable-position',
  more: {
    'one flipped word of modality flips the side (training on customer data)'() {
      const may = read('## 3. Data\n\nProvider may use Customer Data to train and improve its models.', 'no-training-on-customer-data');
      assert.equal(may.favours, 'licensor');
      assert.equal(may.status, 'present');
      assert.equal(may.licensee, 'warning');
      assert.equal(may.licensor, undefined);
      const mayNot = read('## 3. Data\n\nProvider shall not use Customer Data to train or improve its models.', 'no-training-on-customer-data');
      assert.equal(mayNot.favours, 'licensee');
      assert.equal(mayNot.licensee, undefined);
      assert.equal(mayNot.licensor, 'warning');
    },
    'an exception makes it balanced, and balanced is never flagged'() {
      const r = read('## 3. Data\n\nProvider may use Customer Data to train its models only in aggregated and de-identified form.', 'no-training-on-customer-data');
      assert.equal(r.favours, 'balanced');
      assert.equal(r.licensee, undefined);
      assert.equal(r.licensor, undefined);
    },
    'the actor decides ownership of Output'() {
      assert.equal(read('## 4. Output\n\nProvider owns all Output.', 'output-ownership').favours, 'licensor');
      assert.equal(read('## 4. Output\n\nAs between the parties, Customer owns all Output.', 'output-ownership').favours, 'licensee');
    },
    "the draft's own names and defined terms are followed"() {
      const text = [
        '# Summarisation Services Agreement',
        '',
        'This agreement is between Larkspur Systems Ltd ("Larkspur") and Kestrel Analytics plc ("Kestrel").',
        '',
        '## 1. Definitions',
        '',
        '"**Kestrel Materials**" means every document and prompt that Kestrel or its staff send to the Service.',
        '',
        '"**Model Refinement**" means training, tuning or benchmarking any machine-learning model.',
        '',
        '"**Service**" means the summarisation service, including the language models on which it runs.',
        '',
        '## 2. Service',
        '',
        'Larkspur will provide the Service to Kestrel. Kestrel will pay the fees within 30 days of each invoice.',
        '',
        '## 3. Data',
        '',
        'Larkspur may use Kestrel Materials for Model Refinement.',
        '',
      ].join('\n');
      const a = analysisOf(text, licensee);
      assert.deepEqual(a.parties, [
        { name: 'Larkspur', role: 'licensor' },
        { name: 'Kestrel', role: 'licensee' },
      ]);
      const f = a.findings.find((x) => x.rule === 'unfavourable-position' && x.clause === 'no-training-on-customer-data');
      assert.ok(f, 'the permission to use Kestrel Materials for Model Refinement is read as training on the licensee data');
      assert.equal(text.slice(f.start, f.end), 'Larkspur may use Kestrel Materials for Model Refinement.');
      const fix = fixesFor(a, f)[0];
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, /Larkspur will not use Kestrel Materials/);
      assert.doesNotMatch(fixed, /Provider|Customer Data/);
      assert.equal(findings(fixed, 'unfavourable-position', licensee).length, 0);
    },
    'neutral reports one-sided positions as information'() {
      const f = findings(aiDraft('## 4. Output\n\nProvider owns all Output.'), 'unfavourable-position').find((x) => x.clause === 'output-ownership');
      assert.equal(f?.severity, 'information');
    },
  },
};
