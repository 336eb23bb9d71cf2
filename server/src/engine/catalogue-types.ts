/**
 * The shape of the clause catalogue (server/catalogue/clauses/*.json) and of the rule registry
 * (server/catalogue/rules.json). JSON Schemas for both live in server/catalogue/schema/.
 *
 * Signals are written in the catalogue's phrase syntax (see server/catalogue/README.md), never as raw regular
 * expressions: the engine compiles them into patterns that cannot backtrack catastrophically.
 */

import type { AgreementKind } from './types.js';
import type { ClauseGroup, Severity } from './vocabulary.js';

export type { ClauseGroup } from './vocabulary.js';

export interface ClauseDetection {
  /** Phrases matched against section titles (headings, bold run-in titles, list-item titles). One hit = present. */
  headings: string[];
  /** Body phrases that on their own show the clause is addressed. One hit = present. */
  phrases: string[];
  /** Weaker body phrases: the clause is present when `minWeak` different ones occur in one section. */
  weak?: string[];
  minWeak?: number;
  /** Phrases that, in the same sentence, cancel a hit (near misses such as "training of personnel"). */
  exclude?: string[];
  /**
   * What makes the clause expected at all, for clauses that only some deals need (agents that act, decisions about
   * people, an upstream open model): when the draft has none of these phrases and lacks the clause, the clause is not
   * applicable rather than missing.
   */
  expectedWhen?: string[];
  /**
   * The documents that usually hold this clause ("data processing addendum", "acceptable use policy"): a sentence
   * that incorporates one of them makes the clause present by reference.
   */
  byReference?: string[];
  /**
   * Sentences that allocate the clause's right or duty, read like position conditions (modality, actor, verb,
   * object ...): one met shows the clause present whatever its words ("Customer will not use the AI Services to ..."
   * is an acceptable use clause under any heading). For clauses without positions.
   */
  allocations?: PositionCondition[];
}

export interface ClauseElement {
  id: string;
  /** Noun phrase used in messages: "a measurement period". */
  title: string;
  /** When false the element is recommended, not required, and its absence is not reported. */
  required: boolean;
  /** Agreement kinds where a required element is required (default: every kind the clause applies to). */
  requiredIn?: ClauseKind[];
  why: string;
  /** Any one phrase found in the clause's section(s) satisfies the element. */
  signals: string[];
  /** Model sentence inserted by the "add the missing element" quick fix (template syntax). */
  text: string;
}

/** Agreement kinds a clause can apply to (reading/kind.ts decides the kind of a draft). */
export type ClauseKind = Exclude<AgreementKind, 'not-contract'>;

/** Whose side a text favours. */
export type Favours = 'licensee' | 'balanced' | 'licensor';

export interface ClauseVariant {
  id: string;
  title: string;
  signals: string[];
  /** Model clause text for this variant (template syntax). */
  text: string;
  /** The side this position favours. */
  favours?: Favours;
  /** The legal system the variant follows ("EU", "UK", "US", "US-CA", "US-CO"); absent when it does not depend on one. */
  jurisdiction?: string;
}

export interface ClauseEntry {
  id: string;
  title: string;
  group: ClauseGroup;
  importance: 'high' | 'medium' | 'low';
  /** Severity of the `missing-clause` finding; `incomplete-clause` uses the same unless overridden in config. */
  severity: Severity;
  /** True for clauses only an AI agreement needs; false for clauses every commercial contract should have. */
  aiSpecific: boolean;
  /** Agreement kinds the clause applies to. Absent: the four AI kinds when `aiSpecific`, all five otherwise. */
  appliesTo?: ClauseKind[];
  /** A clause a main agreement normally holds: in an `ai-addendum` its absence is reported as information. */
  mainAgreementClause?: boolean;
  /** Why the clause matters, in one or two plain sentences. */
  why: string;
  detection: ClauseDetection;
  elements: ClauseElement[];
  variants?: ClauseVariant[];
  /** Model clause: heading text and body (template syntax). */
  model: { heading: string; text: string; favours?: Favours };
  /** Capitalised terms the model text uses, each with a definition ("means ..."); inserting the clause offers to add
   * the ones the draft does not define. The same term may appear in several entries with the same definition. */
  terms: GlossaryEntry[];
  notes: { licensee: string; licensor: string };
  references: { label: string; url?: string }[];
  /** Test passages: each `present` one must be detected, each `absent` one (a near miss) must not. */
  examples: { present: string[]; absent: string[] };
  /**
   * The positions a draft can take on this clause, most specific first: the first position one of whose `when`
   * conditions some operative sentence meets is the draft's position (see server/src/engine/reading/positions.ts).
   */
  positions?: ClausePosition[];
  /**
   * For each side, the position it prefers, its usual fallback and the positions it cannot accept (position ids). A
   * firm's playbook overrides these; an unacceptable position is an error, not a warning.
   */
  playbook?: { licensee?: SidePlaybook; licensor?: SidePlaybook };
}

export interface SidePlaybook {
  preferred?: string;
  fallback?: string;
  unacceptable?: string[];
}

export interface ClausePosition {
  id: string;
  /** Noun phrase: "No training on the licensee's data". */
  title: string;
  favours: Favours;
  /** Any one condition met by one operative sentence shows the position. */
  when: PositionCondition[];
  /** What the position means for each side, in plain words (shown in findings and the hover). */
  explain: { licensee: string; licensor: string };
  /** Model text for this position (template syntax). */
  text: string;
  /**
   * Required elements this position answers or makes moot: an exclusion of all liability has no cap to lack, and
   * "Provider may retain the data" no deletion deadline. The position finding says what the draft gives away instead.
   */
  settles?: string[];
}

export interface PositionCondition {
  /** The sentence's modality: duty (shall), permission (may), prohibition (shall not, in no event), statement (owns). */
  modality?: ('duty' | 'permission' | 'prohibition' | 'statement')[];
  /** Who acts: the role its subject (or passive agent) names; `both` for "each party"; `none` when no party is named. */
  actor?: ('licensor' | 'licensee' | 'both' | 'none')[];
  /**
   * Groups that must all be met; a group is met when one of its items occurs in the sentence. An item is a phrase
   * (phrase syntax), a concept (`{output}`, `{licensee-data}`, `{input}`, `{training}`, `{personal-data}`,
   * `{confidential-information}`, `{ai-system}`, `{model-improvement}`) or a party (`{licensor}`, `{licensee}`). The
   * first group must hold a phrase or a concept: it selects the sentences worth reading.
   */
  all: string[][];
  /** Items none of which may occur in the sentence. */
  none?: string[];
  /** Items one of which must head the sentence's predicate (the words after its subject): the sentence's action. */
  verb?: string[];
  /** Read the groups over the whole clause where detection found it (every sentence there), not one sentence. */
  clause?: boolean;
  /** Items one of which must name what the sentence is about: its subject, or the object of its verb. */
  object?: string[];
  /**
   * The sentence allocates ownership ("owns", "retains all right, title and interest in", "belongs to X", "vests in
   * X", "is the property of X", "remains X's property", "is owned by X"); `actor` is then the owner and `object` what
   * is owned.
   */
  owns?: boolean;
}

export interface GlossaryEntry {
  term: string;
  /** Definition text, without the term: "means content generated by the AI System ...". */
  definition: string;
}

export type RuleCategory = 'clause' | 'ambiguity' | 'drafting' | 'definitions' | 'cross-references' | 'configuration';

export interface RuleMeta {
  id: string;
  title: string;
  category: RuleCategory;
  severity: Severity;
  /** Ambiguity is a warning; vagueness is information (Adams). */
  kind?: 'ambiguity' | 'vagueness' | 'error' | 'completeness';
  why: string;
  instead: string;
  /**
   * For a rule without a module of its own (server/src/engine/rules/): the start of its findings' message, where
   * "{excerpt}" stands for the quoted text found. Without it the message starts with the title.
   */
  message?: string;
  examples: { bad: string; good: string };
  fix?: string;
  /** For phrase rules: the phrases (phrase syntax) and for each the replacement(s) offered. */
  phrases?: { phrase: string; replacements?: string[]; note?: string }[];
  /** Applies only to contracts that are AI agreements. */
  aiOnly?: boolean;
  /** Has a fix marked safe for `source.fixAll.aiClauses`. */
  safeFix?: boolean;
}
