/** The CLI's reports (server/src/cli/format.ts): text, SARIF and HTML. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import ajvModule from 'ajv';
import { count, formatHtml, formatSarif, formatText, toFileResult, type FileResult } from '../../server/src/cli/format.js';
import { analyzeText, builtinCatalogue, LineIndex, resolveConfig } from '../../server/src/engine/index.js';
import { BUNDLES, ensureBuilt } from '../fuzz/build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs the CLI as users do: the bundle `ai-clauses` ships (dist/cli.cjs, rebuilt first when any source is newer).
 * Plain Node starts it in a third of the CPU time that transpiling server/src/cli/main.ts with tsx takes.
 */
function cli(args: string[]) {
  ensureBuilt();
  const bundle = BUNDLES.find((b) => b.endsWith('cli.cjs'))!;
  return spawnSync(process.execPath, [bundle, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The report entry of a repository file, analysed once per file (analysis is deterministic; reports only read it). */
const results = new Map<string, FileResult>();
export function resultOf(relative: string): FileResult {
  let result = results.get(relative);
  if (!result) {
    const text = fs.readFileSync(path.join(ROOT, relative), 'utf8');
    const config = resolveConfig({});
    results.set(relative, (result = toFileResult(relative, analyzeText(text, config), new LineIndex(text), config)));
  }
  return result;
}

describe('HTML report', () => {
  it('names the elements an incomplete clause lacks by title, never by id', () => {
    const results = ['examples/gappy-ai-licence.md', 'examples/vague-ai-licence.md', 'test/lsp/fixtures/draft.md'].map(resultOf);
    const incomplete = results.flatMap((r) => r.coverage.filter((c) => c.status === 'incomplete'));
    assert.ok(incomplete.length > 0, 'some clause is incomplete');
    const html = formatHtml(results);
    const ids = new Set(builtinCatalogue().clauses.flatMap((c) => c.elements.map((e) => e.id)).filter((id) => id.includes('-')));
    for (const c of incomplete) {
      for (const title of c.missingElementTitles) assert.ok(html.includes(title.replace(/'/g, '&#39;').replace(/"/g, '&quot;')), `"${title}" is in the report`);
    }
    for (const id of ids) assert.ok(!new RegExp(`lacks[^<]*\\b${id}\\b`).test(html), `element id "${id}" in the report`);
  });
});

describe('text report', () => {
  it('writes plurals correctly', () => {
    assert.equal(count(1, 'finding'), '1 finding');
    assert.equal(count(0, 'finding'), '0 findings');
    assert.equal(count(2, 'file'), '2 files');
    const r = resultOf('examples/gappy-ai-licence.md');
    const one = { ...r, findings: r.findings.filter((f) => f.severity === 'warning').slice(0, 1) };
    const last = formatText([one]).trim().split('\n').at(-2)!;
    assert.equal(last, '1 finding (0 errors, 1 warning, 0 information) in 1 file (1 contract)');
  });

  it('keeps lines short by default; --verbose gives the whole explanation', () => {
    const r = resultOf('examples/vague-ai-licence.md');
    const short = formatText([r]).trim().split('\n').slice(0, -2);
    const long = formatText([r], [], { verbose: true }).trim().split('\n').slice(0, -1);
    assert.equal(short.length, r.findings.length);
    const longest = Math.max(...short.map((l) => l.length - r.path.length));
    assert.ok(longest < 200, `a default line is ${longest} characters long (without the path)`);
    for (const f of r.findings) assert.ok(long.some((l) => l.endsWith(f.message)), `--verbose has the whole message of ${f.rule}`);
    const vague = r.findings.find((f) => f.rule === 'vague-time')!;
    const rule = builtinCatalogue().rule('vague-time')!;
    assert.ok(vague.message.includes(rule.why) && !vague.brief.includes(rule.why));
  });
});

describe('SARIF report', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));

  /** The vendored schema is draft-04: its `id` is `$id` for Ajv 8; formats are checked by hand (no ajv-formats). */
  function validator() {
    const { id, $schema: _draft, ...rest } = schema;
    // unicodeRegExp: false, as the schema has a pattern (language tags) that is invalid with the u flag.
    const ajv = new ajvModule.default({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    return ajv.compile({ $id: id, ...rest });
  }

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const results = ['examples/gappy-ai-licence.md', 'examples/vague-ai-licence.md'].map(resultOf);
    const text = formatSarif(results, { root: ROOT });
    const validate = validator();
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator does check: a relative helpUri fails.
    const broken = JSON.parse(text);
    broken.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md';
    assert.equal(validate(broken), false, 'a relative helpUri is rejected');
  });

  it('has absolute help URIs and locations relative to %SRCROOT%, which originalUriBaseIds defines', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-sarif-'));
    const elsewhere = path.join(outside, 'other licence.md');
    fs.copyFileSync(path.join(ROOT, 'examples/vague-ai-licence.md'), elsewhere);
    try {
      const inside = resultOf('examples/gappy-ai-licence.md');
      const text = fs.readFileSync(elsewhere, 'utf8');
      const config = resolveConfig({});
      const other = toFileResult(elsewhere, analyzeText(text, config), new LineIndex(text), config);
      const log = JSON.parse(formatSarif([inside, other], { root: ROOT }));
      const run = log.runs[0];
      for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /^file:\/\/\/.*\/docs\/rules\/[a-z-]+\.md$/);
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${ROOT}/`).href}`);
      assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
      const locations = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation);
      assert.ok(locations.some((l: { uri: string; uriBaseId?: string }) => l.uri === 'examples/gappy-ai-licence.md' && l.uriBaseId === '%SRCROOT%'));
      const abs = locations.filter((l: { uri: string; uriBaseId?: string }) => !l.uriBaseId);
      assert.ok(abs.length > 0 && abs.every((l: { uri: string }) => l.uri.startsWith('file:///') && l.uri.endsWith('/other%20licence.md')), JSON.stringify(abs[0]));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('HTML report: summary', () => {
  const files = ['examples/gappy-ai-licence.md', 'examples/complete-ai-licence.md', 'README.md'];
  const html = formatHtml(files.map(resultOf));

  it('starts with a summary table: one row per file with its kind, counts and most serious findings', () => {
    const table = /<table class="overview">([\s\S]*?)<\/table>/.exec(html)?.[1];
    assert.ok(table, 'no summary table');
    assert.ok(html.indexOf('<table class="overview">') < html.indexOf('<section'), 'the summary comes first');
    const rows = table.split('<tr>').slice(2);
    assert.equal(rows.length, files.length);
    for (const [i, f] of files.entries()) assert.ok(rows[i].includes(`href="#file-${i + 1}"`) && rows[i].includes(f), rows[i]);
    assert.match(rows[0], /AI agreement/);
    assert.match(rows[0], /\d+ present · \d+ incomplete · \d+ missing/);
    assert.match(rows[0], /\d+ warnings?/);
    assert.match(rows[2], /Not a contract/);
  });

  it('collapses "not applicable" clauses and repeats no label', () => {
    // A contract that is not about AI: the AI-only clauses are not applicable.
    const text = '# Services Agreement\n\nThis Services Agreement is between Acme Ltd ("Supplier") and Beta plc ("Client").\n\n## 1. Services\n\nSupplier shall provide the Services and Client shall pay the fees within 30 calendar days of each invoice. Either party may terminate this Agreement for material breach on 30 calendar days notice. This Agreement is governed by the laws of England.\n';
    const config = resolveConfig({});
    const r = toFileResult('services.md', analyzeText(text, config), new LineIndex(text), config);
    const na = r.coverage.filter((c) => c.status === 'not-applicable');
    assert.ok(r.isContract && na.length > 0, 'a contract not about AI has clauses that do not apply');
    const page = formatHtml([r]);
    assert.match(page, /<details class="na"><summary>\d+ clauses? not applicable<\/summary>/);
    for (const c of na) assert.ok(/<details class="na">[\s\S]*<\/details>/.exec(page)![0].includes(c.title), `${c.title} is inside the collapsed block`);
    assert.ok(!/<td>[^<]*<\/td><td><span class="badge not-applicable">/.test(page.replace(/<details class="na">[\s\S]*?<\/details>/g, '')), 'no not-applicable row outside the collapsed blocks');
    assert.ok(!/AI agreement — AI agreement/.test(html));
    assert.ok(!/<p class="kind">AI agreement[^<]*<span class="reason">\(AI agreement/.test(html), 'the kind is not repeated in the reason');
  });
});

describe('CLI', () => {
  it('--output FILE says what it wrote', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-cli-'));
    try {
      const out = path.join(dir, 'report.html');
      const run = cli(['check', '--quiet', '--format', 'html', '--output', out, 'examples/gappy-ai-licence.md']);
      assert.equal(run.stdout, `wrote html report to ${out}\n`, run.stderr);
      assert.ok(fs.readFileSync(out, 'utf8').startsWith('<!doctype html>'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI perspective', () => {
  it('--perspective decides which positions are unfavourable, and the JSON carries kind, parties and positions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-perspective-'));
    try {
      const draft = path.join(dir, 'draft.md');
      fs.writeFileSync(
        draft,
        '# AI Services Agreement\n\nThis AI Services Agreement is between Northwind Analytics Ltd ("Provider") and Contoso Retail plc ("Customer").\n\n## 1. Services\n\nProvider will provide the AI System, a machine learning service with generative models, to Customer. Customer will pay the fees. Either party may terminate for breach.\n\n## 2. Data\n\nProvider may use Customer Data and Output to train and improve its models.\n',
      );
      const run = (perspective: string) => cli(['check', '--quiet', '--jobs', '1', '--format', 'json', '--perspective', perspective, draft]);
      const positionsOf = (perspective: string) => {
        const r = run(perspective);
        const file = JSON.parse(r.stdout).files[0];
        return { file, findings: file.findings.filter((f: { rule: string }) => f.rule === 'unfavourable-position') };
      };
      const licensee = positionsOf('licensee');
      assert.equal(licensee.file.agreementKind, 'ai-service');
      assert.deepEqual(licensee.file.parties, [
        { name: 'Provider', role: 'licensor' },
        { name: 'Customer', role: 'licensee' },
      ]);
      const entry = licensee.file.coverage.find((c: { clause: string }) => c.clause === 'no-training-on-customer-data');
      assert.equal(entry.position.favours, 'licensor');
      assert.deepEqual(licensee.findings.map((f: { severity: string; clause: string }) => `${f.severity} ${f.clause}`), ['warning no-training-on-customer-data']);
      assert.deepEqual(positionsOf('licensor').findings, []);
      assert.equal(positionsOf('neutral').findings[0]?.severity, 'information');
      assert.equal(run('buyer').status, 2, 'an unknown perspective is a usage error');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI: linked files of the deal folder', () => {
  it('follows relative links to Markdown files in the draft\'s folder, one level, never outside it or through a symbolic link', async () => {
    const { aiDraft } = await import('./helpers.js');
    const { render } = await import('./assemble.js');
    const model = (id: string, heading: string) => aiDraft(`## 3. ${heading}\n\n${render(builtinCatalogue().clause(id)!.model.text)}`);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rd2-deal-'));
    try {
      const dir = path.join(root, 'deal');
      fs.mkdirSync(path.join(dir, 'schedules'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'dpa.md'), model('data-protection', 'Data Protection'));
      fs.writeFileSync(path.join(dir, 'schedules', 'ai-addendum.md'), model('model-change-notice', 'Model Changes'));
      fs.writeFileSync(path.join(root, 'outside.md'), model('ip-indemnity', 'IP Indemnity'));
      fs.writeFileSync(path.join(root, 'secret.md'), model('export-control-sanctions', 'Export Control'));
      fs.symlinkSync(path.join(root, 'secret.md'), path.join(dir, 'escape.md'));
      const main = path.join(dir, 'main.md');
      fs.writeFileSync(
        main,
        aiDraft('## 9. Other documents\n\nThe [data processing terms](dpa.md), the [AI addendum](schedules/ai-addendum.md), the [general terms](../outside.md) and the [export terms](escape.md) apply to the AI System.'),
      );
      const run = cli(['check', '--quiet', '--jobs', '1', '--format', 'json', main]);
      const file = JSON.parse(run.stdout).files[0];
      const entry = (id: string) => file.coverage.find((c: { clause: string }) => c.clause === id);
      assert.equal(entry('data-protection').status, 'present');
      assert.equal(entry('data-protection').byReference, true);
      assert.deepEqual(entry('data-protection').referencedIn, { file: 'dpa.md', section: 'Section 9' });
      assert.deepEqual(entry('model-change-notice').referencedIn, { file: 'schedules/ai-addendum.md', section: 'Section 9' });
      assert.equal(entry('ip-indemnity').status, 'missing', 'a file outside the draft\'s folder is not read');
      assert.equal(entry('export-control-sanctions').status, 'missing', 'a symbolic link out of the folder is not followed');
      const html = cli(['check', '--quiet', '--jobs', '1', '--format', 'html', main]);
      assert.match(html.stdout, /present in dpa\.md, linked from Section 9/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
