/**
 * The reading layer: between the parse and the rules, what the draft says rather than which words it uses. Per
 * chunk (cached with the chunk's text): the operative sentences and what each does (`sentences.ts`), and which of
 * them are worth reading for each clause's positions. Per document: the parties and their roles (`parties.ts`), what
 * the defined terms denote (`concepts.ts`), the kind of agreement (`kind.ts`) and the position each clause takes
 * (`positions.ts`).
 */
import type { Catalogue } from '../catalogue.js';
import { eachPositionHit, type Signals } from '../clauses.js';
import type { ContractModel } from '../types.js';
import { readSentences, type SentenceReading } from './sentences.js';
import { readParties, RoleResolver, type ReadParty } from './parties.js';
import { ConceptMatcher } from './concepts.js';
import { describesAISubject } from './kind.js';
import { positionRules, triggerMasks, findPositions, PositionReader, NO_MATCHES, type PlacedSentence, type PositionFound, type PositionRules, type SentenceMatches } from './positions.js';
import { refersMasks, referencedClauses } from './references.js';

const NONE: readonly number[] = [];

export type { SentenceReading, Modality } from './sentences.js';
export type { ReadParty, Role } from './parties.js';
export type { Concept } from './concepts.js';
export type { PositionFound } from './positions.js';
export { AGREEMENT_KINDS, AI_KINDS, aiAgreementKind, type AgreementKind } from './kind.js';
export { actorOf } from './positions.js';
export { incorporatedClauses } from './references.js';
export { RoleResolver, ConceptMatcher };

/**
 * Shared, never written: the per-sentence arrays of a chunk whose values are all zero (most chunks) point here
 * instead of holding arrays of their own. Read by sentence index only, below the chunk's sentence count.
 */
const SHARED_LENGTH = 4096;
const ZERO_U8 = new Uint8Array(SHARED_LENGTH);
const ZERO_U32 = new Uint32Array(SHARED_LENGTH);
const ALL_NONE: readonly (readonly number[])[] = Object.freeze(new Array<readonly number[]>(SHARED_LENGTH).fill(Object.freeze([])));
const ALL_NO_MATCHES: readonly SentenceMatches[] = Object.freeze(new Array<SentenceMatches>(SHARED_LENGTH).fill(NO_MATCHES));

/** `values`, or the shared array when every value is zero (or the sentinel). */
function compact<T extends ArrayLike<unknown>>(values: T, shared: T, empty: unknown = 0): T {
  if (values.length > SHARED_LENGTH) return values;
  for (let i = 0; i < values.length; i++) if (values[i] !== empty) return values;
  return shared;
}

interface ChunkReading {
  sentences: SentenceReading[];
  /** Per catalogue: each sentence's trigger mask (see positionRules). */
  catalogue?: Catalogue;
  triggers?: Uint32Array;
  /** Per catalogue: the clauses each sentence incorporates by reference (only sentences that refer). */
  references?: readonly (readonly number[])[];
  /** Which sentences incorporate another document (references.ts); independent of everything else. */
  refers: Uint8Array;
  /** Per set of the draft's own terms (`ConceptMatcher.termKey`): each sentence's own-term concept mask. */
  termKey?: string;
  terms?: Uint8Array;
  /** Per draft parties and terms (`PositionReader.key`) and catalogue: the position conditions each sentence meets. */
  matchKey?: string;
  matchRules?: PositionRules;
  matches?: SentenceMatches[];
}

/**
 * The per-chunk readings of the chunks of the last analysed version, keyed by the chunk's text. Each analysis keeps
 * the entries of its own chunks only, so the cache never outgrows the draft. What depends on the whole draft (the
 * concepts of its own defined terms) is cached per chunk too, keyed by the set of terms, so an edit that leaves the
 * definitions alone re-reads one chunk.
 */
export class ReadingCache {
  private entries = new Map<string, ChunkReading>();
  /** The chunks of the last `sentences` call, with where their sentences start in its result. */
  private placed: { entry: ChunkReading; from: number }[] = [];
  private last: PlacedSentence[] = [];

  /** The placed sentences of the draft, read or taken from the cache. */
  sentences(chunks: readonly { offset: number; source: string; mask: string; signals: Signals }[], catalogue: Catalogue): PlacedSentence[] {
    const next = new Map<string, ChunkReading>();
    const rules = positionRules(catalogue);
    const out: PlacedSentence[] = [];
    const placed: { entry: ChunkReading; from: number }[] = [];
    for (const chunk of chunks) {
      let entry = next.get(chunk.source) ?? this.entries.get(chunk.source);
      if (!entry) {
        const sentences = readSentences(chunk.mask);
        entry = { sentences, refers: compact(refersMasks(sentences), ZERO_U8) };
      }
      if (entry.catalogue !== catalogue) {
        const signals = chunk.signals;
        entry.triggers = compact(triggerMasks(entry.sentences, rules, catalogue, (visit) => eachPositionHit(signals, visit)), ZERO_U32);
        entry.references = entry.refers === ZERO_U8 ? ALL_NONE : entry.sentences.map((s, i) => (entry!.refers[i] ? referencedClauses(s.text, catalogue, entry!.refers[i] === 2) : NONE));
        entry.catalogue = catalogue;
      }
      next.set(chunk.source, entry);
      placed.push({ entry, from: out.length });
      const triggers = entry.triggers!;
      for (let i = 0; i < entry.sentences.length; i++) {
        const s = entry.sentences[i];
        out.push({ reading: s, start: s.start + chunk.offset, end: s.end + chunk.offset, triggers: triggers[i], refers: entry.refers[i] > 0, makesPart: entry.refers[i] === 2, references: entry.references![i], terms: 0, matches: NO_MATCHES });
      }
    }
    this.entries = next;
    this.placed = placed;
    this.last = out;
    return out;
  }

  /**
   * Marks each sentence of the last `sentences` call with the concepts it names in the draft's own terms and the
   * position conditions it meets; both are kept per chunk while the draft's terms and parties stay the same.
   */
  markReading(concepts: ConceptMatcher, reader: PositionReader): void {
    const termKey = concepts.termKey;
    const matchKey = reader.key;
    for (const { entry, from } of this.placed) {
      if (entry.termKey !== termKey) {
        entry.terms = compact(Uint8Array.from(entry.sentences, (s) => concepts.termMask(s.text)), ZERO_U8);
        entry.termKey = termKey;
        entry.matchKey = undefined;
      }
      const terms = entry.terms!;
      if (entry.matchKey !== matchKey || entry.matchRules !== reader.rules) {
        const sentences = entry.sentences;
        entry.matches = compact(
          sentences.map((s, i) => (entry.triggers![i] || terms[i] ? reader.matches(s, entry.triggers![i], terms[i], sentences[i + 1]) : NO_MATCHES)),
          ALL_NO_MATCHES as SentenceMatches[],
          NO_MATCHES,
        );
        entry.matchKey = matchKey;
        entry.matchRules = reader.rules;
      }
      const matches = entry.matches!;
      for (let i = 0; i < entry.sentences.length; i++) {
        const placed = this.last[from + i];
        placed.terms = terms[i];
        placed.matches = matches[i];
      }
    }
  }
}

export interface DocumentReading {
  parties: ReadParty[];
  roles: RoleResolver;
  concepts: ConceptMatcher;
  sentences: PlacedSentence[];
  catalogue: Catalogue;
  /** Reads position conditions in this draft's parties and terms. */
  positions: PositionReader;
}

/**
 * The position each clause takes (see positions.ts), read where clause detection found the clause (`scopesOf`), or
 * anywhere outside the definitions section (`definitions`) when it did not.
 */
export function readPositions(
  reading: DocumentReading,
  scopesOf: (clause: string) => readonly { start: number; end: number }[] | undefined,
  definitions: { start: number; end: number } | undefined,
): PositionFound[] {
  return findPositions(reading.sentences, reading.positions, scopesOf, definitions);
}

/** Reads a draft: parties, defined-term concepts, and the position each clause takes. */
export function readDocument(
  model: ContractModel,
  text: string,
  sentences: PlacedSentence[],
  pronouns: { you: number; we: number },
  catalogue: Catalogue,
  cache: ReadingCache,
): DocumentReading {
  const parties = readParties(
    model,
    sentences.map((s) => s.reading),
    pronouns,
  );
  const roles = new RoleResolver(parties);
  const concepts = new ConceptMatcher(model.definitions, text, roles);
  const positions = new PositionReader(positionRules(catalogue), concepts, roles);
  cache.markReading(concepts, positions);
  return { parties, roles, concepts, sentences, catalogue, positions };
}

/** What the applicability decision reads of the draft besides its vocabulary (see applicability.ts and kind.ts). */
export function kindInputOf(text: string, bodyStart: number, model: ContractModel, reading: DocumentReading | undefined) {
  const namedParties = reading ? reading.parties.filter((p) => p.shortName !== 'you' && p.shortName !== 'we').length : model.parties.length;
  // Duties and prohibitions whose subject is a party ("Larkspur will provide"), counted up to three.
  let partyObligations = 0;
  if (reading) {
    for (const s of reading.sentences) {
      if ((s.reading.modality === 'duty' || s.reading.modality === 'prohibition') && reading.roles.roleIn(s.reading.subject) !== undefined && ++partyObligations >= 3) break;
    }
  }
  // The opening (recitals, the first clauses) without the definitions section: a definition says what a word means,
  // not what the agreement is about; the subject-matter definitions are read on their own.
  const defs = model.definitionsSection !== undefined ? model.sections[model.definitionsSection] : undefined;
  let opening = text.slice(bodyStart, bodyStart + 2500);
  if (defs && defs.start < bodyStart + 2500 && defs.end > bodyStart) {
    opening = `${text.slice(bodyStart, Math.max(bodyStart, defs.start))} ${text.slice(defs.end, defs.end + Math.max(0, 2500 - (defs.start - bodyStart)))}`;
  }
  const aiSubject = describesAISubject(
    opening,
    model.definitions.map((d) => ({ term: d.term, sentence: text.slice(d.sentenceStart, Math.min(d.sentenceEnd, d.sentenceStart + 600)) })),
    model.sections.map((s) => s.title),
  );
  return { text, bodyStart, namedParties, partyObligations, aiSubject };
}
