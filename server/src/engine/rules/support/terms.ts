/** What the definition rules share: normal forms of terms and what each chunk's term uses say about them. */
import type { RuleChunk } from '../types.js';
import { lastAtOrBefore } from '../../search.js';
import { byIdentity } from '../../incremental/derived.js';

/** Pronoun "definitions" ("you" ("You")) are conventional in consumer terms; they are not checked. */
export const PRONOUNS = new Set(['You', 'Your', 'We', 'Us', 'Our', 'I', 'Me', 'My']);

export function normaliseTerm(t: string): string {
  return t.toLowerCase().replace(/['’]s$/, '').replace(/(?:ies)$/, 'y').replace(/(?<=[a-z])s$/, '');
}

/** What a chunk's term uses say about the defined terms: which are used outside their definitions, and uses in another case. */
export interface ChunkTermUses {
  used: number[];
  mismatches: { term: number; start: number; end: number; text: string }[];
}

/** Worked out once per term-use array, which is replaced whenever the chunk or the defined terms change. */
const termUsesOf = byIdentity((chunk: RuleChunk, terms: string[]): ChunkTermUses => {
  const used = new Set<number>();
  const mismatches: ChunkTermUses['mismatches'] = [];
  // A use inside a definition is the definition itself (definitions and their uses never cross chunks).
  const defSpans = [...chunk.definitions].sort((a, b) => a.start - b.start);
  const longest = defSpans.reduce((n, d) => Math.max(n, d.end - d.start), 0);
  const isDefinitionSite = (start: number) => {
    for (let i = lastAtOrBefore(defSpans, start, (d) => d.start); i >= 0 && defSpans[i].start > start - longest; i--) {
      if (start < defSpans[i].end) return true;
    }
    return false;
  };
  for (const use of chunk.termUses) {
    if (isDefinitionSite(use.start)) continue;
    const term = terms[use.term];
    // Any use counts as a use; a use in another case is a separate question (definition-case-mismatch).
    used.add(use.term);
    if (use.text === term || (use.text.toLowerCase() === term.toLowerCase() && use.text[0] === term[0] && use.text.slice(1) === term.slice(1))) continue;
    if (sameButPlural(use.text, term)) continue;
    // Case differs. ALL-CAPS disclaimers and one-word terms are left alone (a lower-case "services" may be meant).
    if (use.text === use.text.toUpperCase()) continue;
    // Only mixed-case variants ("Pre-Release Materials" for "Pre-release Materials"): an all-lower-case use such as
    // "cloud services" is often meant generically, and flagging it would cry wolf.
    // The first word must be capitalised: "model Provider" is a word followed by a party name, not a variant.
    if (!term.includes(' ') || use.text.toLowerCase() === use.text || !/^[A-Z]/.test(use.text)) continue;
    if (sameIgnoringFirst(use.text, term)) mismatches.push({ term: use.term, start: use.start, end: use.end, text: use.text });
  }
  return { used: [...used], mismatches };
});

/** The term uses of a chunk, judged (cached with the chunk's term-use array). */
export function chunkTermUses(chunk: RuleChunk, terms: string[]): ChunkTermUses {
  return termUsesOf(chunk.termUses, chunk, terms);
}

function sameButPlural(text: string, term: string): boolean {
  return text === `${term}s` || text === `${term}es` || (term.endsWith('y') && text === `${term.slice(0, -1)}ies`) || text === `${term}’s` || text === `${term}'s`;
}

function sameIgnoringFirst(text: string, term: string): boolean {
  // "customer Data" vs "Customer Data": differs beyond sentence-initial capitalisation.
  return text.toLowerCase() === term.toLowerCase() && text !== term;
}
