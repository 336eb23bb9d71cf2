/**
 * The reading layer: between the parse and the rules, what the draft says rather than which words it uses. Per
 * chunk (cached with the chunk's text): the operative sentences and what each does (`sentences.ts`), and which of
 * them are worth reading for each clause's positions. Per document: the parties and their roles (`parties.ts`), what
 * the defined terms denote (`concepts.ts`), the kind of agreement (`kind.ts`) and the position each clause takes
 * (`positions.ts`).
 */
import type { Catalogue } from '../catalogue.js';
import type { ContractModel } from '../types.js';
import { readSentences, type SentenceReading } from './sentences.js';
import { readParties, RoleResolver, type ReadParty } from './parties.js';
import { ConceptMatcher } from './concepts.js';
import { describesAISubject } from './kind.js';
import { positionRules, triggerMasks, findPositions, type PlacedSentence, type PositionFound } from './positions.js';

export type { SentenceReading, Modality } from './sentences.js';
export type { ReadParty, Role } from './parties.js';
export type { Concept } from './concepts.js';
export type { PositionFound } from './positions.js';
export { AGREEMENT_KINDS, AI_KINDS, aiAgreementKind, type AgreementKind } from './kind.js';
export { actorOf } from './positions.js';
export { RoleResolver, ConceptMatcher };

interface ChunkReading {
  sentences: SentenceReading[];
  /** Per catalogue: each sentence's trigger mask (see positionRules). */
  catalogue?: Catalogue;
  triggers?: Uint32Array;
}

/**
 * The per-chunk readings of the chunks of the last analysed version, keyed by the chunk's text. Each analysis keeps
 * the entries of its own chunks only, so the cache never outgrows the draft.
 */
export class ReadingCache {
  private entries = new Map<string, ChunkReading>();

  /** The placed sentences of the draft, read or taken from the cache. */
  sentences(chunks: readonly { offset: number; source: string; mask: string }[], catalogue: Catalogue): PlacedSentence[] {
    const next = new Map<string, ChunkReading>();
    const rules = positionRules(catalogue);
    const out: PlacedSentence[] = [];
    for (const chunk of chunks) {
      let entry = next.get(chunk.source) ?? this.entries.get(chunk.source);
      if (!entry) entry = { sentences: readSentences(chunk.mask) };
      if (entry.catalogue !== catalogue) {
        entry.triggers = triggerMasks(entry.sentences, rules);
        entry.catalogue = catalogue;
      }
      next.set(chunk.source, entry);
      const triggers = entry.triggers!;
      for (let i = 0; i < entry.sentences.length; i++) {
        const s = entry.sentences[i];
        out.push({ reading: s, start: s.start + chunk.offset, end: s.end + chunk.offset, triggers: triggers[i] });
      }
    }
    this.entries = next;
    return out;
  }
}

export interface DocumentReading {
  parties: ReadParty[];
  roles: RoleResolver;
  concepts: ConceptMatcher;
  sentences: PlacedSentence[];
  catalogue: Catalogue;
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
  return findPositions(reading.sentences, positionRules(reading.catalogue), reading.concepts, reading.roles, scopesOf, definitions);
}

/** Reads a draft: parties, defined-term concepts, and the position each clause takes. */
export function readDocument(
  model: ContractModel,
  text: string,
  sentences: PlacedSentence[],
  pronouns: { you: number; we: number },
  catalogue: Catalogue,
): DocumentReading {
  const parties = readParties(
    model,
    sentences.map((s) => s.reading),
    pronouns,
  );
  const roles = new RoleResolver(parties);
  const concepts = new ConceptMatcher(model.definitions, text, roles);
  return { parties, roles, concepts, sentences, catalogue };
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
  );
  return { text, bodyStart, namedParties, partyObligations, aiSubject };
}
