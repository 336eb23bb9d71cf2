/**
 * Finding messages: what is wrong, why it matters, what to write instead. Texts come from the catalogue and the
 * rule registry; this module only fills in the specifics of one finding.
 */
import type { ClauseEntry, RuleMeta } from './catalogue-types.js';
import type { Perspective } from './types.js';
import { ruleFor } from './rules/registry.js';
import { defaultMessage } from './rules/phrase-rule.js';

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

/**
 * Message for a wording finding: the specifics first (the rule's own `message`, else its default: rules.json's
 * message template or title), then the registry's why and what to write instead.
 */
export function ruleMessage(meta: RuleMeta | undefined, rule: string, data: Record<string, unknown> | undefined, excerpt: string): string {
  const own = ruleFor(rule).message;
  const head = own ? own(data ?? {}, excerpt) : defaultMessage(meta, rule, excerpt);
  if (!meta) return head;
  return `${head} ${meta.why} ${meta.instead}`;
}
