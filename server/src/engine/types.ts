/**
 * The engine's public types. The engine is pure: no `vscode`, no `vscode-languageserver`, no network, no file system.
 * Everything here is plain data so that the LSP adapter, the CLI and the tests can share it.
 *
 * Offsets are UTF-16 code-unit offsets into the document text (JavaScript string indices).
 * Positions (line/character) are 0-based, as in LSP; `LineIndex` converts between the two.
 */

import type { ClauseStatus, Severity, SeverityOrOff } from './vocabulary.js';

export type { ClauseGroup, ClauseStatus, Severity, SeverityOrOff } from './vocabulary.js';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of the document text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A replacement of `text.slice(start, end)` by `newText`. `newText` may contain snippet syntax when `snippet` is true. */
export interface TextEdit extends Span {
  newText: string;
  /** True when newText uses snippet syntax ($1, ${1:default}); `plain` then holds the text to use without snippets. */
  snippet?: boolean;
  plain?: string;
}

export interface Fix {
  /** Shown in the lightbulb menu, e.g. "Insert 'Ownership of AI outputs' clause". */
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  /** Non-overlapping edits, in document order. Text outside their spans is never touched. */
  edits: TextEdit[];
  /** The single obvious fix for the finding. */
  preferred?: boolean;
  /** Mechanical and meaning-preserving; the only fixes `source.fixAll.aiClauses` applies. */
  safe?: boolean;
  /** For "Show documentation" style actions the adapter turns into a command instead of an edit. */
  command?: { name: 'showRuleDocumentation'; rule: string };
}

/** One reported problem. */
export interface Finding {
  /** Stable rule id, e.g. `missing-clause`, `vague-time`, `undefined-term`. */
  rule: string;
  /** Catalogue clause id when the finding is about a clause. */
  clause?: string;
  /** Required element id, for `incomplete-clause`. */
  element?: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  /** Short "why it matters" and "what to write instead", for hovers. */
  why?: string;
  instead?: string;
  /** The matched text, as written, when the finding is about wording. */
  excerpt?: string;
  /** Rule-specific data that the fix builders need (replacement candidates, target section, term ...). */
  data?: Record<string, unknown>;
}


export interface ClauseCoverage {
  clause: string;
  title: string;
  group: string;
  status: ClauseStatus;
  /** Element ids the clause lacks (only for `incomplete`). */
  missingElements: string[];
  /** The section(s) where the clause was found. */
  span?: Span;
  /** Catalogue variant recognised, when the entry has variants. */
  variant?: string;
  /** The position the draft takes on the clause (catalogue `positions`), with the sentence that shows it. */
  position?: { id: string; title: string; favours: 'licensee' | 'balanced' | 'licensor'; span: Span };
  /** Present only because the draft incorporates another document that holds it. */
  byReference?: boolean;
  /** The linked file of the deal folder that holds it ("dpa.md") and where the draft links to it ("Section 9"). */
  referencedIn?: { file: string; section?: string };
}

/** What kind of agreement a draft is (see engine/reading/kind.ts). */
export type AgreementKind = 'ai-service' | 'ai-addendum' | 'model-licence' | 'ai-terms-of-use' | 'contract' | 'not-contract';

export interface Applicability {
  isContract: boolean;
  isAIAgreement: boolean;
  /** The kind of agreement, which decides the clauses a lawyer expects in it. */
  agreementKind: AgreementKind;
  /** Human-readable reason, shown in the coverage view and the CLI's verbose output. */
  reason: string;
}

/** A party named in the draft, e.g. `Northwind Analytics Ltd ("Provider")`. */
export interface Party {
  name: string;
  /** The defined short name used in the body, e.g. `Provider`. Equals `name` when none is defined. */
  shortName: string;
  /** Role in an AI licence, when it can be told from the name or the text. */
  role?: 'licensor' | 'licensee';
  start: number;
  end: number;
}

export type SectionKind = 'heading' | 'run-in' | 'list-item';

export interface Section {
  index: number;
  kind: SectionKind;
  /** 1 = top level. Headings use their Markdown depth; run-in and list items nest under the enclosing heading. */
  level: number;
  /** As written, without trailing dot: "5", "5.1", "12.3(a)", "A". */
  number?: string;
  title: string;
  /** Span of the title text (for navigation and hovers). */
  titleStart: number;
  titleEnd: number;
  /** Span of the whole section, heading included, up to the next section at the same or a higher level. */
  start: number;
  end: number;
  parent?: number;
}

export type DefinitionStyle = 'bold-quoted-means' | 'quoted-means' | 'parenthetical' | 'tab-means' | 'html-span' | 'front-matter';

export interface Definition {
  term: string;
  style: DefinitionStyle;
  /** Span of the term itself. */
  start: number;
  end: number;
  /** Span of the whole defining sentence or paragraph. */
  sentenceStart: number;
  sentenceEnd: number;
}

export interface CrossReference {
  /** "Section", "Clause", "Article", "Schedule", "Exhibit", "Annex", "Appendix". */
  kind: string;
  /** "4.2", "7", "6.3(b)". */
  target: string;
  /** The parenthetical title when written, e.g. "Confidentiality" in "Section 10 (Confidentiality)". */
  title?: string;
  start: number;
  end: number;
  /** Span of the title inside the parentheses, when present. */
  titleStart?: number;
  titleEnd?: number;
  /** Refers to another document ("Section 5 of the DPA", "Article 73 of the EU AI Act"). Never checked. */
  external: boolean;
  /** Index of the section it resolves to. */
  resolved?: number;
}

export interface ContractModel {
  title?: { text: string; start: number; end: number };
  frontMatter: Record<string, unknown>;
  parties: Party[];
  /** The verb the draft uses for obligations; inserted clauses use the same. */
  obligationVerb: 'shall' | 'will';
  sections: Section[];
  definitions: Definition[];
  crossReferences: CrossReference[];
  /** Where the definitions live (a section titled Definitions/Interpretation), if any. */
  definitionsSection?: number;
  /** Offset just before the signature block, if one is recognised. */
  signatureStart?: number;
}

/** Cancellation, structurally compatible with vscode-languageserver's CancellationToken. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}

/** A party as the draft names it, with its role in the AI licence. */
export interface PartyRole {
  /** The short name the draft uses ("Larkspur", "Buyer"), or "you"/"we". */
  name: string;
  role: 'licensor' | 'licensee' | 'other';
}

export interface DocumentAnalysis {
  text: string;
  /** The parties as the draft names them, with their roles (read from the preamble, front matter and what each does). */
  parties: PartyRole[];
  /** Increments on every analysis of the same document. */
  version: number;
  model: ContractModel;
  applicability: Applicability;
  coverage: ClauseCoverage[];
  findings: Finding[];
  /** Problems with the configuration that applied to this document (reported by the adapters on the config file). */
  configProblems: ConfigProblem[];
  /** Rules that threw during this analysis, with their message (isolated: other rules still ran). */
  ruleErrors: { rule: string; message: string }[];
  /** Set when the document was too large to analyse (see `maxDocumentSize`). */
  skipped?: string;
}

export type Perspective = 'licensee' | 'licensor' | 'neutral';

/** One problem found in a configuration file or playbook. */
export interface ConfigProblem {
  /** The file, as given to `loadConfig` (path or URI). */
  file: string;
  message: string;
  /** Offsets into the configuration file's text. */
  start: number;
  end: number;
}

/** The configuration the engine applies to one document, after merging defaults, the config file and settings. */
export interface EngineConfig {
  /** Per-rule severity, or 'off'. Keys are rule ids; `*` applies to every rule not named. */
  rules: Record<string, SeverityOrOff>;
  /** Per-clause severity for `missing-clause` / `incomplete-clause`, or 'off' (the clause is not required). */
  clauses: Record<string, SeverityOrOff>;
  /** Whose side the reviewer is on; tunes messages and the notes shown in hovers. */
  perspective: Perspective;
  /** When set, only these clause ids are required (the others are reported as `not-applicable`). */
  requiredClauses?: string[];
  /** Overrides the automatic decision about what the document is. */
  documentKind: 'auto' | 'ai-agreement' | 'contract' | 'not-contract';
  /** Documents longer than this (in characters) are not analysed; the user is told why. */
  maxDocumentSize: number;
}
