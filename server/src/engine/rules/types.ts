/**
 * What a wording rule is. Each rule lives in one module of this folder and exports one `Rule`; `index.ts` (generated
 * by scripts/catalogue-index.mjs from the folder) is the only list of them. The rule's metadata (title, severity, why,
 * what to write instead, examples, phrases) lives in server/catalogue/rules.json under the same id.
 *
 * A rule works on plain data: the text of a chunk and its blocks (scope 'chunk'), or the facts assembled for the
 * whole document (scope 'document'). It never sees the analyzer's caches: chunk findings are cached with their
 * chunk, at chunk-relative offsets, and moved to document offsets by the engine (the keys of `data` that hold
 * offsets are the rule's `offsetKeys`).
 */
import type { BlockFact } from '../parse.js';
import type { RuleMeta } from '../catalogue-types.js';
import type { ContractModel, DocumentAnalysis, Finding, Fix } from '../types.js';
import type { CapitalRunFact } from '../text-facts.js';
import type { ReadParty } from '../reading/parties.js';
import type { PlacedSentence } from '../reading/positions.js';

/** A phrase of the one-pass scan found in a chunk: `entry` indexes the catalogue's phrase table. */
export interface PhraseHit {
  entry: number;
  start: number;
  end: number;
}

/** A finding of a chunk rule, relative to its chunk until placed. */
export interface LocalFinding {
  rule: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
  /** A condition the rule's own `gate` checks against the whole document (e.g. "the draft uses Business Days"). */
  needs?: string;
  /** The text found and the finding's message, filled in once by the engine and cached with the chunk. */
  excerpt?: string;
  message?: string;
}

/** A finding of a document rule (document offsets). */
export interface RawFinding {
  rule: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
  /** Set when already known (local findings cache theirs with the chunk). */
  excerpt?: string;
  message?: string;
}

export type Emit = (f: LocalFinding) => void;

/** A prose block of a chunk (headings excluded) with its text, prepared once for every chunk rule. */
export interface BlockView {
  block: BlockFact;
  /** The block's text (`mask` from block.start to block.end). */
  text: string;
  /** `text` in lower case (the rules' cheap "could this match?" tests). */
  lower: string;
}

/** What a chunk rule reads: the chunk's masked text (markup blanked out) and its prose blocks. */
export interface ChunkInput {
  mask: string;
  blocks: readonly BlockView[];
}

/** One phrase of the rule found in a chunk, inside a prose block or heading. */
export interface PhraseInput {
  start: number;
  end: number;
  /** Index of the phrase in the rule's `phrases` (rules.json). */
  phrase: number;
  /** mask.slice(start, end) */
  text: string;
  block: BlockFact;
  mask: string;
}

/** Uses of defined terms in a chunk. */
export interface TermUse {
  /** Index into the sorted term list. */
  term: number;
  start: number;
  end: number;
  /** The text as written (differs from the term in case for case mismatches). */
  text: string;
}

/** What the document rules read of each chunk. */
export interface RuleChunk {
  offset: number;
  /** Chunk-relative; the array's identity keys a cache, so it must not change while the chunk is unchanged. */
  capitalRuns: readonly CapitalRunFact[];
  mask: string;
  /** Uses of defined terms in the chunk, chunk-relative and sorted; the same array while the chunk and terms are unchanged. */
  termUses: readonly TermUse[];
  /** Where the chunk defines terms (chunk-relative). */
  definitions: readonly { start: number; end: number }[];
}

export interface DocumentRuleInput {
  model: ContractModel;
  chunks: readonly RuleChunk[];
  /** The defined terms, as indexed by TermUse.term. */
  terms: string[];
  /** The chunk findings of the rules named in some document rule's `reads`, placed, in document order. */
  locals: LocalFinding[];
  markers: Record<string, number>;
  externalDefinitions: number;
  linkedTerms: Set<string>;
  partyNames: string[];
  /** Where document-level findings point. */
  anchor: { start: number; end: number };
  /** Every section title in lower case, NUL-separated. */
  sectionTitles: string;
  /** What the reading layer made of the draft: its parties and its operative sentences (absent if it failed). */
  reading?: { parties: readonly ReadParty[]; sentences: readonly PlacedSentence[] };
}

/** What a rule's gate may ask of the analysed document (once per analysis). */
export interface GateInput {
  text: string;
  model: ContractModel;
  /** Terms marked up as defined elsewhere, lower case. */
  linkedTerms: Set<string>;
  /** The defined terms in lower case. */
  definedLower: Set<string>;
  /** Every document rule's findings of this analysis. */
  documentFindings: readonly RawFinding[];
}

/** What a rule's quick fixes are made from. */
export interface FixInput {
  analysis: DocumentAnalysis;
  finding: Finding;
  /** finding.data, or {} */
  data: Record<string, unknown>;
  /** The finding's text. */
  excerpt: string;
  meta: RuleMeta | undefined;
  snippets: boolean | undefined;
  /** The replacements rules.json lists for the phrase found (the generic phrase rule's fixes). */
  phraseReplacements(): Fix[];
}

export interface Rule {
  id: string;
  /**
   * 'chunk': needs only one chunk of text (found in `onPhrase`/`scan`, cached with the chunk);
   * 'document': needs the whole document (`detect`); 'clause': findings made by clause detection (only messages and
   * fixes live here); 'engine': made by the engine or the adapters (document-too-large, config-error).
   */
  scope: 'chunk' | 'document' | 'clause' | 'engine';
  /** A phrase of the rule (rules.json `phrases`) found in a chunk: emit the findings it makes (default: one). */
  onPhrase?(hit: PhraseInput, emit: Emit): void;
  /** Scans a chunk (after every rule's phrases; rules scan in registry order). */
  scan?(chunk: ChunkInput, emit: Emit): void;
  /** Finds the rule's findings in the whole document. */
  detect?(input: DocumentRuleInput, out: RawFinding[]): void;
  /** The chunk rules whose findings `detect` reads in `input.locals`. */
  reads?: readonly string[];
  /**
   * Once per analysis: a test each of the rule's findings must pass to be reported, for conditions only the whole
   * document settles ("the draft defines Business Day"); undefined keeps them all.
   */
  gate?(doc: GateInput): ((f: LocalFinding) => boolean) | undefined;
  /** False for a rule whose findings only feed another rule (never reported). */
  reported?: false;
  /** The keys of `data` that hold text offsets: moved with the finding when its chunk is placed. */
  offsetKeys?: readonly string[];
  /** The specifics of one finding, first in its message (the rule's why and instead follow). */
  message?(data: Record<string, unknown>, excerpt: string): string;
  /** False when no "disable" comment is offered for its findings. */
  disableComments?: false;
  /** The rule's own quick fixes (default: the phrase's replacements from rules.json). */
  fixes?(input: FixInput): Fix[];
}
