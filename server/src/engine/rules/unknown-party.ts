/**
 * A role word used as a party that the agreement does not have: "the Vendor shall ..." in a draft between Larkspur
 * and Kestrel, "the Licensee's systems" in a Provider/Customer draft. Usually a clause pasted from another template;
 * the duty binds nobody. Judged conservatively, only where a careful lawyer would defend the flag:
 * - the draft names its parties itself (front matter, or short names defined in the preamble), one licensor and one
 *   licensee, and does not take its terms from another document (a Cover Page, an Order Form, a main agreement);
 * - the word is capitalised, follows "the", and acts as a party: the subject of an operative sentence, the agent of
 *   a passive ("by the Vendor"), or a possessive ("the Vendor's");
 * - the word is not one of the parties' names, not defined (nor the head of a defined term: "Model Provider"), not
 *   the start of a longer name ("the Vendor Management Policy"), not described ("the Provider of the model"), and
 *   not inside quotation marks, a definition or the definitions section.
 * The candidates ("the X" in a chunk) are found once per chunk; the rest is settled per analysis.
 */
import type { ReadParty } from '../reading/parties.js';
import { ROLE_WORDS } from '../reading/parties.js';
import type { PlacedSentence } from '../reading/positions.js';
import type { Fix } from '../types.js';
import type { RawFinding, Rule, RuleChunk } from './types.js';
import { registerPattern } from '../phrases.js';
import { byIdentity } from '../incremental/derived.js';
import { lastAtOrBefore } from '../search.js';

/** The role words checked: "Member" and "User" name people as often as parties, "Company" either side. */
const WORDS = Object.keys(ROLE_WORDS)
  .filter((w) => w !== 'member')
  .map((w) => w[0].toUpperCase() + w.slice(1));

const CANDIDATE = registerPattern(new RegExp(`(?<![\\p{L}\\p{N}])[Tt]he[ \\u00a0]+(${WORDS.join('|')})(['’]s)?(?![\\p{L}\\p{N}_-])`, 'gu'));
/** What follows a role word that makes it part of a name, a description or a plural. */
const CONTINUES = registerPattern(/^(?:[ \u00a0]{1,3}\p{Lu}|[ \u00a0]{1,3}(?:of|for|that|who|whom|which|whose|named|identified|listed|described|referred|mentioned)(?![\p{L}])|[.’']?[A-Za-z])/u);
/** "Capitalised terms not defined here have the meanings given in the Master Agreement": terms live elsewhere. */
const TERMS_ELSEWHERE = registerPattern(/(?:meanings?|defined)[ \u00a0]+(?:given|set[ \u00a0]+out|ascribed|assigned|as[ \u00a0]+defined|in)[ \u00a0]+(?:to[ \u00a0]+(?:them|it|such[ \u00a0]+terms?)[ \u00a0]+)?(?:in|under|by)[ \u00a0]+(?:the|that|our|your)[ \u00a0]/i);
const OPERATIVE_STATEMENT = registerPattern(/^(?:owns?|retains?|keeps?|holds?|grants?|assigns?|transfers?|warrants?|represents?|acknowledges?|agrees?|disclaims?|excludes?|indemnif(?:y|ies)|reserves?)(?![\p{L}])/u);
const MODAL_NEXT = registerPattern(/^[ \u00a0]+(?:shall|will|must|may|can|should|cannot)(?![\p{L}])/u);

interface Candidate {
  /** Chunk-relative span of "the X" (with "'s" when possessive). */
  start: number;
  end: number;
  word: string;
  possessive: boolean;
  /** Preceded by "by" (the agent of a passive). */
  agent: boolean;
}

/**
 * The chunk's "the X" uses of role words that are not part of a longer name, and whether the chunk says its terms
 * are defined in another document: kept per chunk.
 */
const candidatesOf = byIdentity((chunk: RuleChunk): { candidates: Candidate[]; termsElsewhere: boolean } => {
  const out: Candidate[] = [];
  const mask = chunk.mask;
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(mask))) {
    const end = m.index + m[0].length;
    const possessive = m[2] !== undefined;
    if (!possessive && CONTINUES.test(mask.slice(end, end + 14))) continue;
    // Inside quotation marks on its line: a name being defined or quoted, not a party acting.
    const lineStart = mask.lastIndexOf('\n', m.index) + 1;
    const quotes = (mask.slice(lineStart, m.index).match(/["“”]/g) ?? []).length;
    if (quotes % 2 === 1 || /[“"]$/.test(mask.slice(Math.max(0, m.index - 1), m.index))) continue;
    const agent = /(?:^|[^\p{L}])by[ \u00a0]+$/u.test(mask.slice(Math.max(0, m.index - 4), m.index));
    out.push({ start: m.index, end, word: m[1], possessive, agent });
  }
  return { candidates: out, termsElsewhere: out.length > 0 || mask.includes('meaning') || mask.includes('defined') ? TERMS_ELSEWHERE.test(mask) : false };
});

/** The parties the draft names itself, when it names one licensor and one licensee and nothing else. */
function namedParties(input: { model: { parties: readonly { shortName: string }[]; sections: readonly { start: number }[]; definitions: readonly { term: string; start: number }[] } }, parties: readonly ReadParty[]): ReadParty[] | undefined {
  const { model } = input;
  // The preamble: before the first section (the title is a section too: the second one when the first is the title).
  const firstBody = model.sections.find((s) => s.start > 0 && s.start > (model.sections[0]?.start ?? 0))?.start ?? Infinity;
  const named = parties.filter((p) => {
    if (p.shortName === 'you' || p.shortName === 'we') return true;
    if (p.roleFrom === 'front-matter' || model.parties.some((q) => q.shortName === p.shortName)) return true;
    return p.start > 0 && p.start < firstBody && model.definitions.some((d) => d.term === p.shortName && d.start === p.start);
  });
  if (named.length !== parties.length) return undefined;
  const licensors = named.filter((p) => p.role === 'licensor');
  const licensees = named.filter((p) => p.role === 'licensee');
  if (licensors.length !== 1 || licensees.length !== 1 || named.length !== 2) return undefined;
  // "we" and "you" alone name no one: a terms-of-use page speaks of third-party providers too.
  if (named.every((p) => p.shortName === 'you' || p.shortName === 'we')) return undefined;
  return named;
}

function partiesText(parties: readonly ReadParty[]): string {
  return parties.map((p) => `${p.shortName} (${p.role})`).join(' and ');
}

export const rule: Rule = {
  id: 'unknown-party',
  scope: 'document',
  detect(input, out: RawFinding[]) {
    const reading = input.reading;
    if (!reading || input.externalDefinitions > 0) return;
    let any = false;
    for (const chunk of input.chunks) {
      const c = candidatesOf(chunk.capitalRuns, chunk);
      if (c.termsElsewhere) return;
      if (c.candidates.length) any = true;
    }
    if (!any) return;
    const parties = namedParties(input, reading.parties);
    if (!parties) return;
    const { model } = input;
    // Words that name a party or a defined term here (or are the head of one: "Third-Party Model Provider").
    const known = new Set<string>();
    for (const p of reading.parties) for (const w of `${p.name} ${p.shortName}`.split(/[\s,.]+/)) known.add(w.toLowerCase());
    for (const d of model.definitions) {
      known.add(d.term.toLowerCase());
      known.add(d.term.split(/[\s-]+/).pop()!.toLowerCase().replace(/s$/, ''));
    }
    for (const t of input.linkedTerms) {
      known.add(t.toLowerCase());
      known.add(t.split(/[\s-]+/).pop()!.toLowerCase().replace(/s$/, ''));
    }
    for (const n of input.partyNames) known.add(n.toLowerCase());
    const defs = model.definitionsSection !== undefined ? model.sections[model.definitionsSection] : undefined;
    const inDefinition = (at: number) => (defs !== undefined && at >= defs.start && at < defs.end) || model.definitions.some((d) => at >= d.sentenceStart && at < d.sentenceEnd);
    const sentences = reading.sentences;
    for (const chunk of input.chunks) {
      for (const c of candidatesOf(chunk.capitalRuns, chunk).candidates) {
        if (known.has(c.word.toLowerCase())) continue;
        const start = chunk.offset + c.start;
        const end = chunk.offset + c.end;
        if (inDefinition(start)) continue;
        const i = lastAtOrBefore(sentences, start, (s) => s.start);
        const s: PlacedSentence | undefined = i >= 0 && sentences[i].end > start ? sentences[i] : undefined;
        if (!s) continue;
        const r = s.reading;
        const operative = r.modality !== 'statement' || OPERATIVE_STATEMENT.test(r.text.slice(r.modalAt));
        const asSubject = operative && new RegExp(`(?:^|[\\s,(])[Tt]he ${c.word}$`).test(r.subject.trim()) && !c.possessive;
        const asAgent = c.agent && r.agent === c.word;
        if (!asSubject && !asAgent && !c.possessive) continue;
        const role = ROLE_WORDS[c.word.toLowerCase()];
        const party = parties.find((p) => p.role === role);
        out.push({
          rule: 'unknown-party',
          start,
          end,
          data: {
            word: c.word,
            parties: partiesText(parties),
            replacement: party?.shortName,
            use: c.possessive ? 'possessive' : asAgent ? 'agent' : 'subject',
            capital: chunk.mask[c.start] === 'T',
            modalNext: MODAL_NEXT.test(chunk.mask.slice(c.end, c.end + 12)),
          },
        });
      }
    }
  },
  message: (d) => `"${d.word}" is not a party to this agreement; the parties are ${d.parties}.`,
  fixes({ finding, data, excerpt }) {
    const name = typeof data.replacement === 'string' ? data.replacement : undefined;
    if (!name) return [];
    const newText = partyReference(name, data.use as string, data.capital === true, data.modalNext === true, excerpt.slice(-2));
    if (!newText) return [];
    const fix: Fix = { title: `Replace with "${newText}"`, kind: 'quickfix', edits: [{ start: finding.start, end: finding.end, newText }], preferred: true };
    return [fix];
  },
};

/**
 * What replaces "the Vendor" (or "the Vendor's") when it means the party called `name`: the name itself, or for
 * "you"/"we" the pronoun in its case ("you"/"your", "we"/"us"/"our"); a pronoun subject only before a modal verb,
 * whose form does not change ("we shall", not "we provides").
 */
export function partyReference(name: string, use: string, capital: boolean, modalNext: boolean, possessiveSuffix = "'s"): string | undefined {
  const cap = (s: string) => (capital ? s[0].toUpperCase() + s.slice(1) : s);
  if (name !== 'you' && name !== 'we') return use === 'possessive' ? `${name}${possessiveSuffix}` : name;
  const forms = name === 'you' ? { subject: 'you', object: 'you', possessive: 'your' } : { subject: 'we', object: 'us', possessive: 'our' };
  if (use === 'possessive') return cap(forms.possessive);
  if (use === 'agent') return forms.object;
  return modalNext ? cap(forms.subject) : undefined;
}
