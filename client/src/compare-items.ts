/**
 * What the "AI Clause Changes" view shows for a comparison, as plain data (no `vscode` import, so unit tests can
 * check it): the groups (changes against the user's side first), each row's label, description, icon and tooltip.
 */
import { statusLabels, type CompareChange, type CompareResult, type CompareSide, type Perspective } from '../../server/src/lsp/protocol.js';
import type { IconSpec } from './coverage-items.js';

export type ChangeGroupId = 'against' | 'favour' | 'other';

export interface ChangeGroup {
  id: ChangeGroupId;
  title: string;
  changes: CompareChange[];
}

const DIRECTION_LABELS: Record<CompareChange['direction'], string> = {
  'towards-licensee': 'towards licensee',
  'towards-licensor': 'towards licensor',
  added: 'added',
  removed: 'removed',
  reworded: 'reworded',
};

/** Which group a change belongs to: against the user's side, in its favour, or neither. */
export function changeGroupOf(change: CompareChange, perspective: Perspective): ChangeGroupId {
  if (change.against) return 'against';
  if (perspective !== 'neutral' && change.direction === `towards-${perspective}`) return 'favour';
  return 'other';
}

/** The changes in groups, against the user's side first; empty groups are left out; inside a group, the server's order. */
export function groupedChanges(result: Pick<CompareResult, 'changes' | 'perspective'>): ChangeGroup[] {
  const titles: Record<ChangeGroupId, string> =
    result.perspective === 'neutral'
      ? { against: 'Flagged changes', favour: 'In your favour', other: 'Other changes' }
      : { against: `Against the ${result.perspective}`, favour: `In the ${result.perspective}’s favour`, other: 'Other changes' };
  const order: ChangeGroupId[] = ['against', 'favour', 'other'];
  return order
    .map((id) => ({ id, title: titles[id], changes: result.changes.filter((c) => changeGroupOf(c, result.perspective) === id) }))
    .filter((g) => g.changes.length > 0);
}

/** "Training on customer data — towards licensor". */
export function changeLabel(change: CompareChange): string {
  return `${change.title} — ${DIRECTION_LABELS[change.direction]}`;
}

/** What one side amounts to in a few words: whom its position favours, else the clause's status. */
export function sideSummary(s: CompareSide): string {
  if (s.favours) return s.favours;
  return (statusLabels[s.status] ?? s.status).toLowerCase();
}

/** "licensee → licensor" (whom the clause favours before and after; the status where there is no position). */
export function changeDescription(change: CompareChange): string {
  return `${sideSummary(change.before)} → ${sideSummary(change.after)}`;
}

export function changeIcon(change: CompareChange, perspective: Perspective): IconSpec {
  switch (changeGroupOf(change, perspective)) {
    case 'against':
      return { id: 'arrow-down', color: 'problemsWarningIcon.foreground' };
    case 'favour':
      return { id: 'arrow-up', color: 'testing.iconPassed' };
    default:
      return { id: change.direction === 'added' ? 'diff-added' : change.direction === 'removed' ? 'diff-removed' : 'diff-modified' };
  }
}

function positionLine(name: string, s: CompareSide): string {
  const where = s.section ? ` (in “${s.section}”)` : '';
  if (s.position) return `**${name}:** ${s.position.title} — favours ${s.favours ?? 'neither side'}${where}`;
  return `**${name}:** ${statusLabels[s.status] ?? s.status}${where}`;
}

/** Markdown for the row's tooltip: both positions, the details, the catalogue's explanation and fallback. */
export function changeTooltip(change: CompareChange, labels: { before: string; after: string }): string {
  const parts = [
    `**${change.title}** — ${DIRECTION_LABELS[change.direction]}${change.against ? ' (against your side)' : ''}`,
    `${positionLine(labels.before, change.before)}  \n${positionLine(labels.after, change.after)}`,
  ];
  if (change.details.length) parts.push(change.details.map((d) => `- ${d}`).join('\n'));
  if (change.explanation) parts.push(change.explanation);
  if (change.fallback) {
    const position = change.fallbackPosition ? ` (${change.fallbackPosition.title})` : '';
    parts.push(`**Fallback${position}:** ${change.fallback}`);
  }
  return parts.join('\n\n');
}
