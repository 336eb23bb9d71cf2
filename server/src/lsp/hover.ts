/**
 * Hover: on a finding (what is wrong, why it matters, what to write instead, references, and which configuration
 * set its severity), on a defined term (its definition), on a cross-reference (the section it points to).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node.js';
import type { Finding } from '../engine/index.js';
import type { ServerContext } from './context.js';
import { ruleDocUrl } from './convert.js';
import { guard } from './safe.js';
import type { AnalysisResult } from './store.js';
import { crossReferenceAt, sectionLabel, termAt } from './terms.js';

const MAX_EXCERPT = 400;

function excerpt(text: string, start: number, end: number): string {
  let s = text.slice(start, Math.min(end, start + MAX_EXCERPT)).trim();
  if (end - start > MAX_EXCERPT) s += ' …';
  return s;
}

function quote(text: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((l) => `> ${l}`)
    .join('\n');
}

/** Where the finding's severity came from, in words. */
export function severitySource(result: AnalysisResult, finding: Finding): string {
  const { settings, resolved, configFile, playbookFiles } = result.config;
  const source = resolved.sources?.[finding.rule];
  if (source === 'settings') return `the \`aiClauses.rules\` setting ("${finding.rule}")`;
  if (source && source !== 'default') return `the configuration file \`${source}\``;
  if (resolved.rules['*'] !== undefined) return `the \`"*"\` entry of the configuration`;
  if (finding.clause && (finding.rule === 'missing-clause' || finding.rule === 'incomplete-clause')) {
    if (settings.clauses[finding.clause]) return `the \`aiClauses.clauses\` setting ("${finding.clause}")`;
    if (resolved.clauses[finding.clause] && configFile) return `the configuration file \`${configFile}\` ("clauses")`;
    if (playbookFiles.length) return `the clause catalogue as adjusted by ${playbookFiles.map((p) => `\`${p}\``).join(', ')}`;
    return 'the clause catalogue (default)';
  }
  return 'the rule’s default';
}

/**
 * A finding's hover: why it matters, what to write instead with a worked example (or the text a fix would add),
 * the note for the user's side, references and where the severity came from. VS Code shows the diagnostic message
 * above it, so the message itself is not repeated here.
 */
function findingMarkdown(result: AnalysisResult, finding: Finding): string {
  const { catalogue } = result.config.resolved;
  const rule = catalogue.rule(finding.rule);
  const clause = finding.clause ? catalogue.clause(finding.clause) : undefined;
  const lines: string[] = [];
  lines.push(`**${rule?.title ?? finding.rule}** · \`${finding.rule}\` · ${finding.severity}`);
  // Self-contained for editors that do not show the diagnostic above the hover; the message itself is not repeated.
  const why = finding.why ?? clause?.why ?? rule?.why;
  if (why) lines.push('', `**Why it matters:** ${why}`);
  if (finding.rule !== 'incomplete-clause' && finding.rule !== 'missing-clause' && rule?.instead) lines.push('', `**What to write instead:** ${rule.instead}`);
  if (finding.rule === 'incomplete-clause' && finding.instead) {
    lines.push('', '**The quick fix adds:**', '', quote(finding.instead));
  } else if (finding.rule === 'missing-clause' && clause) {
    // In the draft's own names, verb and terms, as the quick fix would insert it.
    lines.push('', `**Model clause (${clause.model.heading}):**`, '', quote(result.engine.renderForDraft(result.analysis, clause.model.text).plain));
  } else if (rule?.examples) {
    lines.push('', `**Instead of:** ${rule.examples.bad.replace(/\n+/g, ' ')}`, '', `**Write:** ${rule.examples.good.replace(/\n+/g, ' ')}`);
  }
  if (clause?.positions?.length) {
    // The positions a draft can take on this clause, the draft's own marked: what the user can ask for instead.
    const current = result.analysis.coverage.find((c) => c.clause === clause.id)?.position?.id;
    lines.push('', '**Positions on this clause:**');
    for (const p of clause.positions) {
      const side = p.favours === 'balanced' ? 'balanced' : `favours the ${p.favours}`;
      lines.push(p.id === current ? `- **${p.title}** (${side}) ← this draft` : `- ${p.title} (${side})`);
    }
  }
  if (clause) {
    const note = result.config.resolved.perspective === 'licensor' ? clause.notes.licensor : result.config.resolved.perspective === 'licensee' ? clause.notes.licensee : undefined;
    if (note) lines.push('', `**For the ${result.config.resolved.perspective}:** ${note}`);
    if (clause.references.length) {
      lines.push('', `**References:** ${clause.references.map((r) => (r.url ? `[${r.label}](${r.url})` : r.label)).join('; ')}`);
    }
  }
  lines.push('', `Severity set by ${severitySource(result, finding)}. [Rule documentation](${ruleDocUrl(finding.rule)})`);
  return lines.join('\n');
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return m ? m[0] : text.trim();
}

function missingClausesMarkdown(result: AnalysisResult, findings: Finding[]): string {
  const { catalogue } = result.config.resolved;
  const lines = [`**${findings.length} clauses missing** · \`missing-clause\``, ''];
  for (const f of findings) {
    const clause = f.clause ? catalogue.clause(f.clause) : undefined;
    lines.push(`- **${clause?.title ?? f.clause}** (${f.severity}): ${firstSentence(clause?.why ?? f.message)}`);
  }
  lines.push('', 'Use the quick fixes (or **AI Clauses: Insert Clause…**) to insert a model clause written with this draft’s party names and numbering.');
  lines.push(`Severity set by ${severitySource(result, findings[0])}. [Rule documentation](${ruleDocUrl('missing-clause')})`);
  return lines.join('\n');
}

function toPlain(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '').replace(/\[([^[\]]+)\]\([^()]*\)/g, '$1');
}

export function hoverAt(result: AnalysisResult, offset: number): { markdown: string; start: number; end: number } | undefined {
  const { analysis } = result;
  const parts: string[] = [];
  let start = offset;
  let end = offset;
  const hits = analysis.findings.filter((f) => f.start <= offset && (offset < f.end || (f.start === f.end && offset === f.start)));
  // Missing clauses are all anchored on the title: one compact list rather than a page per clause.
  const missing = hits.filter((f) => f.rule === 'missing-clause');
  const single = missing.length > 1 ? hits.filter((f) => f.rule !== 'missing-clause') : hits;
  if (missing.length > 1) parts.push(missingClausesMarkdown(result, missing));
  for (const f of single.slice(0, 5)) parts.push(findingMarkdown(result, f));
  if (single.length > 5) parts.push(`… and ${single.length - 5} more findings here.`);
  if (hits.length) {
    start = Math.min(...hits.map((f) => f.start));
    end = Math.max(...hits.map((f) => f.end));
  }
  // A link to a file of the deal folder that holds clauses for this draft: say which, and where.
  const linkedHere = analysis.coverage.filter((c) => c.referencedIn && c.span && c.span.start <= offset && offset < c.span.end);
  if (linkedHere.length) {
    const where = linkedHere[0].referencedIn!;
    parts.push(
      [`**Present by reference** — present in ${where.file}${where.section ? `, linked from ${where.section}` : ''}:`, '', ...linkedHere.map((c) => `- ${c.title}`)].join('\n'),
    );
    if (!hits.length) {
      start = linkedHere[0].span!.start;
      end = linkedHere[0].span!.end;
    }
  }
  const ref = crossReferenceAt(analysis.model, offset);
  if (ref && !ref.external) {
    const target = ref.resolved !== undefined ? analysis.model.sections[ref.resolved] : undefined;
    if (target) {
      const bodyStart = target.titleEnd;
      const body = excerpt(analysis.text, bodyStart, target.end);
      parts.push(`**${ref.kind} ${ref.target}** → ${sectionLabel(target)}${body ? `\n\n${quote(body)}` : ''}`);
    } else {
      parts.push(`**${ref.kind} ${ref.target}**: no such section in this document.`);
    }
    if (!hits.length) {
      start = ref.start;
      end = ref.end;
    }
  } else {
    const term = termAt(result, offset);
    if (term) {
      const sentence = excerpt(analysis.text, term.definition.sentenceStart, term.definition.sentenceEnd);
      const isDefinition = term.start === term.definition.start;
      parts.push(`**${term.term}** (defined term${isDefinition ? '' : `, defined on line ${result.index.positionAt(term.definition.start).line + 1}`})\n\n${quote(sentence)}`);
      if (!hits.length) {
        start = term.start;
        end = term.end;
      }
    }
  }
  if (!parts.length) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), start, end };
}

export function registerHover(ctx: ServerContext): void {
  const { connection, store, log, client } = ctx;
  connection.onHover(
    guard(log, 'hover', null as Hover | null, async (params, token) => {
      const result = await store.get(params.textDocument.uri, token);
      if (!result) return null;
      const found = hoverAt(result, result.index.offsetAt(params.position));
      if (!found) return null;
      return {
        contents: client.markdownHover ? { kind: MarkupKind.Markdown, value: found.markdown } : { kind: MarkupKind.PlainText, value: toPlain(found.markdown) },
        range: result.index.range(found.start, found.end),
      };
    }),
  );
}
