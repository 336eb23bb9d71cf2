/**
 * Finding messages: what is wrong, why it matters, what to write instead. Texts come from the catalogue and the
 * rule registry; this module only fills in the specifics of one finding.
 */
import type { ClauseEntry, RuleMeta } from './catalogue-types.js';
import type { Perspective } from './types.js';

export function quote(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`;
}

export function clauseMessage(kind: 'missing' | 'incomplete', clause: ClauseEntry, missingTitles: string[], perspective: Perspective): string {
  if (kind === 'missing') {
    return `Missing clause: ${clause.title}. ${clause.why}${sideNote(clause, perspective)}`;
  }
  return `Incomplete clause: ${clause.title} lacks ${joinList(missingTitles)}. ${clause.why}`;
}

function sideNote(clause: ClauseEntry, perspective: Perspective): string {
  if (perspective === 'neutral') return '';
  const note = clause.notes[perspective];
  return note ? ` For the ${perspective}: ${note}` : '';
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Message for a wording finding: the specifics first, then the registry's why and what to write instead. */
export function ruleMessage(meta: RuleMeta | undefined, rule: string, data: Record<string, unknown> | undefined, excerpt: string): string {
  const d = data ?? {};
  const head = ((): string => {
    switch (rule) {
      case 'vague-efforts':
        return `Vague efforts standard ${quote(excerpt)}.`;
      case 'efforts-inconsistency':
        return `${quote(excerpt)} differs from the other efforts standard${(d.others as string[])?.length > 1 ? 's' : ''} in this agreement (${(d.others as string[]).map((o) => quote(o)).join(', ')}).`;
      case 'vague-time':
        return `Vague time limit ${quote(excerpt)}.`;
      case 'vague-standard':
        return `Vague standard ${quote(excerpt)} with no named standard or schedule.`;
      case 'material-undefined':
        return `${quote(excerpt)} has no threshold and "Material" is not defined.`;
      case 'and-or':
        return `"and/or" is ambiguous.`;
      case 'including-but-not-limited':
        return `${quote(excerpt)} is verbose and no safer than "including".`;
      case 'shall-misuse':
        return d.nonPartySubject ? `"shall" with a non-party subject ("${d.subject}") imposes no duty on anyone.` : `${quote(excerpt)} uses "shall" without imposing a duty.`;
      case 'mixed-obligation-verbs':
        return `Obligations use both "shall" (${d.shall}×) and "will" (${d.will}×).`;
      case 'undefined-term':
        return `"${d.term}" is capitalised like a defined term (used ${d.uses}×) but is not defined.`;
      case 'unused-definition':
        return `"${d.term}" is defined but never used.`;
      case 'duplicate-definition':
        return `"${d.term}" is defined more than once.`;
      case 'definition-case-mismatch':
        return `${quote(String(d.text))} does not match the defined term "${d.term}".`;
      case 'dangling-cross-reference':
        return `${d.kind} ${d.target} does not exist in this agreement${(d.candidates as string[])?.length ? `; "${d.title}" is ${d.kind} ${(d.candidates as string[])[0]}` : ''}.`;
      case 'cross-reference-title-mismatch':
        return `${d.kind} ${d.target} is "${d.actualTitle}", not "${d.title}"${(d.candidates as string[])?.length ? `; "${d.title}" is ${d.kind} ${(d.candidates as string[])[0]}` : ''}.`;
      case 'ai-as-party':
        return d.ownership ? `Ownership is given to the AI (${quote(excerpt)}); only a party can own.` : `${quote(excerpt)} puts a duty on the AI; only a party can be bound.`;
      case 'joint-ownership-unallocated':
        return `${quote(excerpt)} without rules on use, licensing and enforcement by each owner.`;
      case 'percentage-without-period':
        return `${quote(excerpt)} has no measurement period.`;
      case 'days-without-unit':
        return `${quote(excerpt)}: calendar days or Business Days? The agreement uses Business Days elsewhere.`;
      case 'number-words-mismatch':
        return `${quote(excerpt)}: the words say ${d.wordsValue}, the digits say ${d.digits}.`;
      case 'etc-in-operative-language':
        return `${quote(excerpt)} leaves the scope of the list open.`;
      case 'passive-without-actor':
        return `${quote(excerpt)} does not say which party must act.`;
      case 'sole-discretion':
        return `${quote(excerpt)} suggests an unfettered right that courts may not enforce as written.`;
      case 'placeholder-left':
        return `Placeholder ${quote(excerpt)} left in the draft.`;
      default:
        return meta?.title ?? rule;
    }
  })();
  if (!meta) return head;
  return `${head} ${meta.why} ${meta.instead}`;
}
