/**
 * `npm run generate`: writes everything derived from the catalogue (server/catalogue/clauses/*.json) and the rule
 * registry (server/catalogue/rules.json), deterministically:
 *
 *   server/catalogue/index.ts              (scripts/catalogue-index.mjs: static imports of the catalogue data)
 *   snippets/ai-clauses.code-snippets      clause snippets and suppression-directive snippets
 *   docs/rules/<rule>.md, README.md        one page per rule (the diagnostics' codeDescription target)
 *   docs/clauses/<id>.md, README.md        one page per catalogue clause
 *   schemas/ai-clauses-config.schema.json  the .ai-clauses.json configuration file
 *   schemas/playbook.schema.json           firm playbooks, referencing schemas/clause.schema.json
 *   schemas/clause.schema.json             a copy of server/catalogue/schema/clause.schema.json
 *   package.json                           only contributes.configuration["aiClauses.rules"].properties
 *
 * `--check` computes everything in memory, compares it with the files on disk, writes nothing, lists every file
 * that differs and exits 1 when any does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { snippetsFile } from './generate/snippets.js';
import { clauseDoc, clausesIndex, ruleDoc, rulesIndex } from './generate/docs.js';
import { configSchema, findRulesSetting, playbookSchema, settingsRuleProperties, type JsonObject } from './generate/schema.js';
import { unknownTemplateTokens } from './generate/template.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const drifted: string[] = [];
const warnings: string[] = [];
const errors: string[] = [];
let written = 0;

// 1. server/catalogue/index.ts first: the engine's builtinCatalogue() imports it.
const indexScript = spawnSync(process.execPath, [join(root, 'scripts', 'catalogue-index.mjs'), ...(check ? ['--check'] : [])], { cwd: root, encoding: 'utf8' });
if (indexScript.status !== 0) {
  if (check) drifted.push('server/catalogue/index.ts');
  else errors.push(`scripts/catalogue-index.mjs failed: ${indexScript.stderr || indexScript.stdout}`);
}

// 2. The catalogue, through the engine's own loader.
const engine = await import('../server/src/engine/index.js');
const catalogue = engine.builtinCatalogue();
const clauses = [...catalogue.clauses];
const rules = [...catalogue.rules];
const defaults = engine.defaultConfig();

if (clauses.length === 0) warnings.push('the catalogue has no clauses (server/catalogue/clauses/*.json): clause snippets and pages are empty');
for (const c of clauses) {
  const templates = [c.model.heading, c.model.text, ...c.elements.map((e) => e.text), ...(c.variants ?? []).map((v) => v.text)];
  for (const t of templates) for (const token of unknownTemplateTokens(t)) warnings.push(`clause ${c.id}: ${token} is not template syntax ({Licensor}, {Licensee}, {shall}, [[value]])`);
}
// Phrases that are not valid phrase syntax (each names its clause or rule, the phrase and the rewrite).
errors.push(...engine.phraseProblems(clauses, rules));
const seen = new Set<string>();
for (const id of [...clauses.map((c) => `clause ${c.id}`), ...rules.map((r) => `rule ${r.id}`)]) {
  if (seen.has(id)) errors.push(`duplicate ${id}`);
  seen.add(id);
}

// 3. Everything to write, by path.
const outputs = new Map<string, string>();
outputs.set('snippets/ai-clauses.code-snippets', snippetsFile(clauses));
for (const r of rules) outputs.set(`docs/rules/${r.id}.md`, ruleDoc(r, clauses));
outputs.set('docs/rules/README.md', rulesIndex(rules));
for (const c of clauses) outputs.set(`docs/clauses/${c.id}.md`, clauseDoc(c));
outputs.set('docs/clauses/README.md', clausesIndex(clauses));
outputs.set('schemas/ai-clauses-config.schema.json', configSchema(rules, clauses, { maxDocumentSize: defaults.maxDocumentSize }));

const clauseSchemaSource = join(root, 'server', 'catalogue', 'schema', 'clause.schema.json');
if (existsSync(clauseSchemaSource)) {
  const text = readFileSync(clauseSchemaSource, 'utf8');
  outputs.set('schemas/clause.schema.json', text);
  outputs.set('schemas/playbook.schema.json', playbookSchema(JSON.parse(text) as JsonObject, clauses.map((c) => c.id)));
} else {
  errors.push('server/catalogue/schema/clause.schema.json is missing: cannot write schemas/clause.schema.json and schemas/playbook.schema.json');
}

// 4. Compare or write. Generated folders hold nothing else, so stale pages (a removed rule) are deleted.
for (const [path, content] of outputs) {
  const file = join(root, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  if (check) drifted.push(path);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    written++;
  }
}
for (const dir of ['docs/rules', 'docs/clauses']) {
  const abs = join(root, dir);
  if (!existsSync(abs)) continue;
  for (const name of readdirSync(abs).sort()) {
    const path = `${dir}/${name}`;
    if (!name.endsWith('.md') || outputs.has(path)) continue;
    if (check) drifted.push(`${path} (no longer generated: delete it)`);
    else {
      unlinkSync(join(abs, name));
      written++;
    }
  }
}

// 5. package.json: only the aiClauses.rules setting's properties. Read right before writing: others edit the file.
const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as JsonObject;
const setting = findRulesSetting(pkg);
const wanted = settingsRuleProperties(rules);
if (!setting) {
  warnings.push('package.json has no contributes.configuration property "aiClauses.rules" yet: its per-rule properties were not written');
} else if (!isDeepStrictEqual(setting.properties, wanted)) {
  if (check) drifted.push('package.json (contributes.configuration "aiClauses.rules".properties)');
  else {
    setting.properties = wanted;
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
    written++;
  }
}

for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (check) {
  if (drifted.length) {
    console.error(`Generated files are out of date; run \`npm run generate\`:\n${drifted.map((d) => `  ${d}`).join('\n')}`);
    process.exitCode = 1;
  } else if (!errors.length) console.log(`All ${outputs.size} generated files are up to date.`);
} else {
  console.log(`generate: ${outputs.size} generated files checked, ${written} written or deleted.`);
}
if (errors.length) process.exitCode = 1;
