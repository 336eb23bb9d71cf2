/**
 * What the coverage tree, the status bar and the "Insert Clause…" picker show for the clauses of a draft, as plain
 * data (no `vscode` import, so unit tests can check it): counts, icons, labels and what selecting a row does.
 */
import { Commands, clauseGroups, groupTitles, type ClauseStatus, type CoverageItem } from '../../server/src/lsp/protocol.js';

export const STATUS_ORDER: Record<ClauseStatus, number> = { missing: 0, incomplete: 1, present: 2, 'not-applicable': 3 };

/** Complete clauses (`present`) are covered; incomplete ones are counted apart, never as covered. */
export function coverageCounts(items: readonly { status: string }[]): { covered: number; applicable: number; incomplete: number; missing: number } {
  const applicable = items.filter((i) => i.status !== 'not-applicable').length;
  const incomplete = items.filter((i) => i.status === 'incomplete').length;
  const missing = items.filter((i) => i.status === 'missing').length;
  const covered = items.filter((i) => i.status === 'present').length;
  return { covered, applicable, incomplete, missing };
}

/** "20/30" or "20/30, 2 incomplete". */
export function countsText(items: readonly { status: string }[]): string {
  const { covered, applicable, incomplete } = coverageCounts(items);
  return `${covered}/${applicable}${incomplete ? `, ${incomplete} incomplete` : ''}`;
}

/** A codicon id and a theme colour id. */
export interface IconSpec {
  id: string;
  color?: string;
}

const SEVERITY_ICON: Record<NonNullable<CoverageItem['severity']>, IconSpec> = {
  error: { id: 'error', color: 'problemsErrorIcon.foreground' },
  warning: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  information: { id: 'info', color: 'problemsInfoIcon.foreground' },
  hint: { id: 'lightbulb' },
};

/** Present: a check mark. Missing or incomplete: the icon of the severity of its finding (none reported: an outline). */
export function clauseIcon(item: Pick<CoverageItem, 'status' | 'severity'>): IconSpec {
  if (item.status === 'present') return { id: 'pass', color: 'testing.iconPassed' };
  if (item.status === 'not-applicable') return { id: 'circle-slash' };
  return item.severity ? SEVERITY_ICON[item.severity] : { id: 'circle-outline' };
}

/** The same icon as `$(id)` text, for the QuickPick. */
export function clauseIconText(item: Pick<CoverageItem, 'status' | 'severity'>): string {
  return `$(${clauseIcon(item).id})`;
}

/** "incomplete: lacks a measurement period, service credits" — element titles, never ids. */
export function statusLabel(item: Pick<CoverageItem, 'status' | 'missingElementTitles'>): string {
  if (item.status === 'incomplete') return `incomplete: lacks ${item.missingElementTitles.join(', ') || 'an element'}`;
  return item.status === 'not-applicable' ? 'not applicable' : item.status;
}

export interface CommandSpec {
  title: string;
  command: string;
  arguments: unknown[];
}

/**
 * What a plain selection of a row does: present and incomplete clauses are revealed in the draft. A missing clause
 * does nothing on selection (it never edits the draft); it is inserted only through the row's inline "Insert Clause"
 * button or its context menu.
 */
export function clauseCommand(item: Pick<CoverageItem, 'status' | 'range'>, uri: string | undefined): CommandSpec | undefined {
  if ((item.status === 'present' || item.status === 'incomplete') && item.range && uri) {
    return { title: 'Reveal clause', command: Commands.revealClause, arguments: [uri, item.range] };
  }
  return undefined;
}

export function clauseTooltip(item: CoverageItem): string {
  const action = item.status === 'missing' ? '\n\nUse the row’s **Insert Clause** button to insert a model clause.' : '';
  const position = item.position
    ? `\n\n**Position:** ${item.position.title} (${item.position.favours === 'balanced' ? 'balanced' : `favours the ${item.position.favours}`}; ${item.position.rating} for you)`
    : '';
  const reference = item.byReference ? ' (by reference to another document)' : '';
  return `**${item.title}** — ${statusLabel(item)}${reference}${item.severity && item.status !== 'present' ? ` (${item.severity})` : ''}${position}\n\n${item.why}${action}`;
}

/** The clauses grouped in the catalogue's group order (unknown groups last), each group titled from the catalogue. */
export function groupedClauses<T extends { group: string }>(items: readonly T[]): { group: string; title: string; items: T[] }[] {
  const order = new Map<string, number>(clauseGroups.map((g, i) => [g.id, i]));
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  return [...groups]
    .sort(([a], [b]) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
    .map(([group, list]) => ({ group, title: groupTitles[group] ?? group, items: list }));
}
