/**
 * What the VS Code "AI Clause Changes" view shows for a comparison (client/src/compare-items.ts, plain data): changes
 * against the user's side first, then those in its favour, then the rest; labels name the clause and the direction;
 * descriptions whom the clause favoured before and after (or its status where it takes no position).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeDescription, changeIcon, changeLabel, changeTooltip, groupedChanges } from '../../client/src/compare-items.js';
import type { CompareChange } from '../../server/src/lsp/protocol.js';

function change(over: Partial<CompareChange>): CompareChange {
  return {
    clause: 'x',
    title: 'X',
    before: { status: 'present', favours: 'balanced' },
    after: { status: 'present', favours: 'balanced' },
    direction: 'reworded',
    against: false,
    details: [],
    ...over,
  };
}

const training = change({
  clause: 'no-training-on-customer-data',
  title: 'Restriction on training with customer data',
  before: { status: 'present', favours: 'licensee', position: { id: 'no-training', title: 'No training on the licensee’s data' } },
  after: { status: 'present', favours: 'licensor', position: { id: 'unrestricted-training', title: 'Training without limits' }, section: '3. Training' },
  direction: 'towards-licensor',
  against: true,
  details: ['"shall not use" became "may use"'],
  explanation: 'The licensor may train on everything you send.',
  fallback: 'Provider shall not use Customer Data to train any model.',
  fallbackPosition: { id: 'no-training', title: 'No training on the licensee’s data', favours: 'licensee' },
});
const liability = change({ clause: 'limitation-of-liability', title: 'Limitation of liability', after: { status: 'present', favours: 'licensee' }, direction: 'towards-licensee' });
const added = change({ clause: 'ip-indemnity', title: 'IP indemnity', before: { status: 'missing' }, after: { status: 'present' }, direction: 'added' });

describe('clause changes view items', () => {
  it('puts the changes against the user’s side first, then those in its favour, then the others', () => {
    const groups = groupedChanges({ perspective: 'licensee', changes: [added, liability, training] });
    assert.deepEqual(
      groups.map((g) => [g.title, g.changes.map((c) => c.clause)]),
      [
        ['Against the licensee', ['no-training-on-customer-data']],
        ['In the licensee’s favour', ['limitation-of-liability']],
        ['Other changes', ['ip-indemnity']],
      ],
    );
    // For the licensor, a move towards the licensee is not "in your favour"; the server's `against` decides the first group.
    const licensor = groupedChanges({ perspective: 'licensor', changes: [{ ...liability, against: true }, { ...training, against: false }] });
    assert.deepEqual(licensor.map((g) => [g.title, g.changes.map((c) => c.clause)]), [
      ['Against the licensor', ['limitation-of-liability']],
      ['In the licensor’s favour', ['no-training-on-customer-data']],
    ]);
    assert.deepEqual(groupedChanges({ perspective: 'neutral', changes: [] }), [], 'no groups without changes');
  });

  it('labels name the clause and the direction; descriptions whom it favours before → after, else its status', () => {
    assert.equal(changeLabel(training), 'Restriction on training with customer data — towards licensor');
    assert.equal(changeDescription(training), 'licensee → licensor');
    assert.equal(changeLabel(added), 'IP indemnity — added');
    assert.equal(changeDescription(added), 'missing → present');
    assert.equal(changeIcon(training, 'licensee').id, 'arrow-down');
    assert.equal(changeIcon(liability, 'licensee').id, 'arrow-up');
    assert.equal(changeIcon(added, 'licensee').id, 'diff-added');
  });

  it('the tooltip gives both positions, the details, the explanation and the fallback', () => {
    const tip = changeTooltip(training, { before: 'licence.md @ HEAD', after: 'licence.md' });
    assert.match(tip, /against your side/);
    assert.match(tip, /\*\*licence\.md @ HEAD:\*\* No training on the licensee’s data — favours licensee/);
    assert.match(tip, /\*\*licence\.md:\*\* Training without limits — favours licensor \(in “3\. Training”\)/);
    assert.match(tip, /- "shall not use" became "may use"/);
    assert.match(tip, /The licensor may train on everything you send\./);
    assert.match(tip, /\*\*Fallback \(No training on the licensee’s data\):\*\* Provider shall not use Customer Data/);
  });
});
