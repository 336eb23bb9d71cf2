import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ajvModule from 'ajv';
import { analyzeText, applyEdits, builtinCatalogue, insertClauseFix, phraseProblems, type ClauseEntry } from '../../server/src/engine/index.js';
import { compilePhrase, compiledPatterns, limitPhraseCaches } from '../../server/src/engine/phrases.js';
import { CLAUSE_GROUP_IDS, SEVERITIES } from '../../server/src/engine/vocabulary.js';

const root = process.cwd();
const catalogue = builtinCatalogue();

const REQUIRED_IDS = [
  'output-ownership', 'model-improvements-ownership', 'customer-data-ownership', 'training-data-provenance', 'operational-data',
  'no-training-on-customer-data', 'data-sharing-restrictions', 'transparency-explainability', 'training-data-disclosure',
  'bias-testing-audit', 'data-protection', 'security-controls', 'data-minimisation', 'human-oversight', 'ai-incident-notification',
  'service-availability-sla', 'performance-accuracy', 'support-response-times', 'regulatory-compliance', 'export-control-sanctions',
  'vendor-due-diligence-audit', 'ip-indemnity', 'limitation-of-liability', 'acceptable-use', 'model-change-notice',
  'third-party-model-providers', 'data-return-deletion', 'confidentiality-inputs-outputs', 'output-warranty-disclaimer',
  'governing-law-disputes',
  // Added for 2026 (issue 15).
  'licence-grant-restrictions', 'ai-act-roles', 'agentic-actions', 'ai-content-labelling', 'open-model-licence-terms', 'usage-limits',
  'ai-records-logs',
];

/** A minimal AI agreement around a passage; front matter fixes the kind so that only the passage decides coverage. */
function passage(text: string): string {
  return `---\nai-clauses:\n  kind: ai-agreement\n---\n\n# Agreement\n\n${text}\n`;
}

function statusOf(text: string, clause: string): string {
  return analyzeText(text).coverage.find((c) => c.clause === clause)!.status;
}

describe('clause catalogue (data)', () => {
  test('every clause file validates against the JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'server/catalogue/schema/clause.schema.json'), 'utf8'));
    const validate = new ajvModule.default({ allErrors: true, strict: false }).compile(schema);
    const dir = join(root, 'server/catalogue/clauses');
    for (const file of readdirSync(dir)) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string };
      assert.ok(validate(data), `${file}: ${JSON.stringify(validate.errors)}`);
      assert.equal(`${data.id}.json`, file, 'file is named after the id');
    }
  });

  test('the catalogue has every required clause id, each once', () => {
    const ids = catalogue.clauses.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of REQUIRED_IDS) assert.ok(ids.includes(id), `missing ${id}`);
  });

  // The default text is balanced, except where the clause's positions (issue 14's scale: e.g. export, deletion of
  // derived data and a certificate favour the licensee) read it as one-sided: then it says so, and the insertion test
  // below checks that the engine reads it as the side it says. Those exceptions are listed, so a new one is a decision.
  const LICENSEE_DEFAULTS = ['data-return-deletion', 'ip-indemnity', 'model-change-notice', 'model-improvements-ownership', 'no-training-on-customer-data', 'service-availability-sla'];
  test('every clause says where it applies, whose side its default text favours, and each variant says whose side it favours', () => {
    for (const c of catalogue.clauses) {
      assert.ok(c.appliesTo?.length, `${c.id}: appliesTo`);
      assert.equal(c.model.favours, LICENSEE_DEFAULTS.includes(c.id) ? 'licensee' : 'balanced', `${c.id}: the default model text's side`);
      for (const v of c.variants ?? []) assert.ok(v.favours, `${c.id} (${v.id}): favours`);
      assert.ok(c.notes.licensee.trim() && c.notes.licensor.trim(), `${c.id}: notes for both sides`);
    }
  });

  test('every phrase of every clause and rule is valid phrase syntax', () => {
    assert.deepEqual(phraseProblems(catalogue.clauses, catalogue.rules), []);
  });

  test('model texts use only the known placeholders', () => {
    for (const c of catalogue.clauses) {
      const texts = [c.model.text, ...c.elements.map((e) => e.text), ...(c.variants ?? []).map((v) => v.text), ...c.terms.map((t) => t.definition)];
      for (const t of texts) {
        for (const m of t.matchAll(/\{([^}]*)\}/g)) assert.ok(['Licensor', 'Licensee', 'shall'].includes(m[1]), `${c.id}: unknown placeholder {${m[1]}}`);
        assert.ok(!/\[(?!\[)[^\]]*\](?!\])/.test(t.replace(/\[\[[^\]]*\]\]/g, '')), `${c.id}: square-bracket placeholder left in "${t}"`);
      }
    }
  });

  for (const clause of catalogue.clauses as ClauseEntry[]) {
    test(`${clause.id}: its example passages are detected and its near misses are not`, () => {
      const found = (status: string) => status === 'present' || status === 'incomplete';
      for (const p of clause.examples.present) assert.ok(found(statusOf(passage(p), clause.id)), `${clause.id} should be found in: ${p}`);
      // Absent is "missing", or "not applicable" for a clause only some deals need when the passage shows no cause.
      for (const a of clause.examples.absent) {
        const status = statusOf(passage(a), clause.id);
        assert.ok(!found(status), `${clause.id} should not be found in: ${a}`);
        if (!clause.detection.expectedWhen) assert.equal(status, 'missing', `${clause.id}: an AI agreement without it lacks it`);
      }
    });
  }
});

describe('model clauses pass the engine’s own rules', () => {
  const base = readFileSync(join(root, 'test/corpus/fixtures/base-ai-licence.md'), 'utf8');
  const baseAnalysis = analyzeText(base);
  const baseline = new Set(baseAnalysis.findings.filter((f) => f.rule !== 'missing-clause').map((f) => `${f.rule}|${base.slice(f.start, f.end)}`));

  for (const clause of catalogue.clauses) {
    const variants = [undefined, ...(clause.variants ?? []).map((v) => v.id)];
    for (const variant of variants) {
      test(`inserting ${clause.id}${variant ? ` (${variant})` : ''} adds no finding and the clause is complete`, () => {
        const fix = insertClauseFix(baseAnalysis, clause.id, { variant });
        assert.ok(fix, 'an insertion is offered');
        const after = applyEdits(base, fix!.edits);
        const a = analyzeText(after);
        // The text's own position: a one-sided text is reported as such (information in the neutral perspective),
        // and the position the engine reads must be the side the catalogue says the text favours.
        const declared = variant ? clause.variants?.find((v) => v.id === variant)?.favours : clause.model.favours;
        const position = a.coverage.find((c) => c.clause === clause.id)?.position;
        if (position && declared) assert.equal(position.favours, declared, `the position read (${position.id}) favours what the catalogue says the text favours`);
        const ownPosition = (f: (typeof a.findings)[number]) => f.rule === 'unfavourable-position' && f.clause === clause.id && f.severity === 'information' && declared !== undefined && declared !== 'balanced';
        const added = a.findings.filter((f) => f.rule !== 'missing-clause' && !ownPosition(f) && !baseline.has(`${f.rule}|${after.slice(f.start, f.end)}`));
        assert.deepEqual(
          added.map((f) => `${f.rule}: ${after.slice(f.start, f.end)} — ${f.message.slice(0, 120)}`),
          [],
          `inserted text:\n${fix!.edits[0].newText}`,
        );
        assert.equal(a.coverage.find((c) => c.clause === clause.id)?.status, 'present', `inserted text:\n${fix!.edits[0].newText}`);
        if (variant) assert.equal(a.coverage.find((c) => c.clause === clause.id)?.variant, variant, 'the inserted variant is recognised as that variant');
      });
    }
  }
});

test('clause groups and severities come from one vocabulary (engine/vocabulary.ts)', () => {
  const schema = JSON.parse(readFileSync(join(root, 'server', 'catalogue', 'schema', 'clause.schema.json'), 'utf8')) as {
    properties: { group: { enum: string[] } };
    definitions: { severity: { enum: string[] } };
  };
  assert.deepEqual(schema.properties.group.enum, [...CLAUSE_GROUP_IDS], 'clause.schema.json lists the groups of vocabulary.ts, in order');
  assert.deepEqual(schema.definitions.severity.enum, [...SEVERITIES], 'clause.schema.json lists the severities of vocabulary.ts');
  for (const c of catalogue.clauses) assert.ok(CLAUSE_GROUP_IDS.includes(c.group), `${c.id}: unknown group ${c.group}`);
});

test('compiled phrases shared across catalogues are bounded (a playbook edited all day)', () => {
  const limit = 200;
  limitPhraseCaches(limit);
  try {
    for (let i = 0; i < limit * 3; i++) void compilePhrase(`playbook phrase w${i.toString(36)}`).global;
    const own = compiledPatterns().filter((re) => /playbook/.test(re.source)).length;
    assert.ok(own > 0 && own <= limit * 2, `${own} patterns of the ${limit * 3} phrases kept (at most ${limit * 2})`);
    // The engine's own patterns stay registered (the regex-safety test reads them).
    assert.ok(compiledPatterns().some((re) => re.source.includes('TBD')));
  } finally {
    limitPhraseCaches(undefined);
  }
});
