/**
 * docs/rules/<rule>.md, docs/clauses/<id>.md and their README indexes. The rule pages are the targets of the
 * diagnostics' `codeDescription.href` and of "Show documentation for <rule>".
 */
import type { ClauseEntry, RuleMeta, RuleCategory } from '../../server/src/engine/index.js';
import { groupRank, groupTitle } from '../../server/src/engine/vocabulary.js';
import { renderPlain } from './template.js';
import { GENERATED_NOTE, capitalise, cell, code, compareIds, fence, quote } from './util.js';

const CATEGORY_TITLES: Record<RuleCategory, string> = {
  clause: 'Clauses',
  ambiguity: 'Ambiguity and vagueness',
  drafting: 'Drafting',
  definitions: 'Definitions',
  'cross-references': 'Cross-references',
  configuration: 'Configuration',
};
const CATEGORY_ORDER: RuleCategory[] = ['clause', 'ambiguity', 'drafting', 'definitions', 'cross-references', 'configuration'];

const KIND_TEXT: Record<NonNullable<RuleMeta['kind']>, string> = {
  ambiguity: 'ambiguity: the words can be read in more than one way',
  vagueness: 'vagueness: the words leave the standard to later judgement, which is sometimes intended',
  error: 'drafting error: the text is wrong or unfinished as written',
  completeness: 'completeness: something the agreement needs is not there',
};


function byGroup(clauses: readonly ClauseEntry[]): [string, ClauseEntry[]][] {
  const groups = new Map<string, ClauseEntry[]>();
  for (const c of [...clauses].sort((a, b) => compareIds(a.id, b.id))) {
    if (!groups.has(c.group)) groups.set(c.group, []);
    groups.get(c.group)!.push(c);
  }
  return [...groups].sort((a, b) => groupRank(a[0]) - groupRank(b[0]) || compareIds(a[0], b[0]));
}

function lines(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n') + '\n';
}

/** A phrase in the catalogue's phrase syntax, for readers: alternatives with " / ", placeholders in words. */
function readablePhrase(phrase: string): string {
  return phrase
    .replace(/\|/g, ' / ')
    .replace(/<duration>/g, '‹number and time unit›')
    .replace(/<pct>/g, '‹percentage›')
    .replace(/<num>/g, '‹number›')
    .replace(/<money>/g, '‹amount›')
    .replace(/<period>/g, '‹period›')
    .replace(/\.\.\./g, '…');
}

export function ruleDoc(rule: RuleMeta, clauses: readonly ClauseEntry[]): string {
  const isClauseRule = rule.id === 'missing-clause' || rule.id === 'incomplete-clause';
  const isConfig = rule.category === 'configuration';
  const sampleClause = [...clauses].map((c) => c.id).sort(compareIds).find((id) => id === 'output-ownership') ?? [...clauses].map((c) => c.id).sort(compareIds)[0] ?? 'output-ownership';
  const out: string[] = [];
  out.push(`# ${rule.title} (\`${rule.id}\`)`, '', `<!-- ${GENERATED_NOTE} -->`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Rule id | \`${rule.id}\` |`);
  out.push(`| Category | ${CATEGORY_TITLES[rule.category] ?? rule.category} |`);
  if (rule.kind) out.push(`| Kind | ${cell(capitalise(KIND_TEXT[rule.kind] ?? rule.kind))} |`);
  out.push(`| Default severity | ${rule.severity} |`);
  out.push(`| Applies to | ${rule.aiOnly ? 'contracts that are AI agreements' : 'every contract'} |`);
  out.push(`| Quick fix | ${rule.fix ? (rule.safeFix ? 'yes (also applied by "Fix all", `source.fixAll.aiClauses`, when enabled)' : 'yes') : 'no automatic rewrite'} |`);
  out.push('');

  out.push('## What it flags', '');
  out.push(`${rule.title}.`);
  if (rule.phrases?.length) {
    out.push('', 'The rule looks for these phrases (any case, with any spacing or Markdown emphasis between the words):', '');
    const withNotes = rule.phrases.some((p) => p.note);
    out.push(withNotes ? '| Phrase | Suggested replacement | Note |' : '| Phrase | Suggested replacement |');
    out.push(withNotes ? '| --- | --- | --- |' : '| --- | --- |');
    for (const p of rule.phrases) {
      const repl = (p.replacements ?? []).map((r) => code(renderPlain(r))).join(', ') || '—';
      out.push(`| ${cell(code(readablePhrase(p.phrase)))} | ${cell(repl)} |${withNotes ? ` ${cell(p.note ?? '')} |` : ''}`);
    }
    if (rule.phrases.some((p) => (p.replacements ?? []).some((r) => r.includes('[[')))) {
      out.push('', 'Numbers and references in a replacement are tab stops in editors that support snippets: check and change them.');
    }
  }
  out.push('');

  out.push('## Why it matters', '', rule.why, '');

  out.push('## Example', '', 'Flagged:', '', fence(rule.examples.bad, 'markdown'), '', 'Better:', '', fence(rule.examples.good, 'markdown'), '');

  out.push('## How to fix it', '', rule.instead, '');
  if (rule.fix) out.push(`**Quick fix:** ${rule.fix}`, '');

  if (isClauseRule && clauses.length) {
    const incomplete = rule.id === 'incomplete-clause';
    out.push(incomplete ? '## Clauses and their required elements' : '## Clauses checked', '');
    out.push(
      incomplete
        ? 'Each clause page lists the elements the clause needs and the model sentence the quick fix inserts.'
        : 'Each clause page explains why the clause matters and shows the model clause the quick fix inserts.',
      '',
    );
    for (const [group, entries] of byGroup(clauses)) {
      out.push(`### ${groupTitle(group)}`, '');
      if (incomplete) {
        for (const c of entries) {
          const required = c.elements.filter((e) => e.required);
          const list = required.length ? required.map((e) => e.title).join('; ') : 'no required elements';
          out.push(`- [${c.title}](../clauses/${c.id}.md) (\`${c.id}\`): ${list}`);
        }
      } else {
        out.push('| Clause | Id | Importance | Severity | AI-specific |', '| --- | --- | --- | --- | --- |');
        for (const c of entries) {
          out.push(`| [${cell(c.title)}](../clauses/${c.id}.md) | \`${c.id}\` | ${c.importance} | ${c.severity} | ${c.aiSpecific ? 'yes' : 'no'} |`);
        }
      }
      out.push('');
    }
  }

  out.push('## Turning it off', '');
  if (isConfig) {
    out.push(
      'This rule reports a problem with the configuration or with the document as a whole, not with the wording of the draft: fix the cause rather than silencing it.',
      '',
    );
    if (rule.id === 'document-too-large') {
      out.push('To analyse larger documents, raise the limit in `.ai-clauses.json`:', '', fence('{\n  "maxDocumentSize": 16000000\n}', 'json'), '', 'or with the `aiClauses.maxDocumentSize` setting.', '');
    }
  } else {
    out.push('For one place in the draft, add an HTML comment (it does not show when the Markdown is rendered):', '');
    out.push(
      fence(
        [
          `<!-- ai-clauses-disable-next-line ${rule.id} -->`,
          'The line after the comment is not checked for this rule.',
          '',
          `A single line is not checked. <!-- ai-clauses-disable-line ${rule.id} -->`,
          '',
          `<!-- ai-clauses-disable ${rule.id} -->`,
          'Nothing between these two comments is checked for this rule.',
          `<!-- ai-clauses-enable ${rule.id} -->`,
        ].join('\n'),
        'markdown',
      ),
      '',
    );
    out.push(`For the whole file, put \`<!-- ai-clauses-disable-file ${rule.id} -->\` anywhere in it.`);
    if (isClauseRule) {
      out.push(
        '',
        `To silence one clause only, name it: \`<!-- ai-clauses-disable-file ${rule.id}:${sampleClause} -->\` (or just the clause id, which silences both \`missing-clause\` and \`incomplete-clause\` for it).`,
      );
    }
    out.push('');
    out.push('For every document in a folder, set its severity to `off` in `.ai-clauses.json` at the workspace root (or any folder above the document):', '');
    out.push(fence(`{\n  "rules": {\n    "${rule.id}": "off"\n  }\n}`, 'json'), '');
    if (isClauseRule) {
      out.push(`To stop requiring one clause, turn the clause off instead: \`{ "clauses": { "${sampleClause}": "off" } }\`.`, '');
    }
    out.push(
      'Instead of `off` you can choose `error`, `warning`, `information` or `hint`. In VS Code the `aiClauses.rules` setting does the same for your own view and overrides the file.',
      '',
    );
  }
  out.push('[All rules](README.md)');
  return lines(...out);
}

export function rulesIndex(rules: readonly RuleMeta[]): string {
  const out: string[] = ['# Rules', '', `<!-- ${GENERATED_NOTE} -->`, ''];
  out.push(
    'Every finding of ai-clauses carries one of these rule ids as its code. Vagueness is reported as information, ambiguity as a warning; a clause the agreement lacks is a warning when it matters. Each severity can be changed or turned off in `.ai-clauses.json` or the `aiClauses.rules` setting, and for one place in a draft with an `<!-- ai-clauses-disable-next-line <rule> -->` comment.',
    '',
  );
  const categories = [...new Set(rules.map((r) => r.category))].sort(
    (a, b) => (CATEGORY_ORDER.indexOf(a) + 1 || 99) - (CATEGORY_ORDER.indexOf(b) + 1 || 99) || compareIds(a, b),
  );
  for (const category of categories) {
    out.push(`## ${CATEGORY_TITLES[category] ?? category}`, '', '| Rule | What it flags | Default severity |', '| --- | --- | --- |');
    for (const r of rules.filter((x) => x.category === category).sort((a, b) => compareIds(a.id, b.id))) {
      out.push(`| [\`${r.id}\`](${r.id}.md) | ${cell(r.title)} | ${r.severity} |`);
    }
    out.push('');
  }
  out.push('See also the [clause catalogue](../clauses/README.md).');
  return lines(...out);
}

const AI_KINDS = ['ai-service', 'ai-addendum', 'model-licence', 'ai-terms-of-use'];
const ALL_KINDS = [...AI_KINDS, 'contract'];

export function clauseDoc(c: ClauseEntry): string {
  const out: string[] = [];
  out.push(`# ${c.title}`, '', `<!-- ${GENERATED_NOTE} -->`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Clause id | \`${c.id}\` |`);
  out.push(`| Group | ${cell(groupTitle(c.group))} |`);
  out.push(`| Importance | ${c.importance} |`);
  out.push(`| Severity when missing or incomplete | ${c.severity} |`);
  out.push(`| AI-specific | ${c.aiSpecific ? 'yes: AI agreements need it' : 'no: every commercial contract should have it'} |`);
  out.push(`| Applies to | ${(c.appliesTo ?? (c.aiSpecific ? AI_KINDS : ALL_KINDS)).map((k) => `\`${k}\``).join(', ')}${c.appliesTo ? '' : ' (default)'} |`);
  if (c.mainAgreementClause) out.push('| Main-agreement clause | yes: in an AI addendum its absence is information, as the main agreement usually holds it |');
  out.push(`| Model clause favours | ${c.model.favours ?? 'not stated'} |`);
  out.push(`| Snippet | \`clause:${c.id}\` |`);
  out.push('');

  out.push('## Why it matters', '', c.why, '');

  out.push('## What the clause must contain', '');
  if (c.elements.length === 0) out.push('The clause has no separately checked elements.', '');
  for (const e of c.elements) {
    out.push(`### ${capitalise(e.title)} (${e.required ? 'required' : 'recommended'})`, '');
    out.push(`Element id \`${e.id}\`. ${e.why}`, '');
    if (e.text.trim()) out.push(e.required ? 'When it is missing, the quick fix adds:' : 'Suggested wording:', '', quote(renderPlain(e.text)), '');
  }

  if (c.variants?.length) {
    out.push('## Variants', '', 'The clause can take different positions; the engine recognises each of them, and "Insert clause" offers each one. Each says whose side it favours and, where it follows one legal system, which.', '');
    for (const v of c.variants) {
      const labels = [v.favours ? `favours: ${v.favours}` : '', v.jurisdiction ? `jurisdiction: ${v.jurisdiction}` : ''].filter(Boolean).join('; ');
      out.push(`### ${capitalise(v.title)} (\`${v.id}\`)`, '');
      if (labels) out.push(`*${labels}*`, '');
      out.push(quote(renderPlain(v.text)), '');
    }
  }

  out.push('## Model clause', '');
  out.push(
    'Shown for parties called Licensor and Licensee. The quick fix and the "Insert clause" command use the draft\'s own party names, its obligation verb (*shall* or *will*) and its numbering; the snippet `clause:' +
      c.id +
      '` inserts it with tab stops.',
    '',
  );
  out.push(quote(`**${renderPlain(c.model.heading).trim()}**\n\n${renderPlain(c.model.text)}`), '');

  if (c.terms?.length) {
    out.push('## Defined terms it uses', '', 'Inserting the clause offers to add the definitions the draft does not have yet.', '');
    for (const t of [...c.terms].sort((a, b) => compareIds(a.term, b.term))) out.push(`- **"${t.term}"** ${renderPlain(t.definition).trim()}`);
    out.push('');
  }

  out.push('## How it is recognised', '');
  out.push('A clause counts as present when a section title or the text addresses the topic, even in words other than the model clause\'s.', '');
  if (c.detection.headings.length) out.push(`- Section titles: ${c.detection.headings.map((p) => code(readablePhrase(p))).join(', ')}`);
  if (c.detection.phrases.length) out.push(`- Phrases in the text: ${c.detection.phrases.map((p) => code(readablePhrase(p))).join(', ')}`);
  if (c.detection.weak?.length) {
    out.push(`- Weaker phrases (at least ${c.detection.minWeak ?? 2} different ones in one section): ${c.detection.weak.map((p) => code(readablePhrase(p))).join(', ')}`);
  }
  if (c.detection.exclude?.length) out.push(`- Not counted when the sentence says: ${c.detection.exclude.map((p) => code(readablePhrase(p))).join(', ')}`);
  out.push('');

  out.push('## Notes', '', '### For the licensee', '', c.notes.licensee, '', '### For the licensor', '', c.notes.licensor, '');

  if (c.references.length) {
    out.push('## References', '');
    for (const r of c.references) out.push(r.url ? `- [${r.label}](${r.url})` : `- ${r.label}`);
    out.push('');
  }

  out.push('## Configuration', '');
  out.push(
    `Reported by [\`missing-clause\`](../rules/missing-clause.md) and [\`incomplete-clause\`](../rules/incomplete-clause.md). To stop requiring this clause, set \`"clauses": { "${c.id}": "off" }\` in \`.ai-clauses.json\` (or another severity to change how it is reported), or put \`<!-- ai-clauses-disable-file ${c.id} -->\` in one draft.`,
    '',
  );
  out.push('[All clauses](README.md)');
  return lines(...out);
}

export function clausesIndex(clauses: readonly ClauseEntry[]): string {
  const out: string[] = ['# Clause catalogue', '', `<!-- ${GENERATED_NOTE} -->`, ''];
  out.push(
    'The clauses ai-clauses expects in an AI licensing agreement. "AI-specific" says whether only AI agreements need the clause or every commercial contract should have it; each clause page lists the agreement kinds it applies to. Every model clause is written to be balanced between the parties, and each variant says whose side it favours. A missing clause is reported by [`missing-clause`](../rules/missing-clause.md), a clause without a required element by [`incomplete-clause`](../rules/incomplete-clause.md).',
    '',
  );
  for (const [group, entries] of byGroup(clauses)) {
    out.push(`## ${groupTitle(group)}`, '', '| Clause | Id | Importance | Severity | AI-specific |', '| --- | --- | --- | --- | --- |');
    for (const c of entries) {
      out.push(`| [${cell(c.title)}](${c.id}.md) | \`${c.id}\` | ${c.importance} | ${c.severity} | ${c.aiSpecific ? 'yes' : 'no'} |`);
    }
    out.push('');
  }
  out.push('See also the [rules](../rules/README.md).');
  return lines(...out);
}
