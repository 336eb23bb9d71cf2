import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aiDraft, excerpts, findings } from './helpers.js';
import { Catalogue, analyzeText, builtinCatalogue, defaultConfig, fixesFor, type RuleMeta } from '../../server/src/engine/index.js';
import { moduleRules, ruleFor } from '../../server/src/engine/rules/registry.js';
import type { RuleCases } from './rules/cases.js';

/**
 * Every rule: its module (server/src/engine/rules/<id>.ts) or its rules.json phrases, and its cases
 * (test/unit/rules/<id>.ts). The list comes from the registry and rules.json, never from this file.
 */
const catalogue = builtinCatalogue();
const ids = [...new Set([...moduleRules().map((r) => r.id), ...catalogue.rules.map((r) => r.id)])].sort();
const root = fileURLToPath(new URL('../../', import.meta.url));
const caseFile = (id: string) => new URL(`./rules/${id}.ts`, import.meta.url);
const allCases = new Map<string, RuleCases>();
for (const id of ids) {
  if (existsSync(caseFile(id))) allCases.set(id, ((await import(`./rules/${id}.js`)) as { cases: RuleCases }).cases);
}

test('every rule has a module or phrases, and a case file', () => {
  for (const meta of catalogue.rules) {
    assert.ok(moduleRules().some((r) => r.id === meta.id) || meta.phrases?.length, `rule ${meta.id} has neither a module in server/src/engine/rules/ nor phrases in rules.json`);
  }
  for (const id of ids) {
    assert.ok(allCases.has(id), `rule ${id} has no cases: add test/unit/rules/${id}.ts`);
    assert.equal(allCases.get(id)!.rule, id, `test/unit/rules/${id}.ts names another rule`);
  }
});

for (const id of ids) {
  const c = allCases.get(id);
  if (!c) continue;
  describe(`rule ${id}`, () => {
    const meta = catalogue.rule(id);
    const examples = c.examples ?? {};
    if (meta && !('illustrative' in examples)) {
      test('flags the bad example of rules.json and not the good one', () => {
        const wrap = examples.wrap ?? aiDraft;
        assert.ok(findings(wrap(meta.examples.bad), id).length > 0, `${id} should flag its bad example: ${meta.examples.bad}`);
        assert.deepEqual(excerpts(wrap(meta.examples.good), id), [], `${id} should not flag its good example: ${meta.examples.good}`);
      });
    }
    test('is tested', () => {
      const own = (c.positive?.length ?? 0) + Object.keys(c.more ?? {}).length;
      if (c.testedIn) {
        assert.ok(readFileSync(root + c.testedIn, 'utf8').includes(`'${id}'`), `${c.testedIn} does not name ${id}`);
      } else {
        assert.ok(own > 0 || (meta && !('illustrative' in examples)), `${id}: no positive case, further check or runnable example`);
      }
      assert.ok(ruleFor(id).id === id);
    });
    if (c.positive?.length) {
      test('flags the positive cases', () => {
        for (const p of c.positive!) assert.ok(excerpts(aiDraft(p.body), id).includes(p.excerpt), `${id} should flag "${p.excerpt}" in: ${p.body}`);
      });
    }
    if (c.negative?.length) {
      test('stays quiet on the negative cases', () => {
        for (const n of c.negative!) assert.deepEqual(excerpts(aiDraft(n), id), [], `${id} should not fire on: ${n}`);
      });
    }
    for (const [name, check] of Object.entries(c.more ?? {})) test(name, check);
  });
}

describe('wording rules', () => {
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
});

describe('the generic phrase rule (a rules.json rule with phrases and no module)', () => {
  const withRule = (extra: Partial<RuleMeta>) => {
    const rule: RuleMeta = {
      id: 'frobnication',
      title: 'Frobnication',
      category: 'drafting',
      severity: 'warning',
      why: 'Nobody knows what it means.',
      instead: 'Say what is done.',
      examples: { bad: 'Provider shall frobnicate.', good: 'Provider shall deliver.' },
      phrases: [{ phrase: 'frobnicate|frobnicates', replacements: ['deliver'] }],
      ...extra,
    };
    return { ...defaultConfig(), catalogue: new Catalogue(catalogue.clauses, [...catalogue.rules, rule]) };
  };
  const text = aiDraft('Provider shall frobnicate the Output.');

  test('finds its phrases, starts its message with its title as a sentence, offers its replacements', () => {
    const config = withRule({});
    const analysis = analyzeText(text, config);
    const [f] = analysis.findings.filter((x) => x.rule === 'frobnication');
    assert.equal(text.slice(f.start, f.end), 'frobnicate');
    assert.equal(f.message, 'Frobnication. Nobody knows what it means. Say what is done.');
    assert.ok(fixesFor(analysis, f).some((x) => x.title === 'Replace with "deliver"'));
  });

  test('uses the message template of rules.json, {excerpt} being the quoted text found', () => {
    const [f] = analyzeText(text, withRule({ message: '{excerpt} means nothing.' })).findings.filter((x) => x.rule === 'frobnication');
    assert.equal(f.message, '"frobnicate" means nothing. Nobody knows what it means. Say what is done.');
  });
});

describe('definition rules', () => {
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
    const terms = analyzeText(t).model.definitions.map((d) => d.term);
    for (const term of ['Alpha Term', 'Beta Term', 'Gamma Term', 'Delta Term', 'Epsilon Term']) assert.ok(terms.includes(term), `${term} recognised: ${terms.join(', ')}`);
  });
});

