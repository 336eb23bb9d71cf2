/**
 * Parties and their roles, read the way a lawyer reads a draft: from the preamble's defined short names, the front
 * matter (`licensor:`, `licensee:`), role words (Provider, Supplier, Customer, Buyer ...), "we"/"you" terms, and,
 * when a party's name says nothing about its role ("Larkspur", "Kestrel"), from what it does in the draft: the
 * party that provides, hosts, licenses or trains is the licensor; the one that pays, subscribes or uploads is the
 * licensee.
 */
import type { ContractModel, Party } from '../types.js';
import type { SentenceReading } from './sentences.js';
import { escapeRegExp as escape } from '../phrases.js';

export type Role = 'licensor' | 'licensee' | 'other';

export interface ReadParty {
  /** The name as the draft introduces it ("Larkspur Systems Ltd"), or "you"/"we". */
  name: string;
  /** The short name the body uses ("Larkspur", "Buyer", "you"). */
  shortName: string;
  role: Role;
  /** How the role was decided, for the hover and the report. */
  roleFrom: 'front-matter' | 'role word' | 'behaviour' | 'we/you' | 'only other party' | 'unknown';
  start: number;
  end: number;
}

const LICENSOR_WORD = /^(?:licensor|provider|service provider|vendor|supplier|seller|contractor|company|developer|we)$/i;
const LICENSEE_WORD = /^(?:licensee|customer|client|buyer|purchaser|subscriber|recipient|member|deployer|user|you)$/i;
/** Words that name a role in the body even where no preamble defines them. */
export const ROLE_WORDS: Record<string, 'licensor' | 'licensee'> = {
  licensor: 'licensor',
  provider: 'licensor',
  vendor: 'licensor',
  supplier: 'licensor',
  licensee: 'licensee',
  customer: 'licensee',
  client: 'licensee',
  buyer: 'licensee',
  purchaser: 'licensee',
  subscriber: 'licensee',
  member: 'licensee',
};

const LICENSOR_ACTS = /\b(?:provides?|provided|makes? available|make (?:the |its )?\w+(?: \w+)? available|hosts?|operates?|licen[cs]es?|grants?|delivers?|supports?|maintains?|trains?|develops?|offers?|supplies|supply)\b/i;
const LICENSEE_ACTS = /\b(?:pays?|paid|subscribes?|purchases?|orders?|uploads?|submits?|accesses|access the|uses the (?:service|services|platform|model|software|api)|receives? the services?)\b/i;

/** Reads the parties of a draft from its model and its operative sentences (absolute offsets not needed). */
export function readParties(model: ContractModel, sentences: readonly SentenceReading[], pronouns: { you: number; we: number }, preambleEnd = 3000): ReadParty[] {
  const out: ReadParty[] = [];
  const add = (p: ReadParty) => {
    if (!out.some((q) => q.shortName.toLowerCase() === p.shortName.toLowerCase())) out.push(p);
  };
  for (const p of model.parties) {
    const fromFront = p.start === 0 && p.end === 0 && p.role !== undefined;
    const role: Role = p.role ?? roleOfWord(p.shortName) ?? 'other';
    add({ name: cleanName(p.name), shortName: p.shortName, role, roleFrom: fromFront ? 'front-matter' : role !== 'other' ? 'role word' : 'unknown', start: p.start, end: p.end });
  }
  // Short names defined in the preamble ("Larkspur Systems Limited, a company registered in England ("Larkspur")"): a
  // parenthetical definition of one to three capitalised words near the start that the body uses as a subject.
  for (const d of model.definitions) {
    if (d.style !== 'parenthetical' || d.start > preambleEnd || out.length >= 4) continue;
    // "Northgate Community Health NHS Trust ("the Trust")": the article is part of the short name the body uses.
    const bare = d.term.replace(/^the\s+/, '');
    if (!/^[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,2}$/.test(bare) || NOT_A_NAME.test(bare) || NOT_A_PARTY.test(bare)) continue;
    const asSubject = sentences.filter((s) => s.subject.includes(d.term)).length;
    const mentions = sentences.filter((s) => s.text.includes(d.term)).length;
    if (asSubject < 1 && mentions < 2 && !roleOfWord(d.term)) continue;
    add({ name: d.term, shortName: d.term, role: roleOfWord(d.term) ?? 'other', roleFrom: roleOfWord(d.term) ? 'role word' : 'unknown', start: d.start, end: d.end });
  }
  // Parties whose names say nothing: decide by what each does where it is the subject of an operative sentence.
  const unknown = out.filter((p) => p.role === 'other');
  if (unknown.length) {
    for (const p of unknown) {
      const name = new RegExp(`(?<![\\w])${escape(p.shortName)}(?![\\w])`);
      let licensor = 0;
      let licensee = 0;
      for (const s of sentences) {
        if (!name.test(s.subject)) {
          // "fees payable by Buyer", "Kestrel grants Buyer": the party as the object of a grant or a payment.
          if (name.test(s.text) && /\b(?:payable by|paid by|fees? (?:due|owed) by)\b/i.test(s.text) && new RegExp(`by ${escape(p.shortName)}`).test(s.text)) licensee += 2;
          continue;
        }
        const predicate = s.text.slice(s.modalAt, s.modalAt + 80);
        if (LICENSOR_ACTS.test(predicate)) licensor++;
        if (LICENSEE_ACTS.test(predicate)) licensee++;
      }
      if (licensor > licensee) {
        p.role = 'licensor';
        p.roleFrom = 'behaviour';
      } else if (licensee > licensor) {
        p.role = 'licensee';
        p.roleFrom = 'behaviour';
      }
    }
    // Two parties, one role known: the other takes the other role.
    if (out.length === 2) {
      const [a, b] = out;
      if (a.role === 'other' && b.role !== 'other') Object.assign(a, { role: b.role === 'licensor' ? 'licensee' : 'licensor', roleFrom: 'only other party' });
      if (b.role === 'other' && a.role !== 'other') Object.assign(b, { role: a.role === 'licensor' ? 'licensee' : 'licensor', roleFrom: 'only other party' });
    }
  }
  // One party named and still unknown while the draft speaks of its counterpart by a role word ("the Guild" and its
  // "Members"): the named party is the other side of that role.
  const unresolved = out.filter((p) => p.role === 'other');
  if (unresolved.length === 1 && !out.some((p) => p.role === 'licensor')) {
    const counterpart = sentences.filter((s) => /\b(?:Members?|Customers?|Clients?|Licensees?|Buyers?|Subscribers?|[Yy]ou)\b/.test(s.subject)).length;
    if (counterpart >= 2) Object.assign(unresolved[0], { role: 'licensor', roleFrom: 'only other party' });
  }
  // "we"/"you" terms: the service's operator speaks as "we", its user is "you".
  if (pronouns.you >= 3 && !out.some((p) => p.role === 'licensee')) add({ name: 'you', shortName: 'you', role: 'licensee', roleFrom: 'we/you', start: 0, end: 0 });
  if (pronouns.we >= 3 && !out.some((p) => p.role === 'licensor')) add({ name: 'we', shortName: 'we', role: 'licensor', roleFrom: 'we/you', start: 0, end: 0 });
  return out;
}

/** "This agreement is made between Larkspur Systems Ltd" names "Larkspur Systems Ltd". */
function cleanName(name: string): string {
  return name.replace(/^.*\b(?:between|and|with|by)\s+(?=[A-Z])/, '').trim() || name;
}

/** A name followed by a capitalised word or a data noun is part of a longer term ("Customer Data"). */
const TERM_CONTINUES = /^[ \u00a0]+(?:[A-Z][a-z]|(?:data|content|materials?|information|inputs?|prompts|submissions|files|documents|records|code)\b)/;

/** Short names that name a thing, not a party ("Agreement", "Effective Date", "Service"). */
const NOT_A_PARTY = /\b(?:Agreement|Terms|Date|Service|Services|Platform|Software|Product|Model|Models|Engine|System|Tool|API|Assistant|Data|Content|Fees|Order|Policy|Addendum|Schedule|Term|Documentation)\b/;

/** Capitalised words that start sentences, never a party's name. */
const NOT_A_NAME = /^(?:This|That|These|Those|The|Each|Either|Neither|Both|Between|Agreement|Terms|Company|Party|Parties)$/;

function roleOfWord(word: string): 'licensor' | 'licensee' | undefined {
  if (LICENSOR_WORD.test(word)) return 'licensor';
  if (LICENSEE_WORD.test(word)) return 'licensee';
  return undefined;
}

/**
 * Which role a subject phrase names: a party's short name, full name or first word of its name, a role word, or
 * we/you; "each party", "either party", "neither party", "the parties" name both.
 */
export class RoleResolver {
  private readonly names: { name: string; re: RegExp; role: Role | 'both' }[] = [];

  constructor(parties: readonly ReadParty[]) {
    const seen = new Set<string>();
    const push = (name: string, role: Role | 'both', caseSensitive: boolean) => {
      const key = name.toLowerCase();
      if (!name || seen.has(key)) return;
      seen.add(key);
      this.names.push({ name, re: new RegExp(`(?<![\\w])${escape(name)}(?:['’]s)?(?![\\w])`, caseSensitive ? '' : 'i'), role });
    };
    push('each party', 'both', false);
    push('either party', 'both', false);
    push('neither party', 'both', false);
    push('both parties', 'both', false);
    push('the parties', 'both', false);
    for (const p of parties) {
      if (p.shortName === 'you') {
        for (const w of ['you', 'your']) push(w, p.role, false);
        continue;
      }
      if (p.shortName === 'we') {
        for (const w of ['we', 'us', 'our']) push(w, p.role, false);
        continue;
      }
      push(p.shortName, p.role, true);
      if (p.name !== p.shortName) push(p.name, p.role, true);
      const first = /^[A-Z][A-Za-z]{3,}/.exec(p.name)?.[0];
      if (first && !ROLE_WORDS[first.toLowerCase()] && !NOT_A_NAME.test(first)) push(first, p.role, true);
    }
    // "the licensor grants you ...": open licences name the roles in lower case; these two words name nothing else.
    push('the licensor', 'licensor', false);
    push('the licensee', 'licensee', false);
    // Role words the draft uses without defining them still name a role.
    for (const [word, role] of Object.entries(ROLE_WORDS)) {
      if (!parties.some((p) => p.role === role && p.shortName.toLowerCase() !== word && p.roleFrom === 'role word')) push(word[0].toUpperCase() + word.slice(1), role, true);
    }
  }

  /** Identifies the names and roles: what is read with one resolver holds for another with the same key. */
  get key(): string {
    return this.names.map((n) => `${n.name}=${n.role}`).join('\u0000');
  }

  /** The role named first in `phrase`, if any. */
  roleIn(phrase: string): Role | 'both' | undefined {
    let best: { at: number; role: Role | 'both' } | undefined;
    for (const n of this.names) {
      const at = this.mention(n.re, phrase);
      if (at >= 0 && (!best || at < best.at)) best = { at, role: n.role };
    }
    return best?.role;
  }

  /**
   * Where `re` names a party in `phrase`: not where the name only starts a longer term ("Customer Data", "Kestrel
   * Materials", "Client Material" name data, not a party), unless it is possessive ("Customer's").
   */
  private mention(re: RegExp, phrase: string): number {
    let from = 0;
    while (from < phrase.length) {
      const m = re.exec(phrase.slice(from));
      if (!m) return -1;
      const at = from + m.index;
      const after = phrase.slice(at + m[0].length, at + m[0].length + 40);
      const possessive = /['’]s?$/.test(m[0]);
      if (possessive || !TERM_CONTINUES.test(after)) return at;
      from = at + m[0].length;
    }
    return -1;
  }

  /** Every alias of a role, for building per-document patterns ("{licensee} data"). */
  aliasesOf(role: 'licensor' | 'licensee'): string[] {
    return this.names.filter((n) => n.role === role).map((n) => n.name);
  }
}


/** The short name a draft uses for a role in inserted text, if it has its own. */
export function shortNameFor(parties: readonly ReadParty[], role: 'licensor' | 'licensee'): string | undefined {
  const p = parties.find((q) => q.role === role);
  return p?.shortName;
}

export type { Party };
