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
import { escape } from './parties.js';

type Item = { kind: 'phrase'; phrase: CompiledPhrase } | { kind: 'concept'; concept: Concept } | { kind: 'party'; role: 'licensor' | 'licensee' };

interface CompiledCondition {
  modality?: Set<string>;
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
    if (!clause.positions?.length || clauses.length >= 31) continue;
    const positions = clause.positions.map((position) => ({ position, when: position.when.map(compileCondition) }));
    const triggers: Item[] = [];
    for (const p of positions) for (const w of p.when) for (const item of w.all[0] ?? []) if (item.kind !== 'party') triggers.push(item);
    clauses.push({ clause, bit: clauses.length, positions, triggers });
  }
  rules = { clauses };
  compiledRules.set(catalogue, rules);
  return rules;
}

function compileCondition(c: PositionCondition): CompiledCondition {
  return {
    modality: c.modality ? new Set(c.modality) : undefined,
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
 * Per sentence of a chunk, a bit mask of the clauses whose trigger items occur in it (phrases and the catalogue's own
 * concept words only: what does not depend on the rest of the document).
 */
export function triggerMasks(sentences: readonly SentenceReading[], rules: PositionRules): Uint32Array {
  const masks = new Uint32Array(sentences.length);
  for (let i = 0; i < sentences.length; i++) {
    const text = sentences[i].text;
    let mask = 0;
    for (const c of rules.clauses) {
      for (const item of c.triggers) {
        if (item.kind === 'phrase' ? phraseMatches(item.phrase, text) : item.kind === 'concept' && conceptVocabulary(item.concept).test(text)) {
          mask |= 1 << c.bit;
          break;
        }
      }
    }
    masks[i] = mask;
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
}

export interface PositionFound {
  clause: string;
  position: ClausePosition;
  start: number;
  end: number;
}

/** A definition ("'Output' means ...") says what a word means, not what a party may or must do. */
const DEFINITION = /^\W{0,4}[A-Z][^.;:]{0,80}?["”*]{0,3}\s+(?:means|shall mean|has the meaning|refers to|includes)\b/;

/**
 * Per document: the position each clause with positions takes, from the sentences that show it. A clause the draft
 * addresses (clause detection found its section or sentences: `scopes`) is read where it is, so that a sentence of
 * another clause cannot decide its position; a clause detection did not find is read from any operative sentence
 * outside the definitions (that is how a clause worded in the draft's own names is found).
 */
export function findPositions(
  sentences: readonly PlacedSentence[],
  rules: PositionRules,
  concepts: ConceptMatcher,
  roles: RoleResolver,
  scopesOf: (clause: string) => readonly { start: number; end: number }[] | undefined,
  outside: { start: number; end: number } | undefined,
): PositionFound[] {
  const out: PositionFound[] = [];
  const partyRe = new Map<string, RegExp>();
  const party = (role: 'licensor' | 'licensee'): RegExp => {
    let re = partyRe.get(role);
    if (!re) {
      const names = roles.aliasesOf(role);
      re = names.length ? new RegExp(`(?<![\\w])(?:${names.map(escape).join('|')})(?![\\w])`, 'i') : /(?!)/;
      partyRe.set(role, re);
    }
    return re;
  };
  /** Whether the item occurs: 0 no, 1 yes, 2 yes by one of the draft's own terms or party-built names. */
  const has = (item: Item, text: string): number =>
    item.kind === 'phrase'
      ? +phraseMatches(item.phrase, text)
      : item.kind === 'concept'
        ? concepts.hasTerm(item.concept, text)
          ? 2
          : +concepts.has(item.concept, text)
        : +party(item.role).test(text);
  for (const c of rules.clauses) {
    // Sentences worth reading: a trigger in the chunk-level mask, or one of the draft's terms for a trigger concept.
    const termConcepts = c.triggers.filter((t): t is Item & { kind: 'concept' } => t.kind === 'concept').map((t) => t.concept);
    const scopes = scopesOf(c.clause.id);
    const detected = !!scopes && scopes.length > 0;
    const inDetected = (s: PlacedSentence): boolean => detected && scopes!.some((sc) => s.start < sc.end && s.end > sc.start);
    const inDefinitions = (s: PlacedSentence): boolean => !!outside && s.start >= outside.start && s.start < outside.end;
    // A clause detection found is read where it was found. Elsewhere, and where detection found nothing, only a
    // sentence that names its subject in the draft's own terms ("Kestrel Materials", "Model Refinement") shows it:
    // the catalogue's own words were already looked for, and a position read from them alone in an unrelated
    // sentence ("may update this Agreement at any time") is a false alarm.
    const needOf = (s: PlacedSentence): number => (inDetected(s) ? 1 : 2);
    const candidates = sentences.filter(
      (s) =>
        ((s.triggers & (1 << c.bit)) !== 0 || (termConcepts.length > 0 && termConcepts.some((k) => concepts.hasTerm(k, s.reading.text)))) &&
        !DEFINITION.test(s.reading.text) &&
        (inDetected(s) || !inDefinitions(s)),
    );
    if (!candidates.length) continue;
    // The clause as a whole, for conditions read across its sentences ("delete ..." then "certify the deletion").
    const whole = detected ? sentences.filter((s) => inDetected(s) && !DEFINITION.test(s.reading.text)) : [];
    const wholeText = whole.map((s) => s.reading.text).join(' ');
    let found: PositionFound | undefined;
    for (const p of c.positions) {
      for (const w of p.when) {
        if (w.clause) {
          if (whole.length && meetsText(w, wholeText, has)) {
            // Point at the sentence that carries the clause's first condition.
            const at = whole.find((s) => w.all[0].some((item) => has(item, s.reading.text) > 0)) ?? whole[0];
            found = { clause: c.clause.id, position: p.position, start: at.start, end: at.end };
          }
        } else {
          const s = candidates.find((x) => meets(w, x.reading, has, roles) >= needOf(x));
          if (s) found = { clause: c.clause.id, position: p.position, start: s.start, end: s.end };
        }
        if (found) break;
      }
      if (found) break;
    }
    if (found) out.push(found);
  }
  return out;
}

/** 0 when the sentence does not meet the condition; 1 when it does; 2 when it does through the draft's own terms. */
function meets(w: CompiledCondition, s: SentenceReading, has: (item: Item, text: string) => number, roles: RoleResolver): number {
  if (w.modality && !w.modality.has(s.modality)) return 0;
  if (w.verb.length) {
    const head = s.text.slice(s.modalAt, s.modalAt + 60);
    if (!w.verb.some((item) => has(item, head))) return 0;
  }
  let result = 1;
  for (const group of w.all) {
    let best = 0;
    for (const item of group) {
      best = Math.max(best, has(item, s.text));
      if (best === 2) break;
    }
    if (best === 0) return 0;
    if (best === 2) result = 2;
  }
  for (const item of w.none) if (has(item, s.text)) return 0;
  if (w.object.length) {
    const object = objectOf(s);
    let best = 0;
    for (const item of w.object) best = Math.max(best, has(item, object), has(item, s.subject));
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
 * The object of a sentence's verb: the words after it up to the first comma, semicolon, "including" or a second verb
 * ("owns each Customer Model, including the weights ..." is about the Customer Model, not the data it was tuned on).
 */
function objectOf(s: SentenceReading): string {
  const predicate = s.text
    .slice(s.modalAt)
    .replace(/\ball (?:right|rights),? title,? and interest (?:in and to|in|to)\b/i, 'rights in');
  const stop = /[,;]|\s(?:including|that|which|who|and (?:grants?|may|shall|will|must)|but)\s/.exec(predicate);
  return stop ? predicate.slice(0, stop.index) : predicate.slice(0, 120);
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
