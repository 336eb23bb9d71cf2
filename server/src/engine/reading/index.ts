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
  positions: PositionFound[];
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
  const positions = findPositions(sentences, positionRules(catalogue), concepts, roles);
  return { parties, roles, concepts, sentences, positions };
}
