/**
 * Negotiation rounds (issue 17): pairs of drafts that flip one position (modality, actor, an exception, a number) are
 * each reported once, with the right direction; reordering sections, renaming a defined term or a party, and
 * rewording without changing the meaning are not reported at all. The drafts are test/fixtures/compare/before.md and
 * edits of it made here, so each test shows exactly what changed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeText, builtinCatalogue, compareAnalyses, compareTexts, resolveConfig, type ClauseChange, type Comparison, type Perspective } from '../../server/src/engine/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BEFORE_PATH = path.join(ROOT, 'test/fixtures/compare/before.md');
const BEFORE = fs.readFileSync(BEFORE_PATH, 'utf8');

/** The draft with each `[from, to]` replaced everywhere; fails when `from` is not in it (a stale test). */
export function edit(text: string, ...pairs: [string, string][]): string {
  for (const [from, to] of pairs) {
    assert.ok(text.includes(from), `the draft contains ${JSON.stringify(from)}`);
    text = text.split(from).join(to);
  }
  return text;
}

function compare(after: string, perspective: Perspective = 'licensee', before = BEFORE): Comparison {
  return compareTexts(before, after, { before: 'before.md', after: 'after.md', config: resolveConfig({ settings: { perspective } }) });
}

/** The one change a single edit makes, checked to be the only one. */
function only(c: Comparison, clause: string): ClauseChange {
  assert.deepEqual(
    c.changes.map((x) => x.clause),
    [clause],
    `exactly one change, to ${clause}: ${JSON.stringify(c.changes.map((x) => [x.clause, x.direction, x.details]))}`,
  );
  return c.changes[0];
}

function noChange(c: Comparison): void {
  assert.deepEqual(
    c.changes.map((x) => `${x.clause}: ${x.direction}: ${x.details.join('; ')}`),
    [],
  );
}

const TRAINING = 'Provider shall not use Customer Data to train, fine-tune or improve any AI model.';
const MAY_TRAIN = 'Provider may use Customer Data to train, fine-tune or improve any AI model.';

describe('compare: what is not a change', () => {
  it('the same draft twice', () => {
    const c = compare(BEFORE);
    assert.equal(c.version, 1);
    assert.equal(c.before, 'before.md');
    assert.equal(c.after, 'after.md');
    assert.equal(c.perspective, 'licensee');
    noChange(c);
  });

  it('sections reordered and renumbered, with their clause numbers', () => {
    // Move "4. Ownership of Output" and "5. Customer Data" to the end, before Governing Law, and renumber everything.
    const parts = BEFORE.split(/(?=^## )/m);
    assert.equal(parts.length, 9);
    const [head, defs, services, levels, output, data, changes, liability, law] = parts;
    const order = [defs, services, liability, changes, levels, data, output, law];
    const renumbered = order.map((p, i) => p.replace(/^## \d+\./, `## ${i + 1}.`).replace(/^\d+\.(\d+) /gm, `${i + 1}.$1 `));
    const after = head + renumbered.join('');
    assert.notEqual(after, BEFORE);
    assert.match(after, /^## 6\. Customer Data$/m);
    assert.match(after, /^6\.2 Provider shall not use/m);
    noChange(compare(after));
  });

  it('the last section moved to the middle (its text no longer runs to the end of the draft)', () => {
    const parts = BEFORE.split(/(?=^## )/m);
    const law = parts.pop()!.replace(/\n*$/, '\n\n');
    parts.splice(3, 0, law);
    const after = parts.join('').replace(/\n+$/, '\n');
    noChange(compare(after));
  });

  it('a defined term renamed consistently, definition included', () => {
    const after = edit(BEFORE, ['Customer Data', 'Client Data']);
    assert.ok(!after.includes('Customer Data'));
    noChange(compare(after));
  });

  it('both parties renamed', () => {
    noChange(compare(edit(BEFORE, ['("Provider")', '("Supplier")'], ['Provider', 'Supplier'], ['("Customer")', '("Client")'], ['Customer', 'Client'])));
  });

  it('rewording that keeps the meaning: passive voice, number in words, emphasis, line wrapping, plural', () => {
    const after = edit(
      BEFORE,
      [TRAINING, 'Customer Data will not be used by Provider to train, fine-tune or improve AI models.'],
      [
        "Each party's total liability under this Agreement shall not exceed the Fees paid in the 12 months before the claim.",
        'The total liability of each party under this\nAgreement shall not exceed the *Fees* paid in the twelve (12) months before the claim.',
      ],
      ['As between the parties, Customer owns all Output.', 'As between the parties, all Output is owned by **Customer**.'],
      ['within 48 hours of becoming aware of it', 'within forty-eight (48) hours of becoming aware of it'],
    );
    noChange(compare(after));
  });
});

describe('compare: positions that flip', () => {
  it('modality: "shall not use … to train" → "may use … to train" moves towards the licensor', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const c = only(compare(after, 'licensee'), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.against, true);
    assert.equal(c.before.favours, 'licensee');
    assert.equal(c.after.favours, 'licensor');
    assert.equal(c.before.position?.id, 'no-training');
    assert.equal(c.after.position?.id, 'unrestricted-training');
    assert.equal(c.after.excerpt, `5.2 ${MAY_TRAIN}`);
    assert.equal(after.slice(c.after.span!.start, c.after.span!.end), `5.2 ${MAY_TRAIN}`);
    assert.equal(BEFORE.slice(c.before.span!.start, c.before.span!.end), `5.2 ${TRAINING}`);
    assert.match(c.after.section!, /^5\.2\b.*Customer Data/);
    assert.ok(c.details.some((d) => d.startsWith('position: ')));
    // Judged from the other side, the same change helps; neutral never calls a change "against".
    assert.equal(only(compare(after, 'licensor'), 'no-training-on-customer-data').against, false);
    assert.equal(only(compare(after, 'neutral'), 'no-training-on-customer-data').against, false);
  });

  it('the reverse flip moves towards the licensee', () => {
    const permissive = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const c = only(compare(BEFORE, 'licensor', permissive), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensee');
    assert.equal(c.against, true);
  });

  it('actor: "Customer owns all Output" → "Provider owns all Output"', () => {
    const c = only(compare(edit(BEFORE, ['Customer owns all Output', 'Provider owns all Output'])), 'output-ownership');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.before.position?.id, 'licensee-owns-output');
    assert.equal(c.after.position?.id, 'licensor-owns-output');
    assert.equal(c.against, true);
  });

  it('an exception added to the prohibition moves it towards the licensor', () => {
    const c = only(compare(edit(BEFORE, [TRAINING, TRAINING.replace('.', ', except in aggregated and de-identified form.')])), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.after.favours, 'balanced');
    assert.ok(c.details.some((d) => d.includes('"except"') && d.includes('"aggregated"')), c.details.join('; '));
  });

  it('a condition added to the permission ("only on aggregated and de-identified data") moves it towards the licensee', () => {
    const permissive = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const after = edit(permissive, [MAY_TRAIN, MAY_TRAIN.replace('.', ', but only on aggregated and de-identified data.')]);
    const c = only(compare(after, 'licensor', permissive), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensee');
    assert.equal(c.before.favours, 'licensor');
    assert.equal(c.after.favours, 'balanced');
    assert.equal(c.against, true);
  });
});

describe('compare: numbers that matter', () => {
  const cases: { name: string; clause: string; from: string; to: string; direction: ClauseChange['direction']; detail: RegExp }[] = [
    { name: 'liability cap period shortened', clause: 'limitation-of-liability', from: 'in the 12 months', to: 'in the 3 months', direction: 'towards-licensor', detail: /liability cap period 12 months → 3 months/ },
    { name: 'liability cap period lengthened', clause: 'limitation-of-liability', from: 'in the 12 months', to: 'in the 24 months', direction: 'towards-licensee', detail: /12 months → 24 months/ },
    { name: 'uptime lowered', clause: 'service-availability-sla', from: '99.9%', to: '99.5%', direction: 'towards-licensor', detail: /uptime 99\.9% → 99\.5%/ },
    { name: 'uptime raised', clause: 'service-availability-sla', from: '99.9%', to: '99.95%', direction: 'towards-licensee', detail: /uptime 99\.9% → 99\.95%/ },
    { name: 'service credit lowered', clause: 'service-availability-sla', from: 'credit of 10%', to: 'credit of 5%', direction: 'towards-licensor', detail: /service credit 10% → 5%/ },
    { name: 'notice period shortened', clause: 'model-change-notice', from: 'at least 30 calendar days', to: 'at least 10 calendar days', direction: 'towards-licensor', detail: /notice period 30 calendar days → 10 calendar days/ },
    { name: 'incident deadline lengthened', clause: 'ai-incident-notification', from: 'within 48 hours', to: 'within 72 hours', direction: 'towards-licensor', detail: /deadline 48 hours → 72 hours/ },
    { name: 'deletion deadline shortened', clause: 'data-return-deletion', from: 'within 30 days and', to: 'within 10 days and', direction: 'towards-licensee', detail: /deadline 30 days → 10 days/ },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const c = only(compare(edit(BEFORE, [k.from, k.to])), k.clause);
      assert.equal(c.direction, k.direction);
      assert.equal(c.against, k.direction === 'towards-licensor');
      assert.ok(c.details.some((d) => k.detail.test(d)), c.details.join('; '));
      // The sentence shown is the one holding the number.
      assert.ok(c.after.excerpt!.includes(k.to.replace(/^(?:in the|at least|within|credit of) /, '')), c.after.excerpt);
    });
  }

  it('a money cap lowered, in the draft\'s own currency', () => {
    const cap = edit(BEFORE, ['shall not exceed the Fees paid in the 12 months before the claim', 'shall not exceed USD 1,000,000']);
    const c = only(compare(edit(cap, ['USD 1,000,000', 'USD 250,000']), 'licensee', cap), 'limitation-of-liability');
    assert.equal(c.direction, 'towards-licensor');
    assert.ok(c.details.includes('liability cap USD 1,000,000 → USD 250,000'), c.details.join('; '));
  });

  it('a number whose direction is not obvious is reported as reworded, with the change', () => {
    const claims = edit(BEFORE, ['Neither party is liable for indirect or consequential loss.', 'Neither party is liable for indirect or consequential loss. Any claim must be brought within 2 years after it arises.']);
    const c = only(compare(edit(claims, ['within 2 years', 'within 1 year']), 'licensee', claims), 'limitation-of-liability');
    assert.equal(c.direction, 'reworded');
    assert.equal(c.against, false);
    assert.ok(c.details.includes('deadline 2 years → 1 year'), c.details.join('; '));
  });
});

describe('compare: clauses added, removed, moved and redefined', () => {
  const withoutTraining = edit(BEFORE, [`5.2 ${TRAINING}\n\n`, '']);

  it('a clause taken out is "removed"; against the side it favoured, with the earlier text to propose again', () => {
    const c = only(compare(withoutTraining, 'licensee'), 'no-training-on-customer-data');
    assert.equal(c.direction, 'removed');
    assert.equal(c.after.status, 'missing');
    assert.equal(c.after.span, undefined);
    assert.equal(c.against, true);
    assert.equal(c.fallbackPosition?.id, 'no-training');
    assert.match(c.fallback!, /^Provider shall not use Customer Data\b/);
    assert.equal(only(compare(withoutTraining, 'licensor'), 'no-training-on-customer-data').against, false);
  });

  it('a clause put in is "added"; against the side it does not favour', () => {
    const permissive = edit(withoutTraining, ['5.1 Customer retains all right, title and interest in Customer Data.', `5.1 Customer retains all right, title and interest in Customer Data.\n\n5.2 ${MAY_TRAIN}`]);
    const c = only(compare(permissive, 'licensee', withoutTraining), 'no-training-on-customer-data');
    assert.equal(c.direction, 'added');
    assert.equal(c.before.status, 'missing');
    assert.equal(c.after.favours, 'licensor');
    assert.equal(c.against, true);
  });

  it('a clause moved under another heading says where from and where to', () => {
    const moved = edit(BEFORE, [`5.2 ${TRAINING}\n\n`, ''], ['## 8. Governing Law', `## 8. General\n\n${TRAINING}\n\n## 9. Governing Law`]);
    const c = only(compare(moved), 'no-training-on-customer-data');
    assert.equal(c.direction, 'reworded');
    assert.ok(c.details.some((d) => /^moved from 5\.2 .*Customer Data.* to 8 General$/.test(d)), c.details.join('; '));
    assert.equal(c.after.section, '8 General');
  });

  it('a section retitled', () => {
    const c = only(compare(edit(BEFORE, ['## 7. Liability', '## 7. Limitation of Remedies'])), 'limitation-of-liability');
    assert.ok(c.details.includes('its section 7 is now titled "Limitation of Remedies" (was "Liability")'), c.details.join('; '));
  });

  it('a definition narrowed: every clause that uses the term says so, the others do not change', () => {
    const c = compare(edit(BEFORE, ['including prompts.', 'including prompts, but excluding usage logs and metadata.']));
    const clauses = c.changes.map((x) => x.clause).sort();
    assert.deepEqual(clauses, ['ai-incident-notification', 'customer-data-ownership', 'data-return-deletion', 'no-training-on-customer-data']);
    for (const x of c.changes) {
      assert.equal(x.direction, 'reworded');
      assert.ok(x.details.some((d) => d.startsWith('the definition of "Customer Data"') && d.includes('excluding usage logs')), x.details.join('; '));
    }
  });

  it('a term renamed in its definition only (the clauses still say the old name) is a change', () => {
    const c = compare(edit(BEFORE, ['**"Customer Data"** means', '**"Client Data"** means']));
    assert.ok(c.changes.length > 0);
    assert.ok(c.changes.some((x) => x.details.some((d) => d.includes('"Customer Data" is no longer defined'))), JSON.stringify(c.changes.map((x) => x.details)));
  });

  it('an element taken out makes the clause incomplete', () => {
    const c = only(compare(edit(BEFORE, [' If availability falls below that level, Provider shall give Customer a service credit of 10% of the monthly Fees.', ''])), 'service-availability-sla');
    assert.equal(c.before.status, 'present');
    assert.equal(c.after.status, 'incomplete');
    assert.ok(c.after.missingElements?.length);
    assert.ok(c.details.some((d) => d.startsWith('status: present → incomplete (now lacks ')), c.details.join('; '));
  });
});

describe('compare: order, explanations and proposals', () => {
  it('changes against the chosen side come first, then by direction and catalogue order', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN], ['in the 12 months', 'in the 24 months'], ['99.9%', '99.5%'], ['## 7. Liability', '## 7. Limitation of Remedies']);
    const c = compare(after, 'licensee');
    assert.deepEqual(
      c.changes.map((x) => [x.clause, x.direction, x.against]),
      [
        ['no-training-on-customer-data', 'towards-licensor', true],
        ['service-availability-sla', 'towards-licensor', true],
        ['limitation-of-liability', 'towards-licensee', false],
      ],
    );
    const catalogue = builtinCatalogue();
    assert.ok(catalogue.clauseIndex('no-training-on-customer-data') < catalogue.clauseIndex('service-availability-sla'));
  });

  it('explains the new position from the chosen side and proposes the side\'s fallback in the draft\'s names', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN], ['Provider', 'Larkspur'], ['Customer Data', 'Kestrel Materials']);
    const c = only(compare(after, 'licensee'), 'no-training-on-customer-data');
    const entry = builtinCatalogue().clause('no-training-on-customer-data')!;
    const unrestricted = entry.positions!.find((p) => p.id === 'unrestricted-training')!;
    assert.equal(c.explanation, unrestricted.explain.licensee);
    assert.equal(c.fallbackPosition?.id, entry.playbook!.licensee!.fallback);
    assert.ok(c.fallback!.includes('Larkspur') && c.fallback!.includes('Kestrel Materials'), c.fallback);
    assert.ok(!/\{Licensor\}|\{Licensee\}|\[\[|Customer Data/.test(c.fallback!), c.fallback);
    // The licensor gains from the change: the memo explains it from that side and proposes nothing.
    const theirs = only(compare(after, 'licensor'), 'no-training-on-customer-data');
    assert.equal(theirs.explanation, unrestricted.explain.licensor);
    assert.equal(theirs.fallback, undefined);
  });

  it('compareAnalyses takes the perspective it is given over the analyses\' configuration', () => {
    const config = resolveConfig({ settings: { perspective: 'licensor' } });
    const before = analyzeText(BEFORE, config);
    const after = analyzeText(edit(BEFORE, [TRAINING, MAY_TRAIN]), config);
    assert.equal(compareAnalyses(before, after, { before: 'a', after: 'b' }).perspective, 'licensor');
    const c = compareAnalyses(before, after, { before: 'a', after: 'b', perspective: 'licensee' });
    assert.equal(c.perspective, 'licensee');
    assert.equal(c.changes[0].against, true);
  });
});
