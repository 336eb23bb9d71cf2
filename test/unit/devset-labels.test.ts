/**
 * The development set's hand labels (test/devset/labels.json, positions.json) are well-formed: every document
 * exists, every catalogue clause is labelled for every document, and every value is from its allowed set. The
 * clause list is read from the catalogue files, so adding a clause to the catalogue makes this test ask for its
 * labels. (It checks the labels only; it does not run the engine on the documents: see `npm run devset`.)
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = process.cwd();
const devset = join(root, 'test', 'devset');
const clauseDir = join(root, 'server', 'catalogue', 'clauses');
const clauseIds = readdirSync(clauseDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(join(clauseDir, f), 'utf8')) as { id: string }).id);

const STATUSES = new Set(['present', 'incomplete', 'missing', 'not-applicable']);
const KINDS = new Set(['ai-service', 'ai-addendum', 'model-licence', 'ai-terms-of-use', 'contract', 'not-contract']);
const AI_KINDS = new Set(['ai-service', 'ai-addendum', 'model-licence', 'ai-terms-of-use']);
const ROLES = new Set(['licensor', 'licensee', 'other']);
const SIDES = new Set(['licensee', 'balanced', 'licensor']);
const POSITION_CLAUSES = new Set([
  'output-ownership', 'model-improvements-ownership', 'customer-data-ownership', 'no-training-on-customer-data',
  'limitation-of-liability', 'ip-indemnity', 'model-change-notice', 'data-return-deletion', 'third-party-model-providers',
  'output-warranty-disclaimer', 'service-availability-sla', 'confidentiality-inputs-outputs',
]);

interface Doc {
  path: string;
  source: string;
  agreementKind: string;
  isAI: boolean;
  parties: { name: string; role: string }[];
  clauses: Record<string, unknown>;
  positions?: Record<string, { favours: string; position: string }>;
  note?: string;
}
const labels = JSON.parse(readFileSync(join(devset, 'labels.json'), 'utf8')) as { documents: Doc[] };
const positions = JSON.parse(readFileSync(join(devset, 'positions.json'), 'utf8')) as {
  passages: { clause: string; text: string; favours: string; parties: { licensor: string; licensee: string } }[];
};

const statusOf = (v: unknown): string => (typeof v === 'string' ? v : (v as { status: string }).status);

describe('development set labels', () => {
  test('the catalogue has clauses to label', () => {
    assert.ok(clauseIds.length >= 30);
  });

  test('documents are unique, exist, and there are enough of each source', () => {
    const paths = labels.documents.map((d) => d.path);
    assert.equal(new Set(paths).size, paths.length, 'a document is labelled twice');
    for (const p of paths) assert.ok(existsSync(resolve(root, p)), `${p} does not exist`);
    assert.ok(labels.documents.filter((d) => d.source === 'others').length >= 15, 'at least 15 documents by others');
    assert.ok(labels.documents.filter((d) => d.source === 'own').length >= 10, 'at least 10 own drafts');
  });

  for (const doc of labels.documents) {
    test(`${doc.path}: well-formed`, () => {
      assert.ok(doc.source === 'others' || doc.source === 'own', 'source');
      assert.ok(KINDS.has(doc.agreementKind), `agreementKind ${doc.agreementKind}`);
      assert.equal(doc.isAI, AI_KINDS.has(doc.agreementKind), 'isAI must agree with agreementKind');
      assert.ok(Array.isArray(doc.parties) && doc.parties.length > 0, 'parties');
      for (const p of doc.parties) {
        assert.ok(typeof p.name === 'string' && p.name.length > 0, 'party name');
        assert.ok(ROLES.has(p.role), `party role ${p.role}`);
      }
      assert.deepEqual(Object.keys(doc.clauses).sort(), [...clauseIds].sort(), 'every catalogue clause labelled, and nothing else');
      for (const [id, v] of Object.entries(doc.clauses)) {
        if (typeof v === 'object' && v !== null) {
          assert.deepEqual(Object.keys(v).sort(), ['byReference', 'status'], `${id}: object form is { status, byReference }`);
          assert.equal((v as { byReference: unknown }).byReference, true, `${id}: byReference`);
          assert.ok(['present', 'incomplete'].includes(statusOf(v)), `${id}: only a present clause can be by reference`);
        } else assert.equal(typeof v, 'string', `${id}: status`);
        assert.ok(STATUSES.has(statusOf(v)), `${id}: status ${statusOf(v)}`);
      }
      for (const [id, pos] of Object.entries(doc.positions ?? {})) {
        assert.ok(POSITION_CLAUSES.has(id), `position for ${id}, which is not one of the position clause types`);
        assert.ok(['present', 'incomplete'].includes(statusOf(doc.clauses[id])), `position for ${id}, which is not labelled present`);
        assert.ok(SIDES.has(pos.favours), `${id}: favours ${pos.favours}`);
        assert.ok(typeof pos.position === 'string' && pos.position.length > 0, `${id}: position phrase`);
      }
      if (doc.agreementKind === 'not-contract') for (const v of Object.values(doc.clauses)) assert.equal(statusOf(v), 'not-applicable');
    });
  }

  test('positions.json: at least 60 passages, values from the allowed sets', () => {
    assert.ok(positions.passages.length >= 60);
    for (const p of positions.passages) {
      assert.ok(POSITION_CLAUSES.has(p.clause), `clause ${p.clause}`);
      assert.ok(clauseIds.includes(p.clause), `${p.clause} is not a catalogue clause`);
      assert.ok(SIDES.has(p.favours), `favours ${p.favours}`);
      assert.ok(p.text.length > 0 && p.parties.licensor.length > 0 && p.parties.licensee.length > 0);
    }
    for (const c of POSITION_CLAUSES) assert.ok(positions.passages.some((p) => p.clause === c), `no passage for ${c}`);
  });
});
