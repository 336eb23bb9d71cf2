/**
 * Findings before and after a refactor: dumps the whole analysis (findings with rule, range, severity, message, why,
 * instead, excerpt and data; their quick fixes; coverage; applicability; the model's outline; rule errors) of a fixed
 * set of documents, fresh and after a sequence of edits through one `DocumentAnalyzer`, and compares it with a saved
 * baseline.
 *
 *   npm run compare-findings -- --save     # write the baseline (default /tmp/ai-clauses-findings.json)
 *   npm run compare-findings -- --check    # analyse again; exit 1 and show the first differences if anything changed
 *   npm run compare-findings -- --check --file /tmp/other.json
 *
 * The documents: the shared corpus (../shared/corpus/*.md, when present), examples/*.md, test/corpus/fixtures/*.md,
 * generated drafts (bench/generate.ts, fixed sizes and seeds) and fuzzed drafts (test/fuzz/generate.ts, seed 20261203).
 * Every one is analysed fresh with the default configuration; a subset is also edited (typed characters, deleted
 * ranges, pasted blocks, a configuration change midway), and the analysis after every edit is recorded too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentAnalyzer, analyzeText, fixesFor, resolveConfig, type DocumentAnalysis, type ResolvedConfig } from '../server/src/engine/index.js';
import { generateDraft, rng } from '../bench/generate.js';
import { fuzzDocument } from '../test/fuzz/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '..');

interface Doc {
  name: string;
  text: string;
  /** Also run a sequence of edits on it. */
  edit: boolean;
}

function documents(): Doc[] {
  const docs: Doc[] = [];
  for (const dir of [resolve(REPO, '..', 'shared', 'corpus'), join(REPO, 'examples'), join(REPO, 'test', 'corpus', 'fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.md') && f !== 'README.md') docs.push({ name: `${dir.split('/').slice(-2).join('/')}/${f}`, text: readFileSync(join(dir, f), 'utf8'), edit: true });
    }
  }
  for (const [size, seed] of [[4_000, 1], [12_000, 2], [30_000, 3], [60_000, 41], [100_000, 42]]) {
    docs.push({ name: `generated-${size}-${seed}`, text: generateDraft(size, seed), edit: true });
  }
  for (let i = 0; i < 300; i++) {
    const d = fuzzDocument(20261203, i);
    docs.push({ name: `fuzz-20261203-${i} (${d.origin})`, text: d.text, edit: i % 10 === 0 });
  }
  return docs;
}

/** Everything an analysis says, as plain JSON. */
function dump(analysis: DocumentAnalysis): unknown {
  return {
    applicability: analysis.applicability,
    skipped: analysis.skipped,
    ruleErrors: analysis.ruleErrors,
    title: analysis.model.title,
    parties: analysis.model.parties,
    obligationVerb: analysis.model.obligationVerb,
    sections: analysis.model.sections.map((s) => [s.kind, s.level, s.number, s.title, s.start, s.end, s.parent]),
    definitions: analysis.model.definitions.map((d) => [d.term, d.style, d.start, d.end]),
    crossReferences: analysis.model.crossReferences.map((r) => [r.kind, r.target, r.title, r.start, r.end, r.resolved, r.external]),
    coverage: analysis.coverage,
    findings: analysis.findings.map((f) => ({
      ...f,
      fixes: fixesFor(analysis, f, { snippets: true }).map((x) => [x.title, x.kind, x.preferred, x.safe, x.edits, x.command]),
    })),
  };
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** The edits applied to one document, derived from its name. */
function* editedVersions(doc: Doc): Generator<{ label: string; text: string; config?: ResolvedConfig }> {
  const seed = [...doc.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  let text = doc.text;
  const steps = 12;
  for (let i = 0; i < steps; i++) {
    const at = int(text.length + 1);
    const op = i % 6;
    let label: string;
    if (op === 0) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      label = `type x at ${at}`;
    } else if (op === 1) {
      const end = Math.min(text.length, at + 1 + int(40));
      text = text.slice(0, at) + text.slice(end);
      label = `delete ${at}-${end}`;
    } else if (op === 2) {
      const block = '\n\nProvider shall use best efforts to respond promptly and/or within 30 days, etc. [TBD]\n\n';
      text = text.slice(0, at) + block + text.slice(at);
      label = `paste a paragraph at ${at}`;
    } else if (op === 3) {
      text = text.slice(0, at) + '\n\n## 99. Definitions\n\n"Business Day" means a day other than a Saturday or Sunday. "Material" means material.\n\n' + text.slice(at);
      label = `paste definitions at ${at}`;
    } else if (op === 4) {
      const from = int(text.length + 1);
      const piece = text.slice(from, from + 1 + int(300));
      text = text.slice(0, at) + piece + text.slice(at);
      label = `duplicate ${piece.length} characters at ${at}`;
    } else {
      const end = Math.min(text.length, at + int(2000));
      text = text.slice(0, at) + text.slice(end);
      label = `cut ${at}-${end}`;
    }
    const config = i === 7 ? resolveConfig({ settings: { rules: { 'vague-time': 'warning', 'shall-misuse': 'off', '*': 'hint' }, perspective: 'licensee' } }) : i === 9 ? resolveConfig() : undefined;
    yield { label, text, config };
  }
}

function run(): Map<string, { hash: string; value: unknown }> {
  const out = new Map<string, { hash: string; value: unknown }>();
  const record = (key: string, value: unknown) => out.set(key, { hash: hash(value), value });
  for (const doc of documents()) {
    record(`${doc.name} :: fresh`, dump(analyzeText(doc.text)));
    if (!doc.edit) continue;
    const analyzer = new DocumentAnalyzer();
    analyzer.update(doc.text);
    let step = 0;
    for (const v of editedVersions(doc)) {
      if (v.config) analyzer.setConfig(v.config);
      record(`${doc.name} :: edit ${++step}: ${v.label}`, dump(analyzer.update(v.text)));
    }
  }
  return out;
}

function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
      if (d) return d;
    }
  }
  return `${path || '/'}:\n    baseline: ${JSON.stringify(a)?.slice(0, 600)}\n    now:      ${JSON.stringify(b)?.slice(0, 600)}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const fileAt = args.indexOf('--file');
  const file = fileAt >= 0 ? args[fileAt + 1] : '/tmp/ai-clauses-findings.json';
  const mode = args.includes('--save') ? 'save' : args.includes('--check') ? 'check' : undefined;
  if (!mode) {
    console.error('usage: npm run compare-findings -- --save|--check [--file path]');
    process.exit(2);
  }
  const started = performance.now();
  const now = run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const findings = [...now.values()].reduce((n, v) => n + ((v.value as { findings: unknown[] }).findings?.length ?? 0), 0);
  if (mode === 'save') {
    writeFileSync(file, JSON.stringify(Object.fromEntries(now)));
    console.log(`saved ${now.size} analyses (${findings} findings) to ${file} in ${seconds} s`);
    return;
  }
  const baseline = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { hash: string; value: unknown }>));
  const differing: string[] = [];
  for (const key of new Set([...baseline.keys(), ...now.keys()])) {
    if (baseline.get(key)?.hash !== now.get(key)?.hash) differing.push(key);
  }
  if (differing.length === 0) {
    console.log(`identical: ${now.size} analyses (${findings} findings) match ${file} (${seconds} s)`);
    return;
  }
  console.log(`${differing.length} of ${now.size} analyses differ from ${file}:`);
  for (const key of differing.slice(0, 5)) console.log(`- ${key}\n  ${firstDifference(baseline.get(key)?.value, now.get(key)?.value)}`);
  if (differing.length > 5) console.log(`  ... and ${differing.length - 5} more`);
  process.exit(1);
}

main();
