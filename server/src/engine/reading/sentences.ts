/**
 * What each operative sentence of a chunk does: its modality (a duty, a permission, a prohibition, or a statement
 * of ownership), the subject phrase that names its actor (or the agent of a passive: "by the Supplier"), and the
 * exceptions and conditions attached to it ("except", "unless", "only if", "solely", "provided that" ...).
 *
 * Read from the chunk's prose mask (markup blanked, offsets unchanged) with a few fixed, linear patterns; nothing
 * here depends on the rest of the document, so a chunk's reading is cached with its text. Who the actor is (which
 * party, which role) and which concepts the sentence names are resolved per document (see `document.ts`), because
 * they depend on the parties and the defined terms.
 *
 * Why hand-written and not `compromise` or `wink-nlp`: those give general English sentence boundaries, negation and
 * verb phrases, but not contract modality ("in no event", "under no circumstances", "is entitled to", "no ... may",
 * "agrees not to"), and sentence boundaries here must agree with the rest of the engine (the same abbreviation and
 * number rules as `sentenceBounds`). Measured on a 100 KB draft: this reader takes a few milliseconds for the whole
 * draft and adds no dependency; compromise alone is a ~350 KB bundle and an order of magnitude slower.
 */
import { registerPattern } from '../phrases.js';
import { isAbbreviation, isSpace } from '../sentences.js';

export type Modality = 'duty' | 'permission' | 'prohibition' | 'statement';

export interface SentenceReading {
  /** Chunk-relative span of the sentence in the mask. */
  start: number;
  end: number;
  modality: Modality;
  /** The sentence as written (white space collapsed), for the document-level reading. */
  text: string;
  /** Where, in `text`, the modal expression starts (the subject is before it, the predicate after). */
  modalAt: number;
  /** The subject phrase before the modal expression (after a leading "If ...," or "Except ...," clause). */
  subject: string;
  /** The agent of a passive ("... may be used by the Supplier"), when named. */
  agent?: string;
  /** A statement in the past tense ("The models were trained on ..."): it reports, it allocates nothing. */
  past?: true;
  /**
   * The next sentence of the same paragraph qualifies this one ("However, the data must be aggregated first.",
   * "This indemnity does not cover Output."): its conditions and exclusions count for this sentence.
   */
  qualifiedByNext?: true;
  /**
   * The sentence allocates ownership ("X owns", "X retains all right, title and interest in", "assigns to X",
   * "belongs to X", "vests in X", "is the property of X", "remains X's property", "is owned by X"). The owner is the
   * actor: the subject, or the party named after "to", "in", "of" or "by", which is then the `agent`. What is owned is
   * the object of the verb, or the subject when the owner comes after the verb.
   */
  owns?: true;
}

/**
 * The exceptions and conditions of a sentence, lower-cased, each from its keyword to the end of its clause. Read on
 * demand (positions name the conditions they care about as phrases), so a long draft does not keep them all.
 */
export function conditionsOf(s: SentenceReading): string[] {
  const text = s.text;
  const lower = text.toLowerCase();
  const conditions: string[] = [];
  CONDITION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONDITION.exec(text))) {
    const from = m.index;
    let to = text.length;
    for (const stop of [', ', '; ']) {
      const at = text.indexOf(stop, from + m[0].length + 8);
      if (at > 0 && at < to) to = at;
    }
    conditions.push(lower.slice(from, Math.min(to, from + 240)));
  }
  return conditions;
}

/**
 * Modal expressions, most specific first. Each alternative is a plain word sequence (no nested quantifiers), so the
 * pattern runs in linear time.
 */
const PROHIBITION =
  "(?:shall|will|must|may|can|should)[ \\u00a0]+(?:not|never)|(?:shall|will|must|may|ca|should|do|does|did)n['’]t|won['’]t|cannot|in[ \\u00a0]+no[ \\u00a0]+event|under[ \\u00a0]+no[ \\u00a0]+circumstances?|(?:is|are)[ \\u00a0]+(?:strictly[ \\u00a0]+)?(?:prohibited|forbidden|not[ \\u00a0]+permitted|not[ \\u00a0]+allowed)|agrees?[ \\u00a0]+not[ \\u00a0]+to|undertakes?[ \\u00a0]+not[ \\u00a0]+to|(?:does|do)[ \\u00a0]+not|never|refrains?[ \\u00a0]+from";
const PERMISSION =
  '(?:is|are)[ \\u00a0]+(?:entitled|permitted|allowed|free|authori[sz]ed)[ \\u00a0]+to|(?:has|have)[ \\u00a0]+the[ \\u00a0]+right[ \\u00a0]+to|reserves?[ \\u00a0]+the[ \\u00a0]+right[ \\u00a0]+to|may|can';
const DUTY =
  'shall|will|must|agrees?[ \\u00a0]+to|undertakes?[ \\u00a0]+to|(?:is|are)[ \\u00a0]+(?:required|obliged|obligated|responsible)[ \\u00a0]+(?:to|for)|covenants?[ \\u00a0]+to|commits?[ \\u00a0]+to';
const STATEMENT =
  '(?:owns?|retains?|keeps?|holds?)[ \\u00a0]+(?:all|any|each|every|the|sole|exclusive|full|its|their|your|our|title|ownership)|(?:vests?|vested)[ \\u00a0]+in|belongs?[ \\u00a0]+to|(?:is|are|remains?|becomes?)[ \\u00a0]+(?:the[ \\u00a0]+)?(?:sole[ \\u00a0]+(?:and[ \\u00a0]+exclusive[ \\u00a0]+)?|exclusive[ \\u00a0]+)?(?:property|owners?)[ \\u00a0]+of|(?:is|are)[ \\u00a0]+owned[ \\u00a0]+by|(?:hereby[ \\u00a0]+)?(?:assigns?|grants?|transfers?)|(?:is|are)[ \\u00a0]+(?:governed|construed)|appl(?:y|ies)[ \\u00a0]+to[ \\u00a0]+this|(?:disclaims?|excludes?)';

const MODAL = registerPattern(
  new RegExp(`(?<![A-Za-z0-9\\u00C0-\\u024F'’-])(?:(${PROHIBITION})|(${PERMISSION})|(${DUTY})|(${STATEMENT}))(?![A-Za-z0-9\\u00C0-\\u024F])`, 'gi'),
);
/** "No Customer Data may ...", "Neither party shall ...": a negative subject turns the modal into a prohibition. */
const NEGATIVE_SUBJECT = registerPattern(/(?:^|[ \u00a0(])(?:no|neither|nor|none[ \u00a0]+of)[ \u00a0]/i);
/** "shall not be liable", "may not ... unless": the negated modal already is a prohibition; "not only" is not. */
const CONDITION = registerPattern(
  /(?<![A-Za-z])(except|unless|other[ \u00a0]+than|save[ \u00a0]+(?:as|for|where|that)|provided[ \u00a0]+that|provided,[ \u00a0]+however|only[ \u00a0]+(?:if|where|when|after|with|to[ \u00a0]+the[ \u00a0]+extent|in|for|on)|solely|exclusively|to[ \u00a0]+the[ \u00a0]+extent|subject[ \u00a0]+to|notwithstanding|without[ \u00a0]+(?:the[ \u00a0]+)?(?:prior[ \u00a0]+)?(?:written[ \u00a0]+)?(?:consent|approval|permission)|with[ \u00a0]+(?:the[ \u00a0]+)?(?:prior[ \u00a0]+)?(?:express[ \u00a0]+)?(?:written[ \u00a0]+)?(?:consent|approval|permission|authori[sz]ation)|if|where|unless)(?![A-Za-z])/gi,
);
const PASSIVE_AGENT = registerPattern(/(?<![A-Za-z])by[ \u00a0]+((?:the[ \u00a0]+)?[A-Z][\w&'’-]{0,40}(?:[ \u00a0]+[A-Z][\w&'’-]{0,40}){0,3}|you|us|them)(?![A-Za-z])/g);
const PASSIVE_VERB = registerPattern(/(?<![A-Za-z])(?:be|been|being|is|are|was|were)[ \u00a0]+(?:\w+ly[ \u00a0]+)?\w+(?:ed|en|wn|ld|lt|nt|id|ne|de)(?![A-Za-z])/i);

/** A party's name after a preposition: "the Trust", "Kestrel Analytics", "you", "us". */
const OWNER_NAME = "(?:the[ \\u00a0]+)?[A-Z][\\w&'’-]{0,40}(?:[ \\u00a0]+[A-Z][\\w&'’-]{0,40}){0,3}|you|us|them";
/** The same, before a possessive "'s" (no apostrophes inside, so the pattern stays unambiguous). */
const POSSESSOR_NAME = '(?:the[ \\u00a0]+)?[A-Z][\\w&-]{0,40}(?:[ \\u00a0]+[A-Z][\\w&-]{0,40}){0,3}';
const BE = '(?:(?:shall|will|must|does|do|may)[ \\u00a0]+(?:not[ \\u00a0]+)?(?:continue[ \\u00a0]+to[ \\u00a0]+)?)?(?:is|are|be|remains?|becomes?|stays?)[ \\u00a0]+(?:at[ \\u00a0]+all[ \\u00a0]+times[ \\u00a0]+)?';
const SOLE = '(?:the[ \\u00a0]+)?(?:sole[ \\u00a0]+(?:and[ \\u00a0]+exclusive[ \\u00a0]+)?|exclusive[ \\u00a0]+)?';
/**
 * Ownership allocated to a party named after the verb: "assigns to X", "belongs to X", "vests in X", "is the property
 * of X", "is X's property", "is owned by X".
 */
const OWNED_BY = registerPattern(
  new RegExp(
    `^(?:(?:shall|will|must|does|do)[ \\u00a0]+(?:not[ \\u00a0]+)?)?(?:(?:hereby[ \\u00a0]+)?(?:irrevocably[ \\u00a0]+)?(?:assigns?|transfers?|conveys?)[ \\u00a0]+to|(?:belongs?|belonged)[ \\u00a0]+(?:solely[ \\u00a0]+|exclusively[ \\u00a0]+)?to|(?:vests?|vested)[ \\u00a0]+(?:solely[ \\u00a0]+|exclusively[ \\u00a0]+)?in|${BE}${SOLE}property[ \\u00a0]+of|${BE}(?:owned|held)[ \\u00a0]+(?:solely[ \\u00a0]+|exclusively[ \\u00a0]+)?by)[ \\u00a0]+(${OWNER_NAME})(?![\\w])|^${BE}(${POSSESSOR_NAME})['’]s?[ \\u00a0]+${SOLE}property\\b`,
  ),
);
/** Ownership kept or taken by the subject: "owns", "retains all right, title and interest in", "keeps ownership of". */
const OWNS = registerPattern(
  /^(?:(?:shall|will|must|does|do|may)[ \u00a0]+(?:not[ \u00a0]+)?(?:continue[ \u00a0]+to[ \u00a0]+)?)?(?:owns?|(?:retains?|keeps?|holds?|has|have|acquires?|obtains?|takes?)[ \u00a0]+(?:all[ \u00a0]+|sole[ \u00a0]+|full[ \u00a0]+|exclusive[ \u00a0]+|any[ \u00a0]+|no[ \u00a0]+)?(?:ownership|title|right,?[ \u00a0]+title|rights?[ \u00a0]+of[ \u00a0]+ownership|intellectual[ \u00a0]+property[ \u00a0]+rights)|(?:is|are|remains?|becomes?|be|remain|become)[ \u00a0]+(?:the[ \u00a0]+)?(?:sole[ \u00a0]+(?:and[ \u00a0]+exclusive[ \u00a0]+)?|exclusive[ \u00a0]+)?owners?[ \u00a0]+of)(?![A-Za-z])/i,
);

/** The first verb of a sentence with no modal: "is", "are", "remains", "becomes", "has", a present-tense verb in -s. */
const STATEMENT_VERB = registerPattern(
  /\s(?:is|are|was|were|remains?|becomes?|has|have|forms?|contains?|applies|apply|incorporates?|provides?|offers?|operates?|pays?|uses?|grants?|licen[cs]es?|receives?|bears?|acknowledges?|accepts?|understands?|warrants?|represents?|claims?|takes?)\s/,
);

/** A sentence that qualifies the one before it: a proviso, a carve-out, or a rule about "this" right or duty. */
const QUALIFIES_PREVIOUS = registerPattern(
  /^(?:however|but|provided|notwithstanding|except|unless|save|this|these|such|the[ \u00a0]+foregoing|the[ \u00a0]+above|any[ \u00a0]+such|in[ \u00a0]+(?:that|this|each|either)[ \u00a0]+case|nothing[ \u00a0]+in[ \u00a0]+this|the[ \u00a0]+(?:indemnity|obligations?|licen[cs]e|right|restrictions?|limit|limitation|exclusion|cap|commitment|warranty)\b)/i,
);

/** Sentences longer than this are cut (a run-on list of obligations is read by its first part). */
const MAX_SENTENCE = 1200;

/** The operative sentences of a chunk's prose mask, in order. */
export function readSentences(mask: string): SentenceReading[] {
  const out: SentenceReading[] = [];
  let start = skipSpace(mask, 0);
  for (let i = start; i <= mask.length; i++) {
    const c = i < mask.length ? mask.charCodeAt(i) : 10;
    const atEnd = i >= mask.length;
    let boundary = false;
    const next = i + 1;
    if (atEnd) boundary = true;
    else if ((c === 46 || c === 33 || c === 63 || c === 59) && isSpace(mask.charCodeAt(i + 1)) && !isAbbreviation(mask, i)) boundary = true;
    else if (c === 10 && (mask.charCodeAt(i + 1) === 10 || (mask.charCodeAt(i + 1) === 13 && mask.charCodeAt(i + 2) === 10))) boundary = true;
    else if (c === 10 && startsListItem(mask, i + 1)) boundary = true;
    else if (i - start > MAX_SENTENCE && c === 44 /* , */) boundary = true;
    if (!boundary) continue;
    const end = atEnd ? mask.length : c === 10 ? i : i + 1;
    if (end > start) {
      const reading = readSentence(mask, start, end);
      if (reading) {
        const previous = out[out.length - 1];
        if (previous && QUALIFIES_PREVIOUS.test(reading.text) && !/\n[ \t]*\n/.test(mask.slice(previous.end, start))) previous.qualifiedByNext = true;
        out.push(reading);
      }
    }
    if (atEnd) break;
    start = skipSpace(mask, atEnd ? mask.length : next);
    i = start - 1;
  }
  return out;
}

function readSentence(mask: string, start: number, end: number): SentenceReading | undefined {
  const raw = mask.slice(start, end);
  if (!/[A-Za-z]/.test(raw)) return undefined;
  // A clause number or list marker ("1.1", "(a)", "-") is not part of what the sentence says.
  const text = raw.replace(/\s+/g, ' ').trim().replace(/^(?:\d{1,3}(?:\.\d{1,3}){0,4}\.?|\(?[a-z0-9]{1,4}\)|[-*+])\s+/i, '');
  if (text.length < 12) return undefined;
  MODAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  let modality: Modality | undefined;
  let modalAt = -1;
  let past = false;
  while ((m = MODAL.exec(text))) {
    // "may" as a month, "will" as a noun in "at will", "can" after "as far as we" are rare in contracts; a modal
    // inside a leading condition ("If Customer does not pay, ...") is skipped: the main clause follows the comma.
    const before = text.slice(0, m.index);
    if (/^(?:if|where|when|unless|except|to the extent|in the event|provided|subject to|notwithstanding)\b[^,]*$/i.test(before) && text.indexOf(',', m.index) > 0) continue;
    modality = m[1] ? 'prohibition' : m[2] ? 'permission' : m[3] ? 'duty' : 'statement';
    modalAt = m.index;
    break;
  }
  if (!modality) {
    // A plain statement ("Provider's total liability is limited to ...", "Output is provided as is", "Kestrel
    // Materials belong to Kestrel"): its subject is what comes before its first verb.
    const verb = STATEMENT_VERB.exec(text);
    if (!verb) return undefined;
    modality = 'statement';
    modalAt = verb.index + 1;
    // "The models were trained on public code": a report of what happened allocates no right or duty.
    if (/^(?:was|were)\s/.test(verb[0].trimStart())) past = true;
  }
  let subject = text.slice(0, modalAt);
  // "In no event will Provider be liable", "Under no circumstances may Buyer Content be used": the subject follows.
  if (modality === 'prohibition' && /^(?:in no event|under no circumstances?|never)$/i.test(m![0].replace(/\s+/g, ' '))) {
    subject = text.slice(modalAt + m![0].length, modalAt + m![0].length + 80).replace(/^\s*(?:shall|will|may|must|can|is|are|does|do)\s+/i, '');
    const stop = /\s(?:be|have|use|make|disclose|train|grant|own|exceed|bear|owe)\b/i.exec(subject);
    if (stop) subject = subject.slice(0, stop.index);
  }
  // A leading "If ..., " or "Except as ..., " clause is not the subject.
  const comma = subject.lastIndexOf(', ');
  if (comma >= 0 && /^(?:if|where|when|unless|except|save|to the extent|in the event|provided|subject to|notwithstanding|as between|without|upon|on|after|before|during|for|in)\b/i.test(subject)) {
    subject = subject.slice(comma + 2);
  }
  // "Each element is provided as is, and the licensor will not be liable": the clause the modal belongs to.
  const joined = /,[ \u00a0]+(?:and|but|or|while|whereas)[ \u00a0]+(?=[^,]*$)/i.exec(subject);
  if (joined) subject = subject.slice(joined.index + joined[0].length);
  // "You agree that GitHub owns ...": the subject of what is agreed, not the party agreeing (but "Supplier warrants
  // that ..." is a warranty by the Supplier).
  const agreed = /\b(?:agrees?|acknowledges?|accepts?|understands?|confirms?|recognises?|recognizes?)(?:[ \u00a0]+and[ \u00a0]+\w+)?[ \u00a0]+that[ \u00a0]+/i.exec(subject);
  if (agreed) subject = subject.slice(agreed.index + agreed[0].length);
  // "For pre-release software: you retain ...": a lead-in ending in a colon (a list's heading) is not the subject.
  const colon = subject.lastIndexOf(': ');
  if (colon >= 0) subject = subject.slice(colon + 2).replace(/^[-*+]\s+/, '');
  subject = subject.trim();
  if (modality !== 'prohibition' && NEGATIVE_SUBJECT.test(' ' + subject)) modality = 'prohibition';
  const predicate = text.slice(modalAt);
  let agent: string | undefined;
  const owned = OWNED_BY.exec(predicate.slice(0, 120));
  const owns = !!owned || OWNS.test(predicate.slice(0, 120));
  if (owned) {
    agent = (owned[1] ?? owned[2]).replace(/^the[ \u00a0]+/i, '');
  } else if (PASSIVE_VERB.test(predicate.slice(0, 80))) {
    PASSIVE_AGENT.lastIndex = 0;
    const a = PASSIVE_AGENT.exec(predicate);
    if (a) agent = a[1].replace(/^the[ \u00a0]+/i, '');
  }
  const reading: SentenceReading = { start, end, modality, text, modalAt, subject, agent };
  if (past) reading.past = true;
  if (owns) reading.owns = true;
  return reading;
}

function skipSpace(mask: string, i: number): number {
  while (i < mask.length && isSpace(mask.charCodeAt(i))) i++;
  return i;
}

/** A new list item ("- ", "* ", "1. ", "(a) ") starts a new sentence. */
function startsListItem(mask: string, i: number): boolean {
  while (i < mask.length && (mask.charCodeAt(i) === 32 || mask.charCodeAt(i) === 9)) i++;
  const c = mask.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && mask.charCodeAt(i + 1) === 32) return true;
  return /^(?:\d{1,3}[.)]|\([a-z0-9]{1,4}\))[ \t]/.test(mask.slice(i, i + 7));
}
