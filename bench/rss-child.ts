/**
 * Child process for the peak-memory figure. The benchmark bundles this file (esbuild) so that both modes load
 * exactly the same code; only the work differs:
 *   node rss-child.cjs analyze <file>   full analysis (analyzeText, every rule)
 *   node rss-child.cjs remark <file>    bare unified().use(remarkParse).parse
 *   node rss-child.cjs none <file>      read the file only
 * Prints one JSON line: { mode, bytes, ms, maxRssBeforeKb, maxRssKb, findings }.
 */

import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyzeText, resolveConfig } from '../server/src/engine/index.js';

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const config = resolveConfig({ settings: { maxDocumentSize: 256 * 1024 * 1024 } });
const before = process.resourceUsage().maxRSS;
const t0 = performance.now();
let findings = 0;
let keep: unknown;
if (mode === 'analyze') {
  const analysis = analyzeText(text, config);
  if (analysis.skipped) throw new Error(`analysis skipped: ${analysis.skipped}`);
  findings = analysis.findings.length;
  keep = analysis;
} else if (mode === 'remark') {
  keep = unified().use(remarkParse).parse(text);
} else if (mode !== 'none') {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - t0;
const after = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({ mode, bytes: text.length, ms, maxRssBeforeKb: before, maxRssKb: after, findings, kept: keep !== undefined }) + '\n');
