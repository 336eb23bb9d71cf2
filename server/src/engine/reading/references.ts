/**
 * Incorporation by reference: "The data processing addendum in Annex 2 forms part of this Agreement", "Customer
 * shall comply with the Acceptable Use Policy", "The Enterprise Terms contain the parties' limitation of liability".
 * A clause another document holds is present by reference when a sentence incorporates or points to that document
 * and names the clause, by one of its heading phrases (the catalogue's names for the topic) or by the documents that
 * usually hold it (`detection.byReference`: a DPA, a security schedule, an acceptable use policy, an SLA).
 */
import type { Catalogue } from '../catalogue.js';
import { compilePhrase, phraseMatches, registerPattern, type CompiledPhrase } from '../phrases.js';
import type { PlacedSentence } from './positions.js';
import type { SentenceReading } from './sentences.js';

/** A sentence that makes another document part of the agreement, or says where a term is set out. */
const INCORPORATES = registerPattern(
  /\b(?:forms?\s+(?:a\s+|an\s+integral\s+)?part\s+of|(?:is|are)\s+incorporated|incorporates?|(?:as\s+)?set\s+out\s+in|(?:is|are)\s+(?:contained|included|found)\s+in|contains?|(?:is|are)\s+governed\s+by|in\s+accordance\s+with|as\s+described\s+in|attached\s+(?:as|at|hereto)|comply\s+with|subject\s+to)\b/i,
);
/** Words that make another document part of this one, not merely mention or point to it. */
const MAKES_PART = registerPattern(
  /\b(?:forms?\s+(?:a\s+|an\s+integral\s+)?part\s+of|(?:is|are)\s+incorporated|incorporates?|(?:as\s+)?set\s+out\s+in|(?:is|are)\s+(?:contained|included|found)\s+in|contains?|as\s+described\s+in|attached\s+(?:as|at|hereto))\b/i,
);

/** ... and names a document of its own: an annex, a schedule, a policy, other terms, or links to one. */
const OTHER_DOCUMENT = registerPattern(
  /(?<!\b(?:this|these|the\s+present)\s+)\b(?:Annex|Schedule|Exhibit|Appendix|Addendum|Attachment|Policy|Policies|Terms|Agreement|Order Form|DPA|SLA|AUP)\b|\]\(/i,
);

/**
 * Per sentence of a chunk: 2 when it makes another document part of the agreement ("forms part of", "is set out
 * in"), 1 when it only points to one ("comply with the Acceptable Use Policy"), 0 otherwise (cached with the chunk).
 */
export function refersMasks(sentences: readonly SentenceReading[]): Uint8Array {
  return Uint8Array.from(sentences, (s) => (!INCORPORATES.test(s.text) || !OTHER_DOCUMENT.test(s.text) ? 0 : MAKES_PART.test(s.text) ? 2 : 1));
}

interface Compiled {
  clause: string;
  /** The clause's topic names (its heading phrases): count only where another document is made part of this one. */
  topics: CompiledPhrase[];
  /** The documents that usually hold the clause: count wherever the draft points to one. */
  documents: CompiledPhrase[];
}

const compiled = new WeakMap<Catalogue, Compiled[]>();

function phrasesOf(catalogue: Catalogue): Compiled[] {
  let list = compiled.get(catalogue);
  if (list) return list;
  list = [];
  for (const c of catalogue.clauses) {
    const compile = (phrases: readonly string[]): CompiledPhrase[] =>
      phrases.flatMap((p) => {
        try {
          return [compilePhrase(p)];
        } catch {
          return []; // reported when the catalogue or playbook is validated
        }
      });
    list.push({ clause: c.id, topics: compile(c.detection.headings), documents: compile(c.detection.byReference ?? []) });
  }
  compiled.set(catalogue, list);
  return list;
}

/** For one sentence that incorporates another document: the catalogue clauses it names (indexes into `clauses`). */
export function referencedClauses(text: string, catalogue: Catalogue, makesPart: boolean): number[] {
  const out: number[] = [];
  phrasesOf(catalogue).forEach((c, i) => {
    if (c.documents.some((p) => phraseMatches(p, text)) || (makesPart && c.topics.some((p) => phraseMatches(p, text)))) out.push(i);
  });
  return out;
}

/** The clauses the draft holds by reference, each with the first sentence that incorporates it. */
export function incorporatedClauses(sentences: readonly PlacedSentence[], catalogue: Catalogue): Map<string, PlacedSentence> {
  const out = new Map<string, PlacedSentence>();
  for (const s of sentences) {
    if (!s.references.length) continue;
    for (const i of s.references) {
      const id = catalogue.clauses[i].id;
      if (!out.has(id)) out.set(id, s);
    }
  }
  return out;
}
