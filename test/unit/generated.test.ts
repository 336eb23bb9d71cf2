/**
 * The files `npm run generate` writes from the catalogue (scripts/generate.ts): they must be current, and what they
 * contain must be usable: snippet bodies that parse, a docs page for every rule and clause, schemas that accept a
 * good configuration and reject a bad one.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvModule from 'ajv';
import { renderPlain, renderSnippet } from '../../scripts/generate/template.js';
import { shortNames } from '../../scripts/generate/snippets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');
const readJson = (path: string): unknown => JSON.parse(read(path));

interface RuleLike {
  id: string;
}
interface ClauseLike {
  id: string;
  model: { heading: string; text: string };
}
const rules = readJson('server/catalogue/rules.json') as RuleLike[];
const clauseFiles = readdirSync(root + 'server/catalogue/clauses').filter((f) => f.endsWith('.json')).sort();
const clauses = clauseFiles.map((f) => readJson(`server/catalogue/clauses/${f}`) as ClauseLike);

// ---------------------------------------------------------------------------------------------------------------
// A strict parser for the snippet syntax of VS Code and LSP (tab stops, placeholders, choices, variables, escapes).

interface ParsedSnippet {
  /** The text inserted when every placeholder keeps its default. */
  plain: string;
  /** Tab stop number → the default text of each occurrence. */
  stops: Map<number, string[]>;
  choices: Map<number, string[]>;
}

function parseSnippet(body: string): ParsedSnippet {
  const stops = new Map<number, string[]>();
  const choices = new Map<number, string[]>();
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i} in ${JSON.stringify(body)}`);
  };
  const addStop = (n: number, text: string) => stops.set(n, [...(stops.get(n) ?? []), text]);
  const int = (): number => {
    const m = /^\d+/.exec(body.slice(i));
    if (!m) fail('expected a tab stop number');
    i += m![0].length;
    return Number(m![0]);
  };
  // Parses until `until` (a closing `}`) or the end; returns the plain text.
  const sequence = (nested: boolean): string => {
    let out = '';
    while (i < body.length) {
      const ch = body[i]!;
      if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
      } else if (ch === '}' && nested) {
        return out;
      } else if (ch === '$') {
        i++;
        if (/\d/.test(body[i] ?? '')) {
          addStop(int(), '');
        } else if (body[i] === '{') {
          i++;
          if (!/\d/.test(body[i] ?? '')) fail('only numbered tab stops are generated');
          const n = int();
          if (body[i] === '}') {
            i++;
            addStop(n, '');
          } else if (body[i] === ':') {
            i++;
            const text = sequence(true);
            if (body[i] !== '}') fail(`unclosed placeholder \${${n}:`);
            i++;
            addStop(n, text);
            out += text;
          } else if (body[i] === '|') {
            i++;
            const end = body.indexOf('|}', i);
            if (end < 0) fail(`unclosed choice \${${n}|`);
            const options = body.slice(i, end).split(',');
            if (options.some((o) => o === '')) fail('empty choice option');
            i = end + 2;
            choices.set(n, options);
            addStop(n, options[0]!);
            out += options[0];
          } else fail(`unexpected ${JSON.stringify(body[i])} after \${${n}`);
        } else fail('unescaped "$" that starts no tab stop');
      } else if (ch === '}' && !nested) {
        out += ch; // a literal `}` outside placeholders is allowed, but the generator escapes it anyway
        i++;
      } else {
        out += ch;
        i++;
      }
    }
    if (nested) fail('unclosed "${"');
    return out;
  };
  const plain = sequence(false);
  return { plain, stops, choices };
}

describe('snippet parser (self-test)', () => {
  test('accepts what the generator writes and rejects broken bodies', () => {
    const p = parseSnippet('${1:Licensor} ${3|shall,will|} pay \\$5 within ${4:30} days $0');
    assert.equal(p.plain, 'Licensor shall pay $5 within 30 days ');
    assert.deepEqual(p.choices.get(3), ['shall', 'will']);
    for (const bad of ['${1:Licensor', '${3|shall,will}', 'pay $ now', '${x}', '${1:a ${2:b}']) {
      assert.throws(() => parseSnippet(bad), Error, bad);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('generated files are current', () => {
  test('npm run generate -- --check finds no drift', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `scripts/generate.ts --check failed (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  });
});

describe('snippets', () => {
  const file = 'snippets/ai-clauses.code-snippets';
  const snippets = readJson(file) as Record<string, { prefix: string[]; body: string[]; description: string }>;
  const entries = Object.entries(snippets);

  test('one snippet per catalogue clause, with clause:<id> and ai-<short> prefixes', () => {
    const shorts = shortNames(clauses.map((c) => c.id));
    for (const c of clauses) {
      const found = entries.filter(([, s]) => s.prefix.includes(`clause:${c.id}`));
      assert.equal(found.length, 1, `exactly one snippet for clause ${c.id}`);
      assert.ok(found[0]![1].prefix.includes(`ai-${shorts.get(c.id)}`), `ai- prefix for ${c.id}`);
      assert.ok(found[0]![1].description.length > 20, `description (why) for ${c.id}`);
    }
    const prefixes = entries.flatMap(([, s]) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  });

  test('every snippet body parses: balanced ${, escaped $, consistent tab stops', () => {
    assert.ok(entries.length > 0, `${file} has snippets`);
    for (const [name, s] of entries) {
      const parsed = parseSnippet(s.body.join('\n'));
      for (const [n, defaults] of parsed.stops) {
        const nonEmpty = [...new Set(defaults.filter((d) => d !== ''))];
        assert.ok(nonEmpty.length <= 1 || n >= 4, `${name}: tab stop ${n} has one default everywhere, got ${JSON.stringify(nonEmpty)}`);
      }
      if (!s.prefix.some((p) => p.startsWith('clause:'))) continue;
      if (parsed.stops.has(1)) assert.deepEqual([...new Set(parsed.stops.get(1))], ['Licensor'], `${name}: $1 is the licensor`);
      if (parsed.stops.has(2)) assert.deepEqual([...new Set(parsed.stops.get(2))], ['Licensee'], `${name}: $2 is the licensee`);
      if (parsed.choices.has(3)) assert.deepEqual(parsed.choices.get(3), ['shall', 'will'], `${name}: $3 is the verb`);
    }
  });

  test('each clause snippet inserts exactly the model clause (heading + text) when the defaults are kept', () => {
    for (const c of clauses) {
      const [, s] = entries.find(([, x]) => x.prefix.includes(`clause:${c.id}`))!;
      const plain = parseSnippet(s.body.join('\n')).plain;
      const expected = `## ${renderPlain(c.model.heading).trim()}\n\n${renderPlain(c.model.text).trimEnd()}\n`;
      assert.equal(plain, expected, `snippet for ${c.id} (stale? run npm run generate)`);
    }
  });

  test('suppression directive snippets', () => {
    for (const kind of ['disable-next-line', 'disable-line', 'disable', 'enable', 'disable-file']) {
      const found = entries.find(([, s]) => s.prefix.includes(`ai-clauses-${kind}`));
      assert.ok(found, `snippet ai-clauses-${kind}`);
      assert.equal(found[1].body.join('\n'), `<!-- ai-clauses-${kind} \${1:rule} -->`);
    }
  });
});

describe('template rendering for snippets', () => {
  test('parties share one tab stop each, the verb is a choice, each value gets its own stop, $ } \\ are escaped', () => {
    const [heading, text] = renderSnippet(['{Licensor} terms', '{Licensor} {shall} pay [[10]]% of $5 {x} within [[30]] days; {Licensee} and {Licensor} {shall} sign.']);
    assert.equal(heading, '${1:Licensor} terms');
    assert.equal(
      text,
      '${1:Licensor} ${3|shall,will|} pay ${4:10}% of \\$5 {x\\} within ${5:30} days; ${2:Licensee} and ${1:Licensor} ${3|shall,will|} sign.',
    );
    assert.equal(renderPlain('{Licensee} {shall} pay [[10]] EUR'), 'Licensee shall pay 10 EUR');
  });

  test('short names are the fewest leading words that are unique', () => {
    const s = shortNames(['output-ownership', 'output-warranty-disclaimer', 'acceptable-use', 'training-data-provenance', 'training-data-disclosure', 'data']);
    assert.equal(s.get('output-ownership'), 'output-ownership');
    assert.equal(s.get('output-warranty-disclaimer'), 'output-warranty');
    assert.equal(s.get('acceptable-use'), 'acceptable');
    assert.equal(s.get('training-data-provenance'), 'training-data-provenance');
    assert.equal(s.get('data'), 'data');
  });
});

describe('documentation pages', () => {
  test('every rule in rules.json has a docs page that names it, and the index links it', () => {
    const index = read('docs/rules/README.md');
    for (const r of rules) {
      const path = `docs/rules/${r.id}.md`;
      assert.ok(existsSync(root + path), `${path} exists`);
      const page = read(path);
      assert.ok(page.includes(`\`${r.id}\``), `${path} names the rule`);
      for (const heading of ['## Why it matters', '## Example', '## How to fix it', '## Turning it off']) assert.ok(page.includes(heading), `${path} has "${heading}"`);
      assert.ok(index.includes(`](${r.id}.md)`), `docs/rules/README.md links ${r.id}`);
    }
  });

  test('every clause has a page, and missing-clause / incomplete-clause link to each', () => {
    const missing = read('docs/rules/missing-clause.md');
    const incomplete = read('docs/rules/incomplete-clause.md');
    for (const c of clauses) {
      assert.ok(existsSync(root + `docs/clauses/${c.id}.md`), `docs/clauses/${c.id}.md exists`);
      assert.ok(missing.includes(`](../clauses/${c.id}.md)`), `missing-clause.md links ${c.id}`);
      assert.ok(incomplete.includes(`](../clauses/${c.id}.md)`), `incomplete-clause.md links ${c.id}`);
    }
  });

  test('relative links between the generated pages resolve', () => {
    for (const dir of ['docs/rules', 'docs/clauses']) {
      for (const name of readdirSync(root + dir)) {
        for (const m of read(`${dir}/${name}`).matchAll(/\]\((?!https?:)([^)#\s]+\.md)\)/g)) {
          assert.ok(existsSync(new URL(m[1]!, `file://${root}${dir}/`)), `${dir}/${name} links to ${m[1]}, which exists`);
        }
      }
    }
  });
});

describe('schemas', () => {
  const Ajv = ajvModule.default;
  const configSchema = readJson('schemas/ai-clauses-config.schema.json') as { properties: Record<string, { properties?: Record<string, unknown> }> };

  test('config schema: one property per rule id and per clause id', () => {
    assert.deepEqual(Object.keys(configSchema.properties.rules!.properties!).filter((k) => k !== '*').sort(), rules.map((r) => r.id).sort());
    assert.deepEqual(Object.keys(configSchema.properties.clauses!.properties!).sort(), clauses.map((c) => c.id).sort());
  });

  test('config schema accepts a good .ai-clauses.json and rejects mistakes', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(configSchema);
    const someRule = rules[0]!.id;
    const good: Record<string, unknown> = {
      $schema: './schemas/ai-clauses-config.schema.json',
      perspective: 'licensee',
      documentKind: 'auto',
      rules: { [someRule]: 'off', '*': 'warning' },
      maxDocumentSize: 1000000,
      playbooks: ['./playbooks/firm.json'],
    };
    if (clauses.length) {
      good.clauses = { [clauses[0]!.id]: 'error' };
      good.requiredClauses = [clauses[0]!.id];
    }
    assert.ok(validate(good), JSON.stringify(validate.errors));
    const bad: Record<string, unknown>[] = [
      { rules: { 'no-such-rule': 'off' } },
      { rules: { [someRule]: 'loud' } },
      { clauses: { 'no-such-clause': 'off' } },
      { requiredClauses: ['no-such-clause'] },
      { perspective: 'buyer' },
      { documentKind: 'memo' },
      { maxDocumentSize: 1.5 },
      { playbooks: 'firm.json' },
      { unknownSetting: true },
    ];
    for (const b of bad) assert.equal(validate(b), false, `rejects ${JSON.stringify(b)}`);
  });

  test('playbook schema: overrides of built-in clauses may be partial, new clauses must be complete', () => {
    assert.ok(existsSync(root + 'schemas/clause.schema.json'), 'schemas/clause.schema.json (copied from server/catalogue/schema/) exists');
    const clauseSchema = readJson('schemas/clause.schema.json') as Record<string, unknown>;
    const playbook = readJson('schemas/playbook.schema.json') as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(clauseSchema, 'clause.schema.json');
    const validate = ajv.compile(playbook);
    const full = clauses[0] as unknown as Record<string, unknown>;
    assert.ok(full, 'the catalogue has at least one clause');
    assert.ok(validate({ clauses: [{ id: full.id, why: 'Our firm insists on this clause.' }] }), `partial override: ${JSON.stringify(validate.errors)}`);
    assert.ok(validate({ clauses: [{ ...full, id: 'firm-special-clause' }] }), `complete new clause: ${JSON.stringify(validate.errors)}`);
    assert.equal(validate({ clauses: [{ id: 'firm-special-clause', why: 'Incomplete.' }] }), false, 'an incomplete new clause is rejected');
    assert.equal(validate({ clauses: [{ id: full.id, notAField: 1 }] }), false, 'an unknown field is rejected');
    assert.equal(validate({}), false, 'clauses is required');
  });
});

describe('package.json settings', () => {
  test('aiClauses.rules has one property per rule id, with the rule title as description', () => {
    const pkg = readJson('package.json') as { contributes?: { configuration?: unknown } };
    const config = pkg.contributes?.configuration;
    const sections = (Array.isArray(config) ? config : [config]) as { properties?: Record<string, { properties?: Record<string, { enum: string[]; description: string }> }> }[];
    const setting = sections.map((s) => s?.properties?.['aiClauses.rules']).find(Boolean);
    assert.ok(setting, 'package.json contributes the aiClauses.rules setting');
    const props = setting.properties ?? {};
    assert.deepEqual(Object.keys(props).sort(), rules.map((r) => r.id).sort());
    const meta = readJson('server/catalogue/rules.json') as { id: string; title: string }[];
    for (const r of meta) {
      assert.equal(props[r.id]!.description, r.title);
      assert.deepEqual(props[r.id]!.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
  });
});
