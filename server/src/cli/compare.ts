/**
 * `ai-clauses compare <before> <after>`: what the other side changed between two drafts, clause by clause, and which
 * way each change moved (engine/compare.ts). Reports as text (one line per change, its details indented), JSON
 * (version 1) or a one-page HTML negotiation memo.
 */
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { diffWords } from 'diff';
import { compareTexts, LineIndex, type ClauseChange, type ComparedClauseSide, type Comparison, type Perspective, type Range, type ResolvedConfig } from '../engine/index.js';
import { readSharedOption, UsageError } from './inputs.js';
import { count, esc } from './format.js';

export const COMPARE_USAGE = `Usage: ai-clauses compare [options] <before> <after>

Compares two drafts of one agreement clause by clause: status, position and whom it favours before and after, the
direction of each change, moved sections, changed defined terms and changed numbers (caps, notice periods, uptime,
deadlines).

Options:
  --format text|json|html         output format (default: text); html is a one-page negotiation memo
  --perspective licensee|licensor|neutral
                                  whose side the changes are judged from (overrides the configuration file)
  --output FILE                   write the report to FILE instead of standard output
  --config FILE                   use this configuration file instead of the nearest .ai-clauses.json
  -h, --help                      show this help

Exit codes: 0 no change moves against the chosen side, 1 some change does, 2 usage error.`;

export interface CompareOptions {
  format: 'text' | 'json' | 'html';
  perspective?: Perspective;
  output?: string;
  config?: string;
  before: string;
  after: string;
}

/** Reads `compare`'s arguments (after the command word). Throws UsageError on a mistake. */
export function parseCompareArgs(args: string[]): CompareOptions | 'help' {
  if (args.includes('-h') || args.includes('--help')) return 'help';
  const files: string[] = [];
  const options: Partial<CompareOptions> & { format: CompareOptions['format'] } = { format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'html') throw new UsageError(`unknown format "${f}" for compare (text, json or html)`);
        options.format = f;
        break;
      }
      default:
        if (readSharedOption(arg, value, options)) break;
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}" for compare`);
        files.push(arg);
    }
  }
  if (files.length !== 2) throw new UsageError(`compare needs two files, the earlier draft and the later one (got ${files.length})`);
  for (const f of files) {
    if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
    if (statSync(f).isDirectory()) throw new UsageError(`${f} is a folder; compare takes two files`);
  }
  if (options.config && !existsSync(options.config)) throw new UsageError(`no such configuration file: ${options.config}`);
  return { ...options, before: files[0], after: files[1] };
}

export interface CompareRun {
  comparison: Comparison;
  report: string;
  /** 1 when a change moves against the chosen side, else 0. */
  code: number;
}

/** Compares the two files with one configuration (the later draft's) and formats the result. */
export function compareFiles(options: CompareOptions, config: ResolvedConfig): CompareRun {
  const beforeText = readFileSync(options.before, 'utf8');
  const afterText = readFileSync(options.after, 'utf8');
  const comparison = compareTexts(beforeText, afterText, { before: options.before, after: options.after, config });
  const texts = { before: beforeText, after: afterText };
  const report = options.format === 'json' ? formatCompareJson(comparison, texts) : options.format === 'html' ? formatCompareHtml(comparison) : formatCompareText(comparison, texts);
  return { comparison, report, code: comparison.changes.some((c) => c.against) ? 1 : 0 };
}

export interface CompareIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The whole command: arguments in, report out, exit code back (0, 1, or 2 on a usage error). */
export function runCompare(args: string[], io: CompareIO, configFor: (file: string, explicit: string | undefined, perspective?: Perspective) => ResolvedConfig): number {
  let options: ReturnType<typeof parseCompareArgs>;
  try {
    options = parseCompareArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ai-clauses: ${error.message}\n\n${COMPARE_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    io.stdout(`${COMPARE_USAGE}\n`);
    return 0;
  }
  const run = compareFiles(options, configFor(options.after, options.config, options.perspective));
  if (options.output) {
    writeFileSync(options.output, run.report);
    io.stdout(`wrote ${options.format} comparison to ${options.output}\n`);
  } else io.stdout(run.report);
  return run.code;
}

// ---------------------------------------------------------------------------------------------------------------
// Formats

type Texts = { before: string; after: string };

const DIRECTION_WORDS: Record<ClauseChange['direction'], string> = {
  'towards-licensee': 'towards the licensee',
  'towards-licensor': 'towards the licensor',
  added: 'added',
  removed: 'removed',
  reworded: 'reworded',
};

function sideWords(s: ComparedClauseSide): string {
  if (s.status === 'missing' || s.status === 'not-applicable') return s.status === 'missing' ? 'missing' : 'not applicable';
  const favours = s.favours ? (s.favours === 'balanced' ? 'balanced' : `favours the ${s.favours}`) : 'no recognised position';
  return `${s.status === 'incomplete' ? 'incomplete, ' : ''}${favours}`;
}

/** One line per change, compiler style (`after.md:12:1`, or the earlier draft's place for a removed clause), then its details. */
export function formatCompareText(c: Comparison, texts: Texts): string {
  const out: string[] = [];
  for (const side of ['before', 'after'] as const) if (c.skipped?.[side]) out.push(`${c[side]}: not compared: ${c.skipped[side]}`);
  const lines = { before: new LineIndex(texts.before), after: new LineIndex(texts.after) };
  for (const ch of c.changes) {
    const where = ch.after.span ? placeOf(c.after, lines.after, ch.after.span.start) : ch.before.span ? placeOf(c.before, lines.before, ch.before.span.start) : c.after;
    const mark = ch.against ? `against the ${c.perspective}` : DIRECTION_WORDS[ch.direction];
    out.push(`${where} ${ch.against ? `${DIRECTION_WORDS[ch.direction]}, ${mark}` : mark} ${ch.clause}: ${ch.title} (${sideWords(ch.before)} → ${sideWords(ch.after)})`);
    for (const d of ch.details) out.push(`    ${d}`);
  }
  const against = c.changes.filter((x) => x.against).length;
  const side = c.perspective === 'neutral' ? '' : `, ${against} against the ${c.perspective}`;
  out.push(`${count(c.changes.length, 'clause')} changed from ${c.before} to ${c.after}${side}`);
  return `${out.join('\n')}\n`;
}

function placeOf(file: string, lines: LineIndex, offset: number): string {
  const p = lines.range(offset, offset).start;
  return `${file}:${p.line + 1}:${p.character + 1}`;
}

type JsonSide = Omit<ComparedClauseSide, 'span'> & { range?: Range };

/** The JSON contract (version 1): the engine's comparison with each side's `span` given as a `range` (0-based lines). */
export function formatCompareJson(c: Comparison, texts: Texts): string {
  const lines = { before: new LineIndex(texts.before), after: new LineIndex(texts.after) };
  const side = (s: ComparedClauseSide, index: LineIndex): JsonSide => {
    // The issue's order first (status, favours, range), then the rest.
    const { span, status, favours, ...rest } = s;
    return { status, ...(favours ? { favours } : {}), ...(span ? { range: index.range(span.start, span.end) } : {}), ...rest };
  };
  return `${JSON.stringify(
    {
      version: 1,
      before: c.before,
      after: c.after,
      perspective: c.perspective,
      ...(c.skipped ? { skipped: c.skipped } : {}),
      changes: c.changes.map((ch) => ({
        clause: ch.clause,
        title: ch.title,
        before: side(ch.before, lines.before),
        after: side(ch.after, lines.after),
        direction: ch.direction,
        against: ch.against,
        details: ch.details,
        ...(ch.explanation ? { explanation: ch.explanation } : {}),
        ...(ch.fallback ? { fallback: ch.fallback } : {}),
        ...(ch.fallbackPosition ? { fallbackPosition: ch.fallbackPosition } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

/** The two excerpts with the words only one of them has marked: removed words in the before text, added in the after text. */
export function highlightChanges(before: string, after: string): { before: string; after: string } {
  let b = '';
  let a = '';
  for (const part of diffWords(before, after)) {
    const text = esc(part.value);
    if (part.added) a += `<ins>${text}</ins>`;
    else if (part.removed) b += `<del>${text}</del>`;
    else {
      a += text;
      b += text;
    }
  }
  return { before: b, after: a };
}

const BADGE: Record<ClauseChange['direction'], string> = {
  'towards-licensee': 'towards the licensee',
  'towards-licensor': 'towards the licensor',
  added: 'added',
  removed: 'removed',
  reworded: 'reworded',
};

/** A one-page negotiation memo (inline CSS, no scripts, nothing external): the changes that hurt the chosen side first. */
export function formatCompareHtml(c: Comparison): string {
  const against = c.changes.filter((x) => x.against);
  const others = c.changes.filter((x) => !x.against);
  const side = c.perspective === 'neutral' ? 'neither side (neutral)' : `the ${c.perspective}`;
  const item = (ch: ClauseChange): string => {
    const excerpts = highlightChanges(ch.before.excerpt ?? '', ch.after.excerpt ?? '');
    const cell = (s: ComparedClauseSide, html: string) =>
      `<td><div class="state">${esc(sideWords(s))}${s.position ? ` · ${esc(s.position.title)}` : ''}${s.section ? ` · <span class="where">${esc(s.section)}</span>` : ''}</div>${s.excerpt ? `<blockquote>${html}</blockquote>` : '<p class="none">(not in this draft)</p>'}</td>`;
    const parts = [
      `<li class="change${ch.against ? ' against' : ''}"><h3>${esc(ch.title)} <span class="badge ${ch.direction}">${BADGE[ch.direction]}</span>${ch.against ? ' <span class="badge hurts">against you</span>' : ''} <code>${esc(ch.clause)}</code></h3>`,
      `<table class="sides"><thead><tr><th>Before</th><th>After</th></tr></thead><tbody><tr>${cell(ch.before, excerpts.before)}${cell(ch.after, excerpts.after)}</tr></tbody></table>`,
    ];
    if (ch.details.length) parts.push(`<ul class="details">${ch.details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
    if (ch.explanation) parts.push(`<p class="explain"><strong>What it means for ${esc(side)}:</strong> ${esc(ch.explanation)}</p>`);
    if (ch.fallback) {
      const label = ch.fallbackPosition ? `${ch.fallbackPosition.title} (${ch.fallbackPosition.favours === 'balanced' ? 'the usual compromise' : `favours the ${ch.fallbackPosition.favours}`})` : '';
      parts.push(`<div class="fallback"><strong>Proposed response${label ? `: ${esc(label)}` : ''}</strong><blockquote>${esc(ch.fallback)}</blockquote></div>`);
    } else if (ch.against && ch.before.excerpt && ch.direction !== 'added') {
      // No catalogue position to offer (a number or a definition moved): the earlier text is the answer.
      parts.push(`<div class="fallback"><strong>Proposed response: keep the earlier text</strong><blockquote>${esc(ch.before.excerpt)}</blockquote></div>`);
    }
    parts.push('</li>');
    return parts.join('\n');
  };
  const list = (title: string, changes: ClauseChange[]) => (changes.length ? `<h2>${esc(title)} (${changes.length})</h2>\n<ol class="changes">\n${changes.map(item).join('\n')}\n</ol>` : '');
  const summary = c.changes.length
    ? `${count(c.changes.length, 'clause')} changed; ${c.perspective === 'neutral' ? 'judged from neither side' : `${against.length} against ${esc(side)}`}.`
    : 'No clause changed: no status, position, number, definition or wording that matters.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Negotiation memo: ${esc(c.before)} → ${esc(c.after)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d1d1f}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin:.2em 0 .4em;font-size:1.1em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top;width:50%}
.changes>li{margin:1.2em 0;padding:.6em .8em;border:1px solid #e5e5e5;border-radius:.4em}.changes>li.against{border-left:4px solid #c62828}
.badge{display:inline-block;padding:0 .5em;border-radius:.6em;font-size:.8em;font-weight:600;background:#eee;color:#444}
.badge.towards-licensor{background:#fde2e1;color:#9b1c1c}.badge.towards-licensee{background:#e3f5e1;color:#1e6b1a}.badge.hurts{background:#c62828;color:#fff}
.badge.added{background:#e1ecfd;color:#1c4a9b}.badge.removed{background:#fff3cd;color:#7a5800}
blockquote{margin:.3em 0;padding:.3em .8em;background:#f7f7f7;border-left:3px solid #ccc;font-size:.92em;white-space:pre-wrap}
del{background:#fde2e1;color:#9b1c1c}ins{background:#d7f5d3;color:#145214;text-decoration:none;font-weight:600}
.state{font-size:.85em;color:#555}.where{color:#777}.none{color:#999;font-style:italic}.details{margin:.4em 0;font-size:.92em}
.skipped{background:#fff3cd;padding:.4em .8em}.explain{margin:.4em 0}.fallback blockquote{background:#f3f8ff;border-left-color:#7aa7e0}code{font-size:.8em;color:#777}
</style></head><body>
<h1>Negotiation memo</h1>
<p>What changed from <strong>${esc(c.before)}</strong> to <strong>${esc(c.after)}</strong>, clause by clause, judged for ${esc(side)}. Generated locally by ai-clauses. ${summary}</p>
${(['before', 'after'] as const)
  .filter((k) => c.skipped?.[k])
  .map((k) => `<p class="skipped"><strong>${esc(c[k])} was not compared:</strong> ${esc(c.skipped![k]!)}</p>`)
  .join('\n')}
${list(c.perspective === 'neutral' ? 'Changes' : `Changes against ${side}`, against)}
${list(against.length ? 'Other changes' : 'Changes', others)}
</body></html>
`;
}
