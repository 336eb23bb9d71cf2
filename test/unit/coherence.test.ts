/**
 * The model clauses must work together, not only one by one (issue 15). This test assembles every model clause, and
 * then every variant as an alternative position, into one draft and checks that defined terms and cross-references
 * agree; it also checks the interactions listed in server/catalogue/README.md ("How the clauses interact") on the
 * default texts, and that examples/complete-ai-licence.md is that assembly.
 *
 * Regenerate the example with UPDATE_EXAMPLE=1.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, builtinCatalogue, type ClauseEntry } from '../../server/src/engine/index.js';
import { assembleDraft, glossary, mentions, render, GENERAL_TERMS } from './assemble.js';

const root = process.cwd();
const catalogue = builtinCatalogue();
const clause = (id: string): ClauseEntry => catalogue.clauses.find((c) => c.id === id)!;
const TERM_RULES = ['undefined-term', 'duplicate-definition', 'unused-definition', 'definition-case-mismatch', 'dangling-cross-reference', 'cross-reference-title-mismatch'];

function termFindings(text: string): string[] {
  return analyzeText(text)
    .findings.filter((f) => TERM_RULES.includes(f.rule))
    .map((f) => `${f.rule}: ${text.slice(f.start, f.end)} — ${f.message.slice(0, 100)}`);
}

describe('the model clauses work together', () => {
  const terms = glossary(catalogue.clauses);

  test('every term has one definition across the catalogue', () => {
    for (const [term, entry] of terms) assert.equal(entry.definitions.size, 1, `"${term}" is defined differently in ${entry.clauses.join(', ')}: ${[...entry.definitions].join(' | ')}`);
  });

  test('each clause lists every catalogue term its texts and definitions use', () => {
    const all = [...terms.keys(), ...GENERAL_TERMS.map((t) => t.term)];
    for (const c of catalogue.clauses) {
      const own = new Set(c.terms.map((t) => t.term));
      const texts = [c.model.text, ...c.elements.map((e) => e.text), ...(c.variants ?? []).map((v) => v.text), ...c.terms.map((t) => t.definition)];
      for (const term of all) {
        if (term === 'Fees' || term === 'Effective Date' || own.has(term)) continue;
        // A longer term that contains this one ("Customer Data" in "Customer Data Export") is not a use of it.
        const used = texts.some((t) => mentions(t.replace(/Business Days?/g, ''), term) && ![...own].some((o) => o !== term && o.includes(term) && mentions(t, o) && !mentions(t.split(o).join(''), term)));
        assert.ok(!used, `${c.id} uses "${term}" but does not list it in its terms`);
      }
    }
  });

  test('all model clauses in one draft: every defined term used is defined once, and no dangling cross-reference', () => {
    assert.deepEqual(termFindings(assembleDraft()), []);
  });

  test('all model clauses and every variant in one draft: terms and cross-references still agree', () => {
    assert.deepEqual(termFindings(assembleDraft({ variants: true })), []);
  });

  test('examples/complete-ai-licence.md is the assembly of the model clauses', () => {
    const path = join(root, 'examples', 'complete-ai-licence.md');
    const expected = assembleDraft();
    if (process.env.UPDATE_EXAMPLE === '1') writeFileSync(path, expected);
    assert.equal(readFileSync(path, 'utf8'), expected, 'regenerate with UPDATE_EXAMPLE=1 and review the diff');
  });
});

describe('interactions between clauses (server/catalogue/README.md, "How the clauses interact")', () => {
  const text = (id: string) => render(clause(id).model.text);
  const def = (term: string) => render(catalogue.clauses.flatMap((c) => c.terms).find((t) => t.term === term)!.definition);

  test('no-training allows the testing that bias-testing-audit and performance-accuracy require', () => {
    assert.doesNotMatch(text('no-training-on-customer-data'), /fine-tune, evaluate/);
    assert.match(text('no-training-on-customer-data'), /test and measure the AI System only to perform its obligations/);
    assert.match(text('bias-testing-audit'), /test the AI System for bias/);
  });

  test('no-training allows the Customer Model that model-improvements-ownership allocates', () => {
    assert.match(text('no-training-on-customer-data'), /except to create or improve a Customer Model/);
    assert.match(text('model-improvements-ownership'), /Customer owns each Customer Model/);
  });

  test('Excluded Claims leave data claims to the data super-cap', () => {
    assert.match(def('Excluded Claims'), /other than claims about Customer Data or Output/);
    assert.match(text('limitation-of-liability'), /security, confidentiality or use of Customer Data or Output/);
    assert.match(text('confidentiality-inputs-outputs'), /Input and Output are the Confidential Information of Customer/);
  });

  test('the retention limit does not defeat the export at the end', () => {
    assert.match(text('data-minimisation'), /except content that Customer or its users choose to save in the Services/);
    assert.match(text('data-return-deletion'), /export all Customer Data and Output that Provider then holds/);
  });

  test('security fixes are not held up by the model-change notice period', () => {
    assert.match(def('Material Model Change'), /a change made only to correct a security vulnerability is not a Material Model Change/);
    assert.match(text('model-change-notice'), /correct a security vulnerability or to comply with the law without that notice/);
    assert.match(text('security-controls'), /correct each vulnerability that a test reveals within 30 calendar days/);
  });

  test('the Customer Model the licensee owns is delivered before anything is deleted', () => {
    assert.match(text('data-return-deletion'), /deliver to Customer a copy of each Customer Model that Customer owns/);
    assert.match(text('data-return-deletion'), /after delivering any copy of a Customer Model that Customer asked for/);
  });

  test('incident notice leaves the controller time inside its 72-hour GDPR window', () => {
    const hours = Number(/within (\d+) hours after becoming aware/.exec(text('ai-incident-notification'))![1]);
    assert.ok(hours < 72, `${hours} hours`);
  });

  test('the AI Act roles are the same in regulatory-compliance and ai-act-roles', () => {
    for (const id of ['regulatory-compliance', 'ai-act-roles']) assert.match(text(id), /Provider is the provider and Customer is the deployer of the AI System/);
  });

  test('throttling within the quota counts against availability', () => {
    assert.match(text('usage-limits'), /limiting requests within them does/);
  });

  test('model providers are bound to the training restriction', () => {
    assert.match(text('third-party-model-providers'), /including the restriction on training/);
    assert.match(text('no-training-on-customer-data'), /bind each Model Provider in writing to the same restriction/);
  });
});
