/**
 * The words shared by the engine, the language server, the client, the CLI, the generated docs and the schemas:
 * clause groups (id, title, order), clause statuses (id, label, order) and severities. The one place to change them;
 * the clause schema's group enum is checked against this list by the unit tests.
 */

/** The catalogue's clause groups, in the order they are shown. */
export const CLAUSE_GROUPS = [
  { id: 'ownership', title: 'Ownership of outputs, models and data' },
  { id: 'responsible-ai', title: 'Responsible AI' },
  { id: 'service-compliance', title: 'Service levels, compliance and liability' },
  { id: 'ai-additions', title: 'What AI agreements add' },
] as const;

export type ClauseGroup = (typeof CLAUSE_GROUPS)[number]['id'];

export const CLAUSE_GROUP_IDS: readonly ClauseGroup[] = CLAUSE_GROUPS.map((g) => g.id);

/** Human titles of the clause groups. */
export const groupTitles: Readonly<Record<string, string>> = Object.fromEntries(CLAUSE_GROUPS.map((g) => [g.id, g.title]));

/** A group's title (an unknown group, say from an old playbook: its id in words). */
export function groupTitle(group: string): string {
  return groupTitles[group] ?? group.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Where a group comes in CLAUSE_GROUPS (unknown groups last). */
export function groupRank(group: string): number {
  const i = CLAUSE_GROUP_IDS.indexOf(group as ClauseGroup);
  return i < 0 ? CLAUSE_GROUPS.length : i;
}

/** What a draft says about a clause, in the order coverage lists show them (what needs work first). */
export const CLAUSE_STATUSES = [
  { id: 'missing', label: 'Missing' },
  { id: 'incomplete', label: 'Incomplete' },
  { id: 'present', label: 'Present' },
  { id: 'not-applicable', label: 'Not applicable' },
] as const;

export type ClauseStatus = (typeof CLAUSE_STATUSES)[number]['id'];

export const statusLabels: Readonly<Record<ClauseStatus, string>> = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s.id, s.label])) as Record<ClauseStatus, string>;

/** Where a status comes in CLAUSE_STATUSES. */
export function statusRank(status: string): number {
  const i = CLAUSE_STATUSES.findIndex((s) => s.id === status);
  return i < 0 ? CLAUSE_STATUSES.length : i;
}

/** Finding severities, most severe first (the LSP's DiagnosticSeverity order). */
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type SeverityOrOff = Severity | 'off';

/** What a rule or clause setting may say: a severity, or 'off'. */
export const SEVERITY_SETTINGS: readonly SeverityOrOff[] = [...SEVERITIES, 'off'];
