/**
 * Report formats of the CLI: compiler-style text, the stable JSON contract (version 1), SARIF 2.1.0 and a
 * self-contained HTML coverage report.
 */
import type { ClauseStatus, ConfigProblem, DocumentAnalysis, Range, Severity } from '../engine/index.js';
import type { LineIndex, ResolvedConfig } from '../engine/index.js';
import { builtinCatalogue } from '../engine/index.js';
import { CLAUSE_GROUP_IDS, groupTitle, statusLabels } from '../engine/vocabulary.js';

export interface FileResult {
  path: string;
  error?: string;
  isContract: boolean;
  isAIAgreement: boolean;
  reason?: string;
  coverage: { clause: string; title: string; group: string; status: ClauseStatus; missingElements: string[]; range?: Range; variant?: string }[];
  findings: { rule: string; clause?: string; element?: string; severity: Severity; range: Range; message: string; excerpt?: string }[];
  /** Source lines of the findings, for the HTML report's excerpts. */
  lines: { line: number; text: string }[];
}

export function toFileResult(path: string, analysis: DocumentAnalysis, lines: LineIndex, config: ResolvedConfig): FileResult {
  void config;
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
      ...(f.excerpt ? { excerpt: f.excerpt } : {}),
    };
  });
  return {
    path,
    isContract: analysis.applicability.isContract,
    isAIAgreement: analysis.applicability.isAIAgreement,
    reason: analysis.applicability.reason,
    coverage: analysis.applicability.isContract
      ? analysis.coverage.map((c) => ({
          clause: c.clause,
          title: c.title,
          group: c.group,
          status: c.status,
          missingElements: c.missingElements,
          ...(c.span ? { range: lines.range(c.span.start, c.span.end) } : {}),
          ...(c.variant ? { variant: c.variant } : {}),
        }))
      : [],
    findings,
    lines: [...wanted].sort((a, b) => a - b).map((line) => ({ line, text: analysis.text.slice(lines.lineStart(line), lines.lineEnd(line)) })),
  };
}

export function formatText(results: FileResult[], problems: ConfigProblem[] = []): string {
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
      out.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}${f.clause ? `(${f.clause})` : ''} ${f.message}`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const contracts = results.filter((r) => r.isContract).length;
  out.push(`${errors + warnings + infos} findings (${errors} errors, ${warnings} warnings, ${infos} information) in ${results.length} files (${contracts} contracts)`);
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
        coverage: r.coverage.map((c) => ({ clause: c.clause, status: c.status, missingElements: c.missingElements, ...(c.range ? { range: c.range } : {}), ...(c.variant ? { variant: c.variant } : {}) })),
        findings: r.findings.map((f) => ({ rule: f.rule, ...(f.clause ? { clause: f.clause } : {}), severity: f.severity, range: f.range, message: f.message })),
      })),
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(results: FileResult[]): string {
  const catalogue = builtinCatalogue();
  const rules = catalogue.rules.map((r) => ({
    id: r.id,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: { text: r.instead, markdown: `**Why it matters:** ${r.why}\n\n**Instead:** ${r.instead}` },
    helpUri: `docs/rules/${r.id}.md`,
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i] as const));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ai-clauses', version: '0.1.0', rules } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path.split('\\').join('/') },
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

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


/** One self-contained page (inline CSS, no scripts, no external resources) a lawyer can send to a client. */
export function formatHtml(results: FileResult[]): string {
  const body: string[] = [];
  for (const r of results) {
    body.push(`<section class="file"><h2>${esc(r.path)}</h2>`);
    if (r.error) {
      body.push(`<p class="error">Could not read this file: ${esc(r.error)}</p></section>`);
      continue;
    }
    body.push(`<p class="kind">${r.isContract ? (r.isAIAgreement ? 'AI agreement' : 'Contract (not an AI agreement)') : 'Not a contract: not checked'}${r.reason ? ` — ${esc(r.reason)}` : ''}</p>`);
    if (r.isContract) {
      const counts = { present: 0, incomplete: 0, missing: 0, 'not-applicable': 0 } as Record<ClauseStatus, number>;
      for (const c of r.coverage) counts[c.status]++;
      body.push(`<p class="summary">${counts.present} present · ${counts.incomplete} incomplete · ${counts.missing} missing · ${counts['not-applicable']} not applicable</p>`);
      for (const group of CLAUSE_GROUP_IDS) {
        const rows = r.coverage.filter((c) => c.group === group);
        if (!rows.length) continue;
        body.push(`<h3>${esc(groupTitle(group))}</h3><table><thead><tr><th>Clause</th><th>Status</th><th>Where / what is missing</th></tr></thead><tbody>`);
        for (const c of rows) {
          const where = c.status === 'incomplete' ? `lacks ${esc(c.missingElements.join(', '))}` : c.range ? `line ${c.range.start.line + 1}` : '';
          body.push(`<tr><td>${esc(c.title)}</td><td><span class="badge ${c.status}">${statusLabels[c.status]}</span></td><td>${where}</td></tr>`);
        }
        body.push('</tbody></table>');
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
        body.push(`<li class="${f.severity}"><div class="meta">Line ${f.range.start.line + 1} · ${f.severity} · <code>${esc(f.rule)}</code></div><div class="msg">${esc(f.message)}</div>${line.trim() ? `<blockquote>${excerpt}</blockquote>` : ''}</li>`);
      }
      body.push('</ol>');
    }
    body.push('</section>');
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AI clause coverage report</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d1d1f}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.4em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eee;vertical-align:top}
.badge{display:inline-block;padding:0 .5em;border-radius:.6em;font-size:.85em;font-weight:600}
.present{background:#e3f5e1;color:#1e6b1a}.incomplete{background:#fff3cd;color:#7a5800}.missing{background:#fde2e1;color:#9b1c1c}.not-applicable{background:#eee;color:#555}
.findings li{margin:.8em 0}.meta{font-size:.85em;color:#666}blockquote{margin:.3em 0;padding:.3em .8em;background:#f7f7f7;border-left:3px solid #ccc;font-family:ui-monospace,monospace;font-size:.85em;white-space:pre-wrap}
mark{background:#ffe08a}.error .meta{color:#9b1c1c}.kind,.summary{color:#444}
</style></head><body>
<h1>AI clause coverage report</h1>
<p>Generated locally by ai-clauses. Each clause of the catalogue is listed with its status, followed by the findings with an excerpt of the text.</p>
${body.join('\n')}
</body></html>
`;
}
