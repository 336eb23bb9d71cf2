/**
 * Report formats of the CLI: compiler-style text, the stable JSON contract (version 1), SARIF 2.1.0 and a
 * self-contained HTML coverage report.
 */
import type { ClauseStatus, ConfigProblem, DocumentAnalysis, Range, Severity } from '../engine/index.js';
import type { LineIndex, ResolvedConfig } from '../engine/index.js';
import { builtinCatalogue } from '../engine/index.js';
import { CLAUSE_GROUPS, statusLabels } from '../engine/vocabulary.js';
import { briefMessage } from '../shared/brief-message.js';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** "1 finding", "2 findings"; `plural` defaults to the word with an "s". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

export interface FileResult {
  path: string;
  error?: string;
  isContract: boolean;
  isAIAgreement: boolean;
  /** One of ai-service, ai-addendum, model-licence, ai-terms-of-use, contract, not-contract. */
  agreementKind: string;
  parties: { name: string; role: 'licensor' | 'licensee' | 'other' }[];
  reason?: string;
  coverage: {
    clause: string;
    title: string;
    group: string;
    status: ClauseStatus;
    missingElements: string[];
    missingElementTitles: string[];
    range?: Range;
    variant?: string;
    position?: { id: string; title: string; favours: 'licensee' | 'balanced' | 'licensor'; range: Range };
    byReference?: boolean;
    referencedIn?: { file: string; section?: string };
  }[];
  /** `message` is the whole message (what is wrong, why it matters, what to write instead); `brief` its first part. */
  findings: { rule: string; clause?: string; element?: string; severity: Severity; range: Range; message: string; brief: string; excerpt?: string }[];
  /** Source lines of the findings, for the HTML report's excerpts. */
  lines: { line: number; text: string }[];
}

export function toFileResult(path: string, analysis: DocumentAnalysis, lines: LineIndex, config: ResolvedConfig): FileResult {
  const catalogue = config.catalogue;
  const wanted = new Set<number>();
  const findings = analysis.findings.map((f) => {
    const range = lines.range(f.start, f.end);
    wanted.add(range.start.line);
    return {
      rule: f.rule,
      ...(f.clause ? { clause: f.clause } : {}),
      ...(f.element ? { element: f.element } : {}),
      severity: f.severity,
      range,
      message: f.message,
      brief: briefMessage(f, catalogue),
      ...(f.excerpt ? { excerpt: f.excerpt } : {}),
    };
  });
  return {
    path,
    isContract: analysis.applicability.isContract,
    isAIAgreement: analysis.applicability.isAIAgreement,
    agreementKind: analysis.applicability.agreementKind,
    parties: analysis.parties,
    reason: analysis.applicability.reason,
    coverage: analysis.applicability.isContract
      ? analysis.coverage.map((c) => ({
          clause: c.clause,
          title: c.title,
          group: c.group,
          status: c.status,
          missingElements: c.missingElements,
          missingElementTitles: c.missingElements.map((id) => catalogue.clause(c.clause)?.elements.find((e) => e.id === id)?.title ?? id),
          ...(c.span ? { range: lines.range(c.span.start, c.span.end) } : {}),
          ...(c.variant ? { variant: c.variant } : {}),
          ...(c.position ? { position: { id: c.position.id, title: c.position.title, favours: c.position.favours, range: lines.range(c.position.span.start, c.position.span.end) } } : {}),
          ...(c.byReference ? { byReference: true } : {}),
          ...(c.referencedIn ? { referencedIn: c.referencedIn } : {}),
        }))
      : [],
    findings,
    lines: [...wanted].sort((a, b) => a - b).map((line) => ({ line, text: analysis.text.slice(lines.lineStart(line), lines.lineEnd(line)) })),
  };
}

export interface TextOptions {
  /** The whole message on each line (why it matters, what to write instead), not just what is wrong. */
  verbose?: boolean;
}

export function formatText(results: FileResult[], problems: ConfigProblem[] = [], options: TextOptions = {}): string {
  const out: string[] = [];
  for (const p of problems) out.push(`${p.file}: error config-error ${p.message}`);
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    if (r.error) {
      out.push(`${r.path}: error read-error ${r.error}`);
      errors++;
      continue;
    }
    for (const f of r.findings) {
      out.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}${f.clause ? `(${f.clause})` : ''} ${options.verbose ? f.message : f.brief}`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const contracts = results.filter((r) => r.isContract).length;
  out.push(
    `${count(errors + warnings + infos, 'finding')} (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${infos} information) in ${count(results.length, 'file')} (${count(contracts, 'contract')})`,
  );
  if (!options.verbose && errors + warnings + infos > 0) out.push('Run with --verbose for why each finding matters and what to write instead.');
  return `${out.join('\n')}\n`;
}

export function formatJson(results: FileResult[]): string {
  return `${JSON.stringify(
    {
      version: 1,
      files: results.map((r) => ({
        path: r.path,
        ...(r.error ? { error: r.error } : {}),
        isContract: r.isContract,
        isAIAgreement: r.isAIAgreement,
        agreementKind: r.agreementKind,
        parties: r.parties,
        coverage: r.coverage.map((c) => ({
          clause: c.clause,
          status: c.status,
          missingElements: c.missingElements,
          ...(c.range ? { range: c.range } : {}),
          ...(c.variant ? { variant: c.variant } : {}),
          ...(c.position ? { position: c.position } : {}),
          ...(c.byReference ? { byReference: true } : {}),
          ...(c.referencedIn ? { referencedIn: c.referencedIn } : {}),
        })),
        findings: r.findings.map((f) => ({ rule: f.rule, ...(f.clause ? { clause: f.clause } : {}), severity: f.severity, range: f.range, message: f.message })),
      })),
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The package's folder: the bundles live in its dist/ (in the sources, the current directory). */
function packageRoot(): string {
  return path.join(typeof __dirname === 'string' ? __dirname : path.resolve('dist'), '..');
}

/** Absolute URI of a rule's documentation page shipped with the package (docs/rules/<rule>.md). */
export function ruleHelpUri(rule: string): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules', `${rule}.md`)).href;
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function uriReference(relative: string): string {
  return relative.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  /** The folder result locations are relative to (`%SRCROOT%`); default: the current directory. */
  root?: string;
  version?: string;
}

export function formatSarif(results: FileResult[], options: SarifOptions = {}): string {
  const catalogue = builtinCatalogue();
  const root = path.resolve(options.root ?? process.cwd());
  const rules = catalogue.rules.map((r) => ({
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: { text: r.instead, markdown: `**Why it matters:** ${r.why}\n\n**Instead:** ${r.instead}` },
    helpUri: ruleHelpUri(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i] as const));
  // Files under the root are relative to %SRCROOT% (code-scanning tools map them to the repository); others absolute.
  const artifactLocation = (file: string) => {
    const full = path.resolve(file);
    const relative = path.relative(root, full);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return { uri: uriReference(relative), uriBaseId: '%SRCROOT%' };
    return { uri: pathToFileURL(full).href };
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ai-clauses', version: options.version ?? '0.1.0', informationUri: pathToFileURL(path.join(packageRoot(), 'README.md')).href, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(r.path),
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            ...(f.clause ? { properties: { clause: f.clause } } : {}),
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** HTML-escapes text for the reports. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

const KIND_LABELS: Record<string, string> = {
  'ai-service': 'AI service agreement',
  'ai-addendum': 'AI addendum',
  'model-licence': 'Model licence',
  'ai-terms-of-use': 'AI terms of use',
  contract: 'Contract (not about AI)',
  'not-contract': 'Not a contract',
};

function kindLabel(r: FileResult): string {
  return KIND_LABELS[r.agreementKind] ?? (r.isContract ? (r.isAIAgreement ? 'AI agreement' : 'Contract (not about AI)') : 'Not a contract');
}

/** The engine's reason without the kind it repeats ("AI agreement (6 kinds of …)" → "6 kinds of …"). */
function reasonDetail(r: FileResult): string {
  const reason = (r.reason ?? '').replace(/^(?:AI agreement(?:, [^(]*)?|contract not about AI|not a contract:?)\s*/i, '').trim();
  return reason.replace(/^\((.*)\)$/, '$1');
}

function fileAnchor(i: number): string {
  return `file-${i + 1}`;
}

/** One self-contained page (inline CSS, no scripts, no external resources) a lawyer can send to a client. */
export function formatHtml(results: FileResult[]): string {
  const catalogue = builtinCatalogue();
  const ruleTitle = (rule: string) => catalogue.rule(rule)?.title ?? rule;
  // Summary: one row per file, with its kind, counts and worst findings.
  const summary: string[] = [
    '<table class="overview"><thead><tr><th>File</th><th>Kind</th><th>Clauses</th><th>Findings</th><th>Most serious</th></tr></thead><tbody>',
  ];
  results.forEach((r, i) => {
    const link = `<a href="#${fileAnchor(i)}">${esc(r.path)}</a>`;
    if (r.error) {
      summary.push(`<tr><td>${link}</td><td colspan="4" class="error">Could not read this file</td></tr>`);
      return;
    }
    const clauses = r.isContract
      ? (['present', 'incomplete', 'missing'] as const).map((st) => `${r.coverage.filter((c) => c.status === st).length} ${st}`).join(' · ')
      : '—';
    const bySeverity = (sev: Severity) => r.findings.filter((f) => f.severity === sev).length;
    const findings = r.findings.length
      ? [count(bySeverity('error'), 'error'), count(bySeverity('warning'), 'warning'), `${bySeverity('information') + bySeverity('hint')} information`].join(' · ')
      : 'none';
    const worst = [...r.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range.start.line - b.range.start.line);
    const titles: string[] = [];
    for (const f of worst) {
      const t = `${ruleTitle(f.rule)}${f.rule === 'missing-clause' || f.rule === 'incomplete-clause' ? '' : ` (line ${f.range.start.line + 1})`}`;
      if (!titles.includes(t)) titles.push(t);
      if (titles.length === 3) break;
    }
    const worstCell = titles.length ? `<span class="badge ${worst[0].severity}">${worst[0].severity}</span> ${titles.map(esc).join('; ')}` : '';
    summary.push(`<tr><td>${link}</td><td>${kindLabel(r)}</td><td>${clauses}</td><td>${findings}</td><td>${worstCell}</td></tr>`);
  });
  summary.push('</tbody></table>');

  const body: string[] = [];
  results.forEach((r, i) => {
    body.push(`<section class="file" id="${fileAnchor(i)}"><h2>${esc(r.path)}</h2>`);
    if (r.error) {
      body.push(`<p class="error">Could not read this file: ${esc(r.error)}</p></section>`);
      return;
    }
    const detail = reasonDetail(r);
    body.push(`<p class="kind">${kindLabel(r)}${r.isContract ? '' : ': not checked as an agreement'}${detail ? ` <span class="reason">(${esc(detail)})</span>` : ''}</p>`);
    if (r.isContract) {
      const counts = { present: 0, incomplete: 0, missing: 0, 'not-applicable': 0 } as Record<ClauseStatus, number>;
      for (const c of r.coverage) counts[c.status]++;
      body.push(`<p class="summary">${counts.present} present · ${counts.incomplete} incomplete · ${counts.missing} missing · ${counts['not-applicable']} not applicable</p>`);
      for (const group of CLAUSE_GROUPS) {
        const rows = r.coverage.filter((c) => c.group === group.id);
        if (!rows.length) continue;
        const row = (c: (typeof rows)[number]) => {
          const where =
            c.status === 'incomplete'
              ? `lacks ${esc(c.missingElementTitles.join(', '))}`
              : c.referencedIn
                ? esc(referencedInText(c.referencedIn))
                : c.range
                  ? `line ${c.range.start.line + 1}${c.byReference ? ' (by reference)' : ''}`
                  : '';
          const position = c.position ? `${esc(c.position.title)} <span class="favours ${c.position.favours}">${c.position.favours === 'balanced' ? 'balanced' : `favours the ${c.position.favours}`}</span>` : '';
          return `<tr><td>${esc(c.title)}</td><td><span class="badge ${c.status}">${statusLabels[c.status]}</span></td><td>${where}</td><td>${position}</td></tr>`;
        };
        const applicable = rows.filter((c) => c.status !== 'not-applicable');
        const notApplicable = rows.filter((c) => c.status === 'not-applicable');
        body.push(`<h3>${esc(group.title)}</h3>`);
        if (applicable.length) {
          body.push('<table><thead><tr><th>Clause</th><th>Status</th><th>Where / what is missing</th><th>Position</th></tr></thead><tbody>');
          for (const c of applicable) body.push(row(c));
          body.push('</tbody></table>');
        }
        if (notApplicable.length) {
          body.push(`<details class="na"><summary>${count(notApplicable.length, 'clause')} not applicable</summary><table><tbody>`);
          for (const c of notApplicable) body.push(row(c));
          body.push('</tbody></table></details>');
        }
      }
    }
    if (r.findings.length) {
      body.push(`<h3>Findings (${r.findings.length})</h3><ol class="findings">`);
      const lineText = new Map(r.lines.map((l) => [l.line, l.text] as const));
      for (const f of r.findings) {
        const line = lineText.get(f.range.start.line) ?? '';
        const from = f.range.start.character;
        const to = f.range.end.line === f.range.start.line ? f.range.end.character : line.length;
        const left = Math.max(0, from - 80);
        const excerpt = `${left > 0 ? '…' : ''}${esc(line.slice(left, from))}<mark>${esc(line.slice(from, to))}</mark>${esc(line.slice(to, to + 80))}${to + 80 < line.length ? '…' : ''}`;
        body.push(`<li class="${f.severity}"><div class="meta">Line ${f.range.start.line + 1} · ${f.severity} · ${esc(ruleTitle(f.rule))} <code>${esc(f.rule)}</code></div><div class="msg">${esc(f.message)}</div>${line.trim() ? `<blockquote>${excerpt}</blockquote>` : ''}</li>`);
      }
      body.push('</ol>');
    }
    body.push('</section>');
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AI clause coverage report</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d1d1f}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.4em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
.badge{display:inline-block;padding:0 .5em;border-radius:.6em;font-size:.85em;font-weight:600}
.present{background:#e3f5e1;color:#1e6b1a}.incomplete{background:#fff3cd;color:#7a5800}.missing{background:#fde2e1;color:#9b1c1c}.not-applicable{background:#eee;color:#555}
.findings li{margin:.8em 0}.meta{font-size:.85em;color:#666}blockquote{margin:.3em 0;padding:.3em .8em;background:#f7f7f7;border-left:3px solid #ccc;font-family:ui-monospace,monospace;font-size:.85em;white-space:pre-wrap}
mark{background:#ffe08a}.error .meta{color:#9b1c1c}.kind,.summary{color:#444}.reason{color:#777;font-size:.9em}
.overview{margin-bottom:1.5em}.overview td{font-size:.92em}.badge.error{background:#fde2e1;color:#9b1c1c}.badge.warning{background:#fff3cd;color:#7a5800}
.badge.information,.badge.hint{background:#e1ecfd;color:#1c4a9b}details.na{margin:.4em 0;color:#555}details.na summary{cursor:pointer}
.favours{font-size:.8em;padding:0 .4em;border-radius:.5em;background:#eee}.favours.licensor{background:#fde2e1}.favours.licensee{background:#e1f5e1}
</style></head><body>
<h1>AI clause coverage report</h1>
<p>Generated locally by ai-clauses. The table lists each file; below it, each clause of the catalogue with its status, then the findings with an excerpt of the text.</p>
${summary.join('\n')}
${body.join('\n')}
</body></html>
`;
}

/** "present in dpa.md, linked from Section 9": where a clause held by a linked file of the deal folder is. */
export function referencedInText(r: { file: string; section?: string }): string {
  return `present in ${r.file}${r.section ? `, linked from ${r.section}` : ''}`;
}
