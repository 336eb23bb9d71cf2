/**
 * Assembles catalogue model clauses into one draft, licence first and then group by group, (used by coherence.test.ts and to regenerate
 * examples/complete-ai-licence.md): a definitions section with every catalogue term once, then one numbered section
 * per clause, and optionally every variant as an alternative position.
 */
import { builtinCatalogue, type ClauseEntry } from '../../server/src/engine/index.js';
import { mentions, renderTemplate } from '../../server/src/engine/fixes.js';

export const PARTIES = { licensor: 'Provider', licensee: 'Customer', verb: 'shall', businessDays: true };

export function render(template: string): string {
  return renderTemplate(template, PARTIES).plain;
}

/** Every term the catalogue defines, with the clauses that define it and each distinct definition. */
export function glossary(clauses: readonly ClauseEntry[]): Map<string, { definitions: Set<string>; clauses: string[] }> {
  const out = new Map<string, { definitions: Set<string>; clauses: string[] }>();
  for (const c of clauses) {
    for (const t of c.terms) {
      const entry = out.get(t.term) ?? { definitions: new Set<string>(), clauses: [] };
      entry.definitions.add(t.definition);
      entry.clauses.push(c.id);
      out.set(t.term, entry);
    }
  }
  return out;
}

/** Whether `text` uses `term` as a whole word, the way the insertion fix decides (the engine's own check). */
export { mentions };

const GROUP_ORDER = ['ownership', 'responsible-ai', 'service-compliance', 'ai-additions'];

export const GENERAL_TERMS = [
  { term: 'Effective Date', definition: 'means the date on which both parties have signed this Agreement.' },
  { term: 'Fees', definition: 'means the fees payable by {Licensee} under this Agreement.' },
];

const PREAMBLE = [
  '# AI Platform Licence Agreement',
  '',
  'This AI Platform Licence Agreement (the "Agreement") is made between Northwind Analytics Ltd ("Provider") and Contoso Retail plc ("Customer").',
];

const SERVICES = [
  'From the Effective Date, Provider shall make the AI System available to Customer for 24 months, unless either party terminates this Agreement earlier for a breach that remains uncured 30 calendar days after written notice.',
  'Customer shall pay each invoice for the Fees within 30 calendar days after receiving it.',
];

/**
 * The draft: definitions, services, every clause's model text (licence first, then by group) and, with `variants`, an annex
 * with each variant's text as an alternative position.
 */
export function assembleDraft(options: { variants?: boolean; only?: string[] } = {}): string {
  // The licence first, then the catalogue's groups in their usual order in an agreement.
  const rank = (c: ClauseEntry) => (c.id === 'licence-grant-restrictions' ? -1 : GROUP_ORDER.indexOf(c.group));
  const clauses = builtinCatalogue()
    .clauses.filter((c) => !options.only || options.only.includes(c.id))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
  const terms = new Map<string, string>();
  for (const t of GENERAL_TERMS) terms.set(t.term, t.definition);
  for (const c of clauses) for (const t of c.terms) if (!terms.has(t.term)) terms.set(t.term, t.definition);
  const lines: string[] = [...PREAMBLE, '', '## 1. Definitions', ''];
  for (const [term, definition] of [...terms].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`**"${term}"** ${render(definition)}`, '');
  lines.push('## 2. Services and Term', '', ...SERVICES.flatMap((s, i) => [`2.${i + 1} ${s}`, '']));
  let n = 3;
  for (const c of clauses) lines.push(`## ${n++}. ${render(c.model.heading)}`, '', render(c.model.text), '');
  if (options.variants) {
    lines.push('## Annex A. Alternative Positions', '');
    let v = 1;
    for (const c of clauses) for (const variant of c.variants ?? []) lines.push(`### A.${v++} ${variant.title}`, '', render(variant.text), '');
  }
  lines.push('## Signatures', '', 'Signed for Provider: ______________________', '', 'Signed for Customer: ______________________', '');
  return lines.join('\n');
}
