/**
 * Clause positions: which of a clause's positions (catalogue data, `positions` in each clause file) the draft takes,
 * read from what its operative sentences do: "Provider shall not use Customer Data to train" (a prohibition on the
 * licensor) favours the licensee; "Provider may use Customer Data to train its models" (a permission, no limit)
 * favours the licensor; the same permission "only in aggregated and de-identified form" is balanced.
 *
 * Two levels, like the rest of the engine: which sentences of a chunk are worth reading for a clause (their first
 * condition group's phrases and the catalogue's own concept words) depends only on the chunk's text and is cached
 * with it; who acts and what the draft's defined terms denote are resolved per document, on those few sentences.
 */
import type { Catalogue } from '../catalogue.js';
import type { ClauseEntry, ClausePosition, PositionCondition } from '../catalogue-types.js';
import { compilePhrase, phraseMatches, type CompiledPhrase } from '../phrases.js';
import type { SentenceReading } from './sentences.js';
import { CONCEPTS, conceptVocabulary, type Concept, type ConceptMatcher } from './concepts.js';
import type { RoleResolver } from './parties.js';
import { escapeRegExp as escape } from '../phrases.js';
import { lastAtOrBefore } from '../search.js';

type Item = { kind: 'phrase'; phrase: CompiledPhrase } | { kind: 'concept'; concept: Concept } | { kind: 'party'; role: 'licensor' | 'licensee' };

interface CompiledCondition {
  modality?: Set<string>;
  /** The sentence must allocate ownership (its actor is the owner; see SentenceReading.owns). */
  owns: boolean;
  actor?: Set<string>;
  /** One of these must head the sentence's predicate (its first words after the subject). */
  verb: Item[];
  all: Item[][];
  none: Item[];
  /** Read over the whole clause (every sentence where detection found it), not one sentence. */
  clause: boolean;
  /** One of these must name what the sentence is about: its subject, or the object its verb takes. */
  object: Item[];
}

interface CompiledPosition {
  position: ClausePosition;
  when: CompiledCondition[];
  /** The clause's `detection.allocations`: shows the clause, takes no position. */
  allocation?: true;
}

export interface ClausePositions {
  clause: ClauseEntry;
  /** Bit of this clause in a sentence's trigger mask. */
  bit: number;
  positions: CompiledPosition[];
  /** The first groups' items: a sentence with none of them is not read for this clause. */
  triggers: Item[];
}

export interface PositionRules {
  clauses: ClausePositions[];
}

const compiledRules = new WeakMap<Catalogue, PositionRules>();

/** The catalogue's positions, compiled once per catalogue (items that fail to compile are skipped). */
export function positionRules(catalogue: Catalogue): PositionRules {
  let rules = compiledRules.get(catalogue);
  if (rules) return rules;
  const clauses: ClausePositions[] = [];
  for (const clause of catalogue.clauses) {
    const allocations = clause.detection.allocations;
    if ((!clause.positions?.length && !allocations?.length) || clauses.length >= 31) continue;
    const positions: CompiledPosition[] = (clause.positions ?? []).map((position) => ({ position, when: position.when.map(compileCondition) }));
    // After the positions: a sentence that shows a position shows the clause too, and says more.
    if (allocations?.length) positions.push({ position: allocationOf(clause, allocations), when: allocations.map(compileCondition), allocation: true });
    const triggers: Item[] = [];
    for (const p of positions) for (const w of p.when) for (const item of w.all[0] ?? []) if (item.kind !== 'party') triggers.push(item);
    clauses.push({ clause, bit: clauses.length, positions, triggers });
  }
  rules = { clauses };
  compiledRules.set(catalogue, rules);
  return rules;
}

/** The clause's allocations as a position of no side, so that they are read with the positions. */
function allocationOf(clause: ClauseEntry, when: PositionCondition[]): ClausePosition {
  return { id: `${clause.id}:allocation`, title: clause.title, favours: 'balanced', when, explain: { licensee: '', licensor: '' }, text: '' };
}

function compileCondition(c: PositionCondition): CompiledCondition {
  return {
    modality: c.modality ? new Set(c.modality) : undefined,
    owns: c.owns === true,
    actor: c.actor ? new Set(c.actor) : undefined,
    verb: (c.verb ?? []).map(compileItem).filter((i): i is Item => !!i),
    all: c.all.map((group) => group.map(compileItem).filter((i): i is Item => !!i)),
    none: (c.none ?? []).map(compileItem).filter((i): i is Item => !!i),
    clause: c.clause === true,
    object: (c.object ?? []).map(compileItem).filter((i): i is Item => !!i),
  };
}

function compileItem(s: string): Item | undefined {
  const cls = /^\{([a-z-]+)\}$/.exec(s.trim());
  if (cls) {
    if (cls[1] === 'licensor' || cls[1] === 'licensee') return { kind: 'party', role: cls[1] };
    if ((CONCEPTS as readonly string[]).includes(cls[1])) return { kind: 'concept', concept: cls[1] as Concept };
    return undefined;
  }
  try {
    return { kind: 'phrase', phrase: compilePhrase(s) };
  } catch {
    return undefined;
  }
}

/**
 * Per sentence of a chunk, a bit mask of the clauses whose trigger items occur in it: the phrase triggers from the
 * chunk's one-pass scan (`hits`: clause index and chunk-relative start), the catalogue's own concept words by a
 * pattern per concept. What does not depend on the rest of the document only, so it is cached with the chunk.
 */
export function triggerMasks(
  sentences: readonly SentenceReading[],
  rules: PositionRules,
  catalogue: Catalogue,
  eachHit: (visit: (clause: number, start: number) => void) => void,
): Uint32Array {
  const masks = new Uint32Array(sentences.length);
  if (!sentences.length) return masks;
  const bitOf = new Map(rules.clauses.map((c) => [catalogue.clauseIndex(c.clause.id), c.bit]));
  eachHit((clause, start) => {
    const bit = bitOf.get(clause);
    if (bit === undefined) return;
    const i = lastAtOrBefore(sentences, start, (s) => s.start);
    if (i >= 0 && start < sentences[i].end) masks[i] |= 1 << bit;
  });
  const concepts = new Map<Concept, number>();
  for (const c of rules.clauses) for (const t of c.triggers) if (t.kind === 'concept') concepts.set(t.concept, (concepts.get(t.concept) ?? 0) | (1 << c.bit));
  for (const [concept, bits] of concepts) {
    const re = conceptVocabulary(concept);
    for (let i = 0; i < sentences.length; i++) if ((masks[i] & bits) !== bits && re.test(sentences[i].text)) masks[i] |= bits;
  }
  return masks;
}

/** A sentence placed in the document. */
export interface PlacedSentence {
  reading: SentenceReading;
  /** Absolute offsets. */
  start: number;
  end: number;
  triggers: number;
  /** Incorporates another document (references.ts). */
  refers: boolean;
  /** Makes another document part of the agreement ("as set out in", "forms part of"), not merely points to it. */
  makesPart: boolean;
  /** The catalogue clauses (indexes) it incorporates by reference, cached with its chunk. */
  references: readonly number[];
  /** The concepts the sentence names in the draft's own terms, as bits of ConceptMatcher.bit. */
  terms: number;
  /** The position conditions it meets (PositionReader.matches), cached with its chunk. */
  matches: SentenceMatches;
}

export interface PositionFound {
  clause: string;
  position: ClausePosition;
  start: number;
  end: number;
  /** Found by the clause's `detection.allocations`: the clause is there, its position is not read. */
  allocation?: true;
}

/** A definition ("'Output' means ...") says what a word means, not what a party may or must do. */
const DEFINITION = /^\W{0,4}[A-Z][^.;:]{0,80}?["”*]{0,3}\s+(?:means|shall mean|has the meaning|refers to|includes)\b/;

/**
 * Per document: the position each clause with positions takes, from the sentences that show it. A clause the draft
 * addresses (clause detection found its section or sentences: `scopes`) is read where it is, so that a sentence of
 * another clause cannot decide its position; a clause detection did not find is read from any operative sentence
 * outside the definitions (that is how a clause worded in the draft's own names is found).
 */
/**
 * What one sentence shows, for every position condition of every clause it might bear on: packed as
 * `clauseBit << 16 | position << 8 | condition` with the level (1, or 2 when met through the draft's own terms) in
 * the parallel array. Depends on the chunk's text, the catalogue, the draft's parties and its own terms only, so it is
 * cached with the chunk and recomputed only when those change.
 */
export interface SentenceMatches {
  codes: Int32Array;
  levels: Uint8Array;
}

export const NO_MATCHES: SentenceMatches = { codes: new Int32Array(0), levels: new Uint8Array(0) };

/** The reader of position conditions for one draft (its parties and its own terms). */
export class PositionReader {
  private readonly partyRe = new Map<string, RegExp>();

  constructor(
    readonly rules: PositionRules,
    private readonly concepts: ConceptMatcher,
    private readonly roles: RoleResolver,
  ) {}

  /** Identifies what the matches depend on beyond the sentence: the catalogue, the parties and the draft's own terms. */
  get key(): string {
    return `${this.roles.key}\u0001${this.concepts.termKey}`;
  }

  /** Whether the item occurs: 0 no, 1 yes, 2 yes by one of the draft's own terms or party-built names. */
  readonly has = (item: Item, text: string): number =>
    item.kind === 'phrase'
      ? +phraseMatches(item.phrase, text)
      : item.kind === 'concept'
        ? this.concepts.hasTerm(item.concept, text)
          ? 2
          : +this.concepts.has(item.concept, text)
        : +this.party(item.role).test(text);

  private party(role: 'licensor' | 'licensee'): RegExp {
    let re = this.partyRe.get(role);
    if (!re) {
      const names = this.roles.aliasesOf(role);
      re = names.length ? new RegExp(`(?<![\\w])(?:${names.map(escape).join('|')})(?![\\w])`, 'i') : /(?!)/;
      this.partyRe.set(role, re);
    }
    return re;
  }

  /**
   * The sentence-level conditions a sentence meets (see SentenceMatches). `next` is the sentence after it when that
   * one qualifies it (`qualifiedByNext`): its provisos meet the groups the sentence leaves open after the first,
   * and its exclusions count ("Provider will defend Customer against claims about Output. This indemnity does not
   * cover Output the Customer modifies.").
   */
  matches(s: SentenceReading, triggers: number, terms: number, next?: SentenceReading): SentenceMatches {
    if (s.past || DEFINITION.test(s.text)) return NO_MATCHES;
    const codes: number[] = [];
    const levels: number[] = [];
    for (const c of this.rules.clauses) {
      if ((triggers & (1 << c.bit)) === 0 && (termBitsOf(c, this.concepts) & terms) === 0) continue;
      c.positions.forEach((p, pi) => {
        p.when.forEach((w, wi) => {
          if (w.clause) return;
          const level = meets(w, s, this.has, this.roles, s.qualifiedByNext ? next?.text : undefined);
          if (level) {
            codes.push((c.bit << 16) | (pi << 8) | wi);
            levels.push(level);
          }
        });
      });
    }
    return codes.length ? { codes: Int32Array.from(codes), levels: Uint8Array.from(levels) } : NO_MATCHES;
  }
}

const termBitsCache = new WeakMap<ClausePositions, Map<ConceptMatcher, number>>();

/** The bits of the concepts among a clause's trigger items (for the own-term marks of a sentence). */
function termBitsOf(c: ClausePositions, concepts: ConceptMatcher): number {
  let byMatcher = termBitsCache.get(c);
  if (!byMatcher) termBitsCache.set(c, (byMatcher = new Map()));
  let bits = byMatcher.get(concepts);
  if (bits === undefined) {
    bits = 0;
    for (const t of c.triggers) if (t.kind === 'concept') bits |= concepts.bit(t.concept);
    byMatcher.clear();
    byMatcher.set(concepts, bits);
  }
  return bits;
}

/**
 * Per document: the position each clause with positions takes, from the sentences that show it. A clause detection
 * found is read where it was found. Elsewhere, and where detection found nothing, only a sentence that names its
 * subject in the draft's own terms ("Kestrel Materials", "Model Refinement") shows it: the catalogue's own words were
 * already looked for, and a position read from them alone in an unrelated sentence ("may update this Agreement at
 * any time") is a false alarm. Sentences in the definitions section (`outside`) count only inside a detected clause.
 */
export function findPositions(
  sentences: readonly PlacedSentence[],
  reader: PositionReader,
  scopesOf: (clause: string) => readonly { start: number; end: number }[] | undefined,
  outside: { start: number; end: number } | undefined,
): PositionFound[] {
  const out: PositionFound[] = [];
  const withMatches = sentences.filter((s) => s.matches.codes.length > 0);
  for (const c of reader.rules.clauses) {
    const scopes = scopesOf(c.clause.id) ?? [];
    const inDetected = (s: PlacedSentence): boolean => {
      const i = lastAtOrBefore(scopes, s.start, (sc) => sc.start);
      return (i >= 0 && scopes[i].end > s.start) || (i + 1 < scopes.length && scopes[i + 1].start < s.end);
    };
    const inDefinitions = (s: PlacedSentence): boolean => !!outside && s.start >= outside.start && s.start < outside.end;
    // The clause as a whole, for conditions read across its sentences ("delete ..." then "certify the deletion").
    let whole: PlacedSentence[] | undefined;
    const wholeOf = (): PlacedSentence[] => {
      if (whole) return whole;
      whole = [];
      for (const sc of scopes) {
        for (let i = Math.max(0, lastAtOrBefore(sentences, sc.start, (x) => x.start)); i < sentences.length && sentences[i].start < sc.end; i++) {
          const x = sentences[i];
          if (x.end > sc.start && !DEFINITION.test(x.reading.text) && whole[whole.length - 1] !== x) whole.push(x);
        }
      }
      return whole;
    };
    let found: PositionFound | undefined;
    c.positions.forEach((p, pi) => {
      if (found) return;
      p.when.forEach((w, wi) => {
        if (found) return;
        if (w.clause) {
          const all = scopes.length ? wholeOf() : [];
          if (all.length && meetsText(w, all.map((x) => x.reading.text).join(' '), reader.has)) {
            // Point at the sentence that carries the clause's first condition.
            const at = all.find((x) => w.all[0].some((item) => reader.has(item, x.reading.text) > 0)) ?? all[0];
            found = { clause: c.clause.id, position: p.position, start: at.start, end: at.end, ...(p.allocation ? { allocation: true as const } : {}) };
          }
          return;
        }
        const code = (c.bit << 16) | (pi << 8) | wi;
        for (const s of withMatches) {
          const k = s.matches.codes.indexOf(code);
          if (k < 0) continue;
          const inside = scopes.length > 0 && inDetected(s);
          if (!inside && (inDefinitions(s) || (s.matches.levels[k] < 2 && !(scopes.length === 0 && w.actor && (w.verb.length || w.owns))))) continue;
          found = { clause: c.clause.id, position: p.position, start: s.start, end: s.end, ...(p.allocation ? { allocation: true as const } : {}) };
          return;
        }
      });
    });
    if (found) out.push(found);
  }
  return out;
}

/** 0 when the sentence does not meet the condition; 1 when it does; 2 when it does through the draft's own terms. */
function meets(w: CompiledCondition, s: SentenceReading, has: (item: Item, text: string) => number, roles: RoleResolver, proviso?: string): number {
  if (w.modality && !w.modality.has(s.modality)) return 0;
  if (w.owns && !s.owns) return 0;
  if (w.verb.length) {
    const head = s.text.slice(s.modalAt, s.modalAt + 60);
    if (!w.verb.some((item) => has(item, head))) return 0;
  }
  let result = 1;
  for (let g = 0; g < w.all.length; g++) {
    const group = w.all[g];
    let best = 0;
    for (const item of group) {
      best = Math.max(best, has(item, s.text));
      if (best === 2) break;
    }
    // A condition or limit the next sentence adds ("However, the data must first be aggregated").
    if (best === 0 && g > 0 && proviso !== undefined) for (const item of group) best = Math.max(best, has(item, proviso) ? 1 : 0);
    if (best === 0) return 0;
    if (best === 2) result = 2;
  }
  for (const item of w.none) if (has(item, s.text) || (proviso !== undefined && has(item, proviso))) return 0;
  if (w.object.length) {
    // What is owned is the noun phrase, not what it was made from: "owns any model it adapts with Buyer Content" is
    // about the model, not Buyer Content.
    const object = w.owns ? ownedPart(objectOf(s)) : objectOf(s);
    const subject = w.owns ? ownedPart(s.subject) : s.subject;
    let best = 0;
    for (const item of w.object) best = Math.max(best, has(item, object), has(item, subject));
    if (best === 0) return 0;
    if (best === 2) result = 2;
  }
  if (w.actor) {
    const actor = actorOf(s, roles);
    if (!w.actor.has(actor)) return 0;
  }
  return result;
}

/**
 * The object of a sentence's verb: the words after it up to a semicolon, "including", "that", "which", "but", or a
 * new clause with a subject and a modal of its own ("owns each Customer Model, including the weights ..." is about
 * the Customer Model, not the data it was tuned on; in "may update this Agreement at any time, and you should review
 * the most recent version" the version is not what is updated). A list of coordinated predicates ("may add or remove
 * features, switch the model, or change usage limits") is one object.
 */
function objectOf(s: SentenceReading): string {
  const predicate = s.text
    .slice(s.modalAt)
    .replace(/\ball (?:right|rights),? title,? and interest (?:in and to|in|to)\b/i, 'rights in');
  const stop = OBJECT_END.exec(predicate);
  return (stop ? predicate.slice(0, stop.index) : predicate).slice(0, 200);
}

const OBJECT_END =
  /;|,?\s(?:including|that|which|who|but)\s|,\s(?:and\s|or\s|but\s)?(?:you|we|it|they|each|either|neither|the\s[A-Za-z]+|[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,2})\s(?:shall|will|may|must|should|can|agrees?|is|are|has|have)\b|\sand\s(?:grants?|may|shall|will|must)\s|\s(?:and|but|or)\s(?:you|we|it|they)\s/;

const MADE_FROM = /\s(?:derived|created|made|generated|produced|from|with|using|based|built|developed|arising|resulting|out)\s/;

/** An owned thing without what it was made from ("model parameters derived from Client Material"). */
function ownedPart(phrase: string): string {
  const cut = MADE_FROM.exec(phrase);
  return cut ? phrase.slice(0, cut.index) : phrase;
}

/** A condition read over a whole clause's text: its groups and exclusions only. */
function meetsText(w: CompiledCondition, text: string, has: (item: Item, text: string) => number): boolean {
  for (const group of w.all) if (!group.some((item) => has(item, text) > 0)) return false;
  for (const item of w.none) if (has(item, text)) return false;
  return true;
}

/** Who acts in a sentence: the passive agent if named, else the role its subject names; `none` when no party is. */
export function actorOf(s: SentenceReading, roles: RoleResolver): 'licensor' | 'licensee' | 'both' | 'none' {
  const role = (s.agent && roles.roleIn(s.agent)) || roles.roleIn(s.subject);
  return role === undefined || role === 'other' ? 'none' : role;
}

export { CONCEPTS };
