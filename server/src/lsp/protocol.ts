/**
 * The custom part of the protocol between the ai-clauses language server and its clients, plus the settings shape.
 * Shared by the server (server/src/lsp) and the VS Code client (client/src): plain types and string constants only,
 * so importing it pulls neither `vscode` nor `vscode-languageserver` into the other side's bundle.
 */

export type SeverityOrOff = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type Perspective = 'licensee' | 'licensor' | 'neutral';
export type DocumentKindSetting = 'auto' | 'ai-agreement' | 'contract' | 'not-contract';

/** The `aiClauses.*` settings, as the client answers `workspace/configuration` for section `aiClauses`. */
export interface AiClausesSettings {
  enable: boolean;
  rules: Record<string, SeverityOrOff>;
  clauses: Record<string, SeverityOrOff>;
  /** null: the configuration file's value, else neutral. */
  perspective: Perspective | null;
  requiredClauses: string[] | null;
  documentKind: DocumentKindSetting;
  /** null: the configuration file's value, else the engine's default. */
  maxDocumentSize: number | null;
  playbooks: string[];
  codeActions: { disableComments: boolean };
  fixAll: boolean;
  /** Log how long each document's diagnostics took, and where the time went. */
  logTimings: boolean;
  /** Missing clauses as one summary diagnostic with related information per clause, or one diagnostic each. */
  missingClauses: 'grouped' | 'each';
}

export const defaultSettings: Readonly<AiClausesSettings> = Object.freeze({
  enable: true,
  rules: {},
  clauses: {},
  perspective: null,
  requiredClauses: null,
  documentKind: 'auto',
  maxDocumentSize: null,
  playbooks: [],
  codeActions: { disableComments: true },
  fixAll: false,
  logTimings: false,
  missingClauses: 'grouped',
});

/** `initializationOptions` the VS Code client sends. Other clients may send nothing. */
export interface InitializationOptions {
  /** False in an untrusted workspace: the server then ignores config files and playbooks. Default true. */
  trusted?: boolean;
  /** Commands the client implements itself (e.g. `aiClauses.showRuleDocumentation`); others go to the server. */
  clientCommands?: string[];
}

/** The name of the configuration file looked up in the document's folder and its ancestors. */
export const CONFIG_FILE_NAME = '.ai-clauses.json';

export const Commands = {
  showRuleDocumentation: 'aiClauses.showRuleDocumentation',
  /** Server-side variant for clients without their own command: opens the page through `window/showDocument`. */
  serverShowRuleDocumentation: 'aiClauses.server.showRuleDocumentation',
  insertClause: 'aiClauses.insertClause',
  showCoverage: 'aiClauses.showCoverage',
  restartServer: 'aiClauses.restartServer',
  revealClause: 'aiClauses.revealClause',
  /** Server-side: asks (window/showMessageRequest) which missing clause to insert, applies it and reveals it. */
  serverInsertClause: 'aiClauses.server.insertClause',
  /** Server-side: reveals a clause of a document (window/showDocument with a selection); run after an insertion. */
  serverRevealClause: 'aiClauses.server.revealClause',
  /** Compares the open draft with another file or a git revision of it and lists the clause changes. */
  compareWith: 'aiClauses.compareWith',
  /** Opens the diff editor on one clause change of the last comparison (the changes view's rows run it). */
  showClauseChange: 'aiClauses.showClauseChange',
} as const;

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

import type { ClauseStatus } from '../engine/vocabulary.js';
// Types only (erased in the bundles): the wire shape of a comparison is the engine's, with ranges for offsets.
import type { ClauseChange, ComparedClauseSide } from '../engine/compare.js';

export type { ClauseStatus } from '../engine/vocabulary.js';
export { groupTitles, groupTitle, groupRank, statusLabels, statusRank } from '../engine/vocabulary.js';

/** `aiClauses/coverage` request. */
export const CoverageRequestMethod = 'aiClauses/coverage';
export interface CoverageParams {
  uri: string;
}
export interface CoverageItem {
  clause: string;
  title: string;
  group: string;
  status: ClauseStatus;
  missingElements: string[];
  /** Titles of the missing elements ("a measurement period"), in the order of `missingElements`. */
  missingElementTitles: string[];
  /** Severity of the clause's finding (missing-clause or incomplete-clause); absent when it is not reported. */
  severity?: 'error' | 'warning' | 'information' | 'hint';
  /** Where the clause was found (present or incomplete). */
  range?: LspRange;
  variant?: string;
  /** Why the clause matters (catalogue text), for tooltips and the QuickPick detail. */
  why: string;
  importance?: 'high' | 'medium' | 'low';
  variants: { id: string; title: string }[];
  /** Present only because the draft incorporates another document that holds it (a DPA, a policy, other terms). */
  byReference?: boolean;
  /** The linked file that holds it and where the draft links to it ("dpa.md", "Section 9"). */
  referencedIn?: { file: string; section?: string };
  /** The position the draft takes on the clause, whom it favours, and how that rates for the user's perspective. */
  position?: { id: string; title: string; favours: 'licensee' | 'balanced' | 'licensor'; rating: 'favourable' | 'balanced' | 'unfavourable'; range: LspRange };
}
export interface CoverageResult {
  uri: string;
  /** The document version the coverage was computed for. */
  version: number;
  applicability: { isContract: boolean; isAIAgreement: boolean; reason: string };
  coverage: CoverageItem[];
  /** Set when the document was not analysed (too large, disabled). */
  skipped?: string;
}

/** `aiClauses/insertClause` request: returns a WorkspaceEdit (null when the clause is unknown or already present). */
export const InsertClauseRequestMethod = 'aiClauses/insertClause';
export interface InsertClauseParams {
  uri: string;
  clause: string;
  variant?: string;
}

/**
 * `aiClauses/compare` request: compares two versions of a draft clause by clause. The client supplies both texts
 * (the before side from another file or a git revision, the after side from the open editor); the server resolves
 * the configuration (perspective, playbooks) for `uri` as it does for diagnostics. Null when ai-clauses is disabled
 * for the document.
 */
export const CompareRequestMethod = 'aiClauses/compare';
export interface CompareParams {
  /** The draft the comparison is for: its configuration applies to both texts. */
  uri: string;
  beforeText: string;
  /** How to name the before side ("licence.md @ HEAD"). */
  beforeLabel: string;
  afterText: string;
  afterLabel: string;
}
/** One side of a changed clause as the client gets it: the engine's, with `range` (in that side's text) for its offsets. */
export type CompareSide = Omit<ComparedClauseSide, 'span' | 'missingElements'> & { range?: LspRange };
/** A changed clause as the client gets it (the engine's `ClauseChange`, its two sides with ranges). */
export type CompareChange = Omit<ClauseChange, 'before' | 'after'> & { before: CompareSide; after: CompareSide };
export interface CompareResult {
  uri: string;
  before: string;
  after: string;
  perspective: Perspective;
  changes: CompareChange[];
}

/** `aiClauses/didChangeTrust` notification (client → server) when the user trusts the workspace. */
export const DidChangeTrustNotificationMethod = 'aiClauses/didChangeTrust';
export interface DidChangeTrustParams {
  trusted: boolean;
}

/**
 * The catalogue's clause groups, in display order, with their titles: re-exported from the engine's one vocabulary
 * (server/src/engine/vocabulary.ts) for the coverage view, the "Insert Clause…" picker and the CLI's HTML report.
 */
export { CLAUSE_GROUPS as clauseGroups } from '../engine/vocabulary.js';
