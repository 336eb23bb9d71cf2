/**
 * The patterns the regex-safety tests check (test/unit/regex-safety.test.ts: structure; test/slow/regex-linearity.test.ts:
 * run time), and the run-time check itself: every pattern the engine compiles from the catalogue and rules
 * (`compiledPatterns()`, after exercising the engine) and every regex literal in server/src (extracted with the
 * TypeScript parser). Patterns run in a worker thread on adversarial 50 KB inputs, so a catastrophic one is stopped
 * after a hard deadline and reported instead of hanging the test.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { analyzeText, builtinCatalogue, compiledPatterns, defaultConfig, resolveConfig } from '../../server/src/engine/index.js';
import { compilePhrase } from '../../server/src/engine/phrases.js';
import { RegexAnalysis, adversarialInputs } from './regex-check.js';
import { generateDraft } from '../../bench/generate.js';
import { sources } from './generate.js';
import { REPO_ROOT } from './lsp-driver.js';

export interface Pattern {
  where: string;
  source: string;
  flags: string;
  /** Why the run-time check does not apply: a `// regex-safe: <reason>` comment on the line or the line above. */
  exempt?: string;
}

/** Phrases with multi-word alternatives inside groups, next to gaps, placeholders and prefixes. */
const GROUPED_PHRASES = [
  '(comparative test|benchmark) results',
  'within <duration> ... (written notice|notice in writing|e-mail)',
  '(retain*|keep|store) ... logs ... for (at least|no less than|a minimum of) <duration>',
  '(re-export|transfer to|make available to) ... (sanctioned|embargoed) (country*|person*|territory)',
];

function registry(): Pattern[] {
  return compiledPatterns().map((re, i) => ({ where: `compiledPatterns()[${i}]`, source: re.source, flags: re.flags }));
}

/** Exercises the engine on a 40,000-character draft so that its lazily compiled patterns exist, then returns the registry. */
function enginePatterns(): Pattern[] {
  builtinCatalogue();
  defaultConfig();
  resolveConfig({ settings: { perspective: 'licensee' } });
  analyzeText(generateDraft(40_000, 31));
  // Groups whose alternatives have several words: the built-in catalogue has none yet, a playbook may.
  for (const p of GROUPED_PHRASES) void compilePhrase(p).global;
  return registry();
}

/**
 * ENGINE plus what analysing every corpus agreement, example and generated draft compiles on top (a few patterns
 * of the reading layer): the slow tier's long run (test/slow/regex-linearity.test.ts).
 */
export function enginePatternsAfterCorpus(): Pattern[] {
  for (const s of sources()) analyzeText(s.text);
  return dedupe([...ENGINE, ...registry()]);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (entry.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Regex literals and `new RegExp("literal", "flags")` calls in server/src. Dynamic sources are the registry's job. */
function sourcePatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of walk(join(REPO_ROOT, 'server', 'src'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = text.split('\n');
    const where = (node: ts.Node) => `${relative(REPO_ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const exemption = (node: ts.Node) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      const m = /\bregex-safe:\s*(.+?)\s*(?:\*\/)?$/.exec(lines[line]) ?? /\bregex-safe:\s*(.+?)\s*(?:\*\/)?$/.exec(lines[line - 1] ?? '');
      return m ? m[1] : undefined;
    };
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = node.getText(sf);
        const slash = lit.lastIndexOf('/');
        out.push({ where: where(node), source: lit.slice(1, slash), flags: lit.slice(slash + 1), exempt: exemption(node) });
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [src, flags] = node.arguments ?? [];
        const literal = (n: ts.Node | undefined) => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);
        const s = literal(src);
        if (s !== undefined) out.push({ where: where(node), source: s, flags: literal(flags) ?? '', exempt: exemption(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

export function dedupe(patterns: Pattern[]): Pattern[] {
  const seen = new Map<string, Pattern>();
  for (const p of patterns) {
    const key = `${p.source}/${p.flags.replace(/[gyd]/g, '')}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}

/** Structural problems (test/fuzz/regex-check.ts) of each pattern, or that it does not compile. */
export function structuralProblems(patterns: Pattern[]): string[] {
  const problems = new Set<string>();
  for (const p of patterns) {
    try {
      new RegExp(p.source, p.flags);
    } catch (err) {
      problems.add(`${p.where}: does not compile: ${(err as Error).message}`);
      continue;
    }
    try {
      const a = new RegexAnalysis(p.source, p.flags);
      for (const msg of new Set(a.problems)) problems.add(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: ${msg}`);
    } catch (err) {
      problems.add(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: the checker cannot parse it (${(err as Error).message})`);
    }
  }
  return [...problems];
}

/** Every pattern the engine compiles on a 40,000-character draft, once each. */
export const ENGINE = dedupe(enginePatterns());
/** Every regex literal and `new RegExp(literal)` in server/src, once each. */
export const SOURCE = dedupe(sourcePatterns());


// ---------------------------------------------------------------------------------------------------------------
// Run-time check in a worker. The worker receives a pattern and its inputs, times a linear reference scan and the
// pattern (as a global scan over the whole input, like the engine's use), and posts the times back.

const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const REF = /[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+/gu;
function scan(re, s) {
  re.lastIndex = 0;
  let n = 0;
  let m;
  while ((m = re.exec(s))) { n++; if (m[0].length === 0) re.lastIndex++; }
  return n;
}
parentPort.on('message', ({ source, flags, inputs }) => {
  const re = new RegExp(source, flags.replace(/[gy]/g, '') + 'g');
  const results = [];
  for (const s of inputs) {
    let t0 = performance.now();
    scan(REF, s);
    const ref = performance.now() - t0;
    t0 = performance.now();
    scan(re, s);
    results.push({ length: s.length, ref, ms: performance.now() - t0 });
  }
  parentPort.postMessage(results);
});
`;

const HARD_DEADLINE_MS = 5000;
/** A pattern may cost this many linear reference scans (bounded repetitions such as {1,80} cost a constant factor). */
const RELATIVE_BOUND = 400;
const FLOOR_MS = 40;

export async function runtimeProblems(patterns: Pattern[], deadlineMs = HARD_DEADLINE_MS): Promise<{ problems: string[]; worst: string }> {
  const problems: string[] = [];
  let worst = { ratio: 0, text: '' };
  let worker: Worker | undefined;
  const start = () => {
    worker = new Worker(WORKER_CODE, { eval: true });
    worker.unref();
  };
  start();
  try {
    for (const p of patterns) {
      let inputs: string[];
      try {
        inputs = adversarialInputs(new RegexAnalysis(p.source, p.flags));
      } catch {
        continue; // reported by the structural test
      }
      const w = worker!;
      const result = await new Promise<{ length: number; ref: number; ms: number }[] | 'timeout'>((resolve, reject) => {
        const timer = setTimeout(() => resolve('timeout'), deadlineMs);
        w.once('message', (m) => {
          clearTimeout(timer);
          resolve(m);
        });
        w.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        w.postMessage({ source: p.source, flags: p.flags, inputs });
      });
      w.removeAllListeners('message');
      w.removeAllListeners('error');
      if (result === 'timeout') {
        problems.push(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: did not finish ${inputs.length} adversarial 50 KB inputs within ${deadlineMs} ms`);
        await w.terminate();
        start();
        continue;
      }
      for (const [k, r] of result.entries()) {
        const ratio = r.ms / Math.max(r.ref, 0.05);
        if (ratio > worst.ratio) worst = { ratio, text: `${p.where}: ${r.ms.toFixed(1)} ms vs ${r.ref.toFixed(2)} ms linear scan (input ${k})` };
        if (r.ms > FLOOR_MS && r.ms > RELATIVE_BOUND * r.ref) {
          problems.push(`${p.where} /${p.source.slice(0, 200)}/${p.flags}: input ${k} (${JSON.stringify(inputs[k].slice(0, 20))}…) took ${r.ms.toFixed(1)} ms, ${ratio.toFixed(0)}× a linear scan (${r.ref.toFixed(2)} ms)`);
        }
      }
    }
  } finally {
    await worker?.terminate();
  }
  return { problems, worst: worst.text };
}
