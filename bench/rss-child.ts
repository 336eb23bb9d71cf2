/**
 * Child process for the peak-memory figure. The benchmark bundles this file (esbuild) so that both modes load
 * exactly the same code; only the work differs:
 *   node rss-child.cjs analyze <file>   full analysis (analyzeText, every rule)
 *   node rss-child.cjs remark <file>    bare unified().use(remarkParse).parse
 *   node rss-child.cjs none <file>      read the file only
 *   node --expose-gc rss-child.cjs edits <file> <n>
 *                                       open the file as the language server does (prepare, then analyse), make n
 *                                       one-character edits spread through it, analysing each version; also reports
 *                                       the heap after opening and after the edits (each after a full GC)
 * Prints one JSON line: { mode, bytes, ms, maxRssBeforeKb, maxRssKb, findings }.
 */

import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyzeText, resolveConfig, DocumentAnalyzer } from '../server/src/engine/index.js';

async function main(): Promise<void> {
  const [mode, file, count] = process.argv.slice(2);
  const text = readFileSync(file, 'utf8');
  const config = resolveConfig({ settings: { maxDocumentSize: 256 * 1024 * 1024 } });
  const before = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  let findings = 0;
  let keep: unknown;
  const heap: { openedKb?: number; editedKb?: number } = {};
  if (mode === 'edits') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('the edits mode needs node --expose-gc');
    const analyzer = new DocumentAnalyzer({ config });
    let current = text;
    const analyse = async () => {
      await analyzer.prepare(current, { yieldControl: async () => {} });
      return analyzer.update(current);
    };
    findings = (await analyse()).findings.length;
    gc();
    heap.openedKb = process.memoryUsage().heapUsed / 1024;
    for (let i = 0; i < Number(count); i++) {
      const at = Math.floor(((i * 0.6180339887 + 0.1) % 1) * current.length);
      current = current.slice(0, at) + (i % 3 === 0 ? ' ' : 'e') + current.slice(at);
      keep = await analyse();
    }
    gc();
    heap.editedKb = process.memoryUsage().heapUsed / 1024;
  } else if (mode === 'analyze') {
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
  process.stdout.write(JSON.stringify({ mode, bytes: text.length, ms, maxRssBeforeKb: before, maxRssKb: after, findings, kept: keep !== undefined, ...heap }) + '\n');
}

void main();
