/**
 * Quick fixes. Every fix is a list of non-overlapping edits that touch only their own spans; text outside them is
 * never rewritten. Clause and element insertions render the catalogue's model text with the draft's own party
 * names, obligation verb and numbering.
 */
import type { DocumentAnalysis, Finding, Fix, Section, TextEdit } from './types.js';
import type { ClauseEntry } from './catalogue-types.js';
import { contextOf, type AnalysisContext } from './analyzer.js';
import { frontMatterEnd } from './chunks.js';
import { innermostSection } from './clauses.js';
import { ruleFor } from './rules/registry.js';
import type { Concept } from './reading/index.js';
import { draftSpelling, toUsSpelling } from './spelling.js';

export interface FixOptions {
  /** The editor accepts snippet syntax in edits (tab stops). */
  snippets?: boolean;
  /** Offer "disable" comments (default true). */
  disableComments?: boolean;
}

export interface Rendered {
  plain: string;
  snippet: string;
}

/** Renders template syntax: {Licensor}, {Licensee}, {shall}, [[value]]. */
export interface TemplateVars {
  licensor: string;
  licensee: string;
  verb: string;
  /** The draft defines Business Day; otherwise inserted text counts calendar days, the draft's own convention. */
  businessDays?: boolean;
  /** The draft's spelling habit: inserted text follows it (the catalogue is British). */
  spelling?: 'us' | 'uk';
}

export function renderTemplate(template: string, ctx: TemplateVars, firstTabStop = 1): Rendered {
  if (ctx.spelling === 'us') template = toUsSpelling(template);
  if (ctx.businessDays === false) {
    template = template.replace(/\bBusiness Days\b/g, 'calendar days').replace(/\bBusiness Day\b/g, 'calendar day').replace(/\bbusiness days\b/g, 'calendar days');
  }
  template = inPartyTerms(template, ctx.licensee);
  if (isPronoun(ctx.licensor) || isPronoun(ctx.licensee)) template = inPersonalForm(template, ctx.licensor, ctx.licensee);
  let plain = '';
  let snippet = '';
  let stop = firstTabStop;
  const re = /\{(Licensor|Licensee|shall)\}|\[\[([^\]\n]{0,60})\]\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    const literal = template.slice(last, m.index);
    plain += literal;
    snippet += escapeSnippet(literal);
    const value = m[1] === 'Licensor' ? ctx.licensor : m[1] === 'Licensee' ? ctx.licensee : m[1] === 'shall' ? ctx.verb : m[2];
    plain += value;
    snippet += m[2] !== undefined ? `\${${stop++}:${escapeSnippet(value)}}` : escapeSnippet(value);
    last = m.index + m[0].length;
  }
  plain += template.slice(last);
  snippet += escapeSnippet(template.slice(last));
  return { plain, snippet };
}

const isPronoun = (name: string): name is 'we' | 'you' => name === 'we' || name === 'you';

/** The catalogue's terms named after its licensee ("Customer Data", "Customer Model"): named after the draft's. */
const ROLE_TERMS = /(?<![\p{L}\p{N}])(?:([Tt]he) )?Customer (Data|Model)(?![\p{L}\p{N}])/gu;

/**
 * "Customer Data" becomes "Kestrel Data" in a draft whose licensee is Kestrel, "Your Data" where the licensee is
 * "you" (and "Custom Model", which names no one, for "Customer Model"): no catalogue role word where the draft has
 * its own names. The draft's own term for the same concept, where it has one, is put in before (`inDraftTerms`).
 */
export function inPartyTerms(text: string, licensee: string): string {
  if (licensee === 'Customer' || !text.includes('Customer ')) return text;
  return text.replace(ROLE_TERMS, (m, article: string | undefined, noun: string) => {
    if (licensee === 'you') {
      if (noun === 'Model') return `${article ? `${article} ` : ''}Custom Model`;
      return 'Your Data';
    }
    return `${article ? `${article} ` : ''}${licensee} ${noun}`;
  });
}

/** The catalogue term's name in a draft whose licensee is `licensee` (see inPartyTerms). */
export function termInDraft(term: string, licensee: string): string {
  return inPartyTerms(term, licensee);
}

const FORMS = {
  you: { subject: 'you', object: 'you', possessive: 'your' },
  we: { subject: 'we', object: 'us', possessive: 'our' },
} as const;

/** Before a party: a preposition or a verb whose object it is ("notify {Licensee}", "by {Licensor}"). */
const OBJECT_BEFORE = /(?:^|[^\p{L}])(?:to|by|for|with|from|of|against|between|on|in|at|upon|than|about|without|under|via|per|notify|give|grant|grants|inform|tell|allow|permit|indemnify|defend|pay|charge|invoice|assigns?|owe|help|enable|require|warn|remind|reimburse|assist|let|ask|contact|send|provide|offer|bind|entitle|identify)[ \u00a0]*$/iu;
/** After a subject: an optional adverb, then a modal, an auxiliary or a verb in the third person or past tense. */
const VERB_AFTER = /^((?:,[ \u00a0]+(?:or|and)[ \u00a0]+[^,.;{}]{1,40}\{?[^,.;]{0,12},)?[ \u00a0]+(?:(?:first|then|also|only|still|already|reasonably|promptly|not|never|otherwise|directly|later|alone|itself|each)[ \u00a0]+)?)(\{shall\}|shall|will|may|must|can|cannot|could|would|should|might|is|are|was|were|has|have|had|does|do|did|[a-z]{2,}(?:[^s]s|ed))(?![\p{L}])/u;
/** Verbs listed after the first: ", retrains or fine-tunes". */
const LISTED_VERB = /^(?:,[ \u00a0]+(?:(?:or|and)[ \u00a0]+)?|[ \u00a0]+(?:or|and)[ \u00a0]+)([a-z][a-z-]{0,24})(?![\p{L}-])/u;

/** The verbs listed right after a verb ("trains, retrains or fine-tunes"), each in -s: the text they span. */
function listedVerbs(text: string): string {
  let at = 0;
  for (;;) {
    const m = LISTED_VERB.exec(text.slice(at));
    if (!m || !/[^s]s$/.test(m[1])) return text.slice(0, at);
    at += m[0].length;
  }
}
const MODAL = /^(?:\{shall\}|shall|will|may|must|can|cannot|could|would|should|might)$/;
/** A second verb of the subject: "and grants you", "and disclaims every warranty". */
const SECOND_VERB = /[ \u00a0](?:and|or)[ \u00a0]+([a-z][a-z-]*[^s\W]s)(?=[ \u00a0]+(?:you|us|them|it|every|each|all|any|independently)(?![\p{L}]))/u;
/** What only a party has: "its obligations", "its own", "its personnel" mean the party last named, never a system. */
const PARTY_NOUN = /^[ \u00a0]+(?:own|obligations|rights|personnel|employees|staff|users|subcontractors|affiliates|internal|legal|knowledge|expense|cost|consent|option|discretion|behalf|name|records|current|most[ \u00a0]+recent)(?![\p{L}])/u;
/** A noun that looks like a verb in -s after a party used as an object ("give {Licensee} details"). */
const NOT_VERBS = new Set(['details', 'access', 'results', 'rights', 'fees', 'terms', 'its', 'this', 'us']);

/** The form a verb takes after "we"/"you": "provides" → "provide", "is" → "are", "has" → "have". */
function plural(verb: string): string {
  switch (verb) {
    case 'is':
      return 'are';
    case 'was':
      return 'were';
    case 'has':
      return 'have';
    case 'does':
      return 'do';
  }
  if (/ed$/.test(verb) || !/s$/.test(verb)) return verb;
  if (/[^aeiou]ies$/.test(verb)) return verb.slice(0, -3) + 'y';
  if (/(?:ss|sh|ch|x|z|o)es$/.test(verb)) return verb.slice(0, -2);
  return verb.slice(0, -1);
}

/**
 * Template text for a party that speaks as "we" or is addressed as "you": the party in its case ("you"/"we" as a
 * subject, with the verb agreeing; "you"/"us" as an object; "your"/"our" for "{Licensee}'s", "the consent of
 * {Licensee}" and for "its" where it can only mean the party), capitalised at the start of a sentence. Where a
 * pronoun could mean something else ("it", "its" after a noun), the text is left as it is.
 */
export function inPersonalForm(template: string, licensor: string, licensee: string): string {
  const formsOf = (token: string) => {
    const name = token === 'Licensor' ? licensor : licensee;
    return isPronoun(name) ? FORMS[name] : undefined;
  };
  // "the prior written consent of {Licensee}" → "your prior written consent".
  template = template.replace(/(?<![\p{L}])([Tt]he) ((?:[\p{L}-]+ ){0,3}[\p{L}-]+) of \{(Licensor|Licensee)\}(?!['’\p{L}])/gu, (m, the: string, noun: string, token: string) => {
    const f = formsOf(token);
    if (!f || /(?:^|\s)(?:the|a|an|of|to|and|or|in|for|by|with|that|which)(?:\s|$)/i.test(noun)) return m;
    return `${the === 'The' ? capital(f.possessive) : f.possessive} ${noun}`;
  });
  // "{Licensee} or its users", "{Licensor} and its subcontractors", "{Licensee}, its users": the party's own.
  template = template.replace(/\{(Licensor|Licensee)\}(,? (?:or|and) |, )its(?![\p{L}])/gu, (m, token: string, joint: string) => {
    const f = formsOf(token);
    return f ? `{${token}}${joint}${f.possessive}` : m;
  });
  let out = '';
  let last = 0;
  /** The last party named, in `out`, while in the same sentence. */
  let party: { forms: (typeof FORMS)[keyof typeof FORMS] | undefined; at: number } | undefined;
  /** The party that is the subject of the sentence, when it is the one last named (no other named since). */
  let subject: (typeof FORMS)[keyof typeof FORMS] | undefined;
  const literal = (text: string) => {
    // "its" that can only mean the party just named: nothing between but verbs and small words.
    let from = 0;
    let result = '';
    for (const m of text.matchAll(/(?<![\p{L}])(its)(?![\p{L}])|[.;!?]/gu)) {
      if (!m[1]) {
        party = undefined;
        subject = undefined;
        continue;
      }
      const between = out.slice(party?.at ?? 0) + result + text.slice(from, m.index);
      const words = between.replace(/\{shall\}/g, '');
      // Not right after the party ("give {Licensee} its address": the address is someone else's).
      if (party?.forms && party.forms === subject && PARTY_NOUN.test(text.slice(m.index + 3, m.index + 20))) {
        result += text.slice(from, m.index) + party.forms.possessive;
        from = m.index + 3;
      } else if (party?.forms && /\p{L}/u.test(words) && !/[\p{Lu}[,]|(?<![\p{L}])(?:the|a|an|any|each|every|all|this|these|those|such|it|them|its|their|is|are|becomes?|remains?|was|were)(?![\p{L}])/u.test(words)) {
        result += text.slice(from, m.index) + party.forms.possessive;
        from = m.index + 3;
      }
    }
    out += result + text.slice(from);
  };
  const token = /\{(Licensor|Licensee)\}(['’]s(?![\p{L}]))?/gu;
  let m: RegExpExecArray | null;
  while ((m = token.exec(template))) {
    literal(template.slice(last, m.index));
    last = m.index + m[0].length;
    const f = formsOf(m[1]);
    if (!f) {
      out += m[0];
      party = { forms: undefined, at: out.length };
      subject = undefined;
      continue;
    }
    const atStart = startsSentence(out);
    let word: string;
    // "are {Licensor}'s." → "are ours": the possessive stands alone before punctuation.
    if (m[2]) word = /^[ \u00a0]+[\p{L}[{]/u.test(template.slice(last, last + 3)) ? f.possessive : `${f.possessive}s`.replace('ours', 'ours').replace('yours', 'yours');
    else {
      const verb = VERB_AFTER.exec(template.slice(last, last + 60));
      if (verb && !NOT_VERBS.has(verb[2]) && (atStart || !OBJECT_BEFORE.test(out.slice(-24)))) {
        word = f.subject;
        // The verb agrees: "{Licensee} provides" → "you provide" (the template changes after this token only).
        let agreed = verb[1] + plural(verb[2]);
        // ... and the verbs listed with it: "trains, retrains or fine-tunes" → "train, retrain or fine-tune".
        const listed = /ed$/.test(verb[2]) ? '' : listedVerbs(template.slice(last + verb[0].length, last + verb[0].length + 80));
        agreed += listed.replace(/[a-z][a-z-]{0,24}s(?![\p{L}-])/gu, (v) => plural(v));
        template = template.slice(0, last) + agreed + template.slice(last + verb[0].length + listed.length);
        // "We own all Output and grants you ...": a second verb of the same subject, before any other party is named.
        const rest = template.slice(last + agreed.length);
        const stop = rest.search(/[.;]|\{Licens/);
        const second = MODAL.test(verb[2]) ? null : SECOND_VERB.exec(stop < 0 ? rest : rest.slice(0, stop));
        if (second) {
          const at = last + agreed.length + second.index + second[0].length - second[1].length;
          template = template.slice(0, at) + plural(second[1]) + template.slice(at + second[1].length);
        }
        subject = f;
      } else word = f.object;
    }
    out += atStart ? capital(word) : word;
    if (party?.forms !== f) subject = subject === f ? f : word === f.subject ? f : undefined;
    party = { forms: f, at: out.length };
    token.lastIndex = last;
  }
  literal(template.slice(last));
  return out;
}

function capital(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function edit(start: number, end: number, r: Rendered | string, snippets: boolean | undefined): TextEdit {
  if (typeof r === 'string') return { start, end, newText: r };
  if (snippets && r.snippet !== r.plain) return { start, end, newText: r.snippet, snippet: true, plain: r.plain };
  return { start, end, newText: r.plain };
}

export function fixesFor(analysis: DocumentAnalysis, finding: Finding, options: FixOptions = {}): Fix[] {
  const ctx = contextOf(analysis);
  const text = analysis.text;
  const snippets = options.snippets;
  const meta = ctx.config.catalogue.rule(finding.rule);
  const data = finding.data ?? {};
  const excerpt = text.slice(finding.start, finding.end);

  /** The replacements rules.json gives the phrase found: the fixes of a rule without its own. */
  const phraseReplacements = (): Fix[] => {
    const vars = templateVars(analysis, ctx);
    const phraseIndex = typeof data.phrase === 'number' ? data.phrase : undefined;
    const replacements = phraseIndex !== undefined ? (meta?.phrases?.[phraseIndex]?.replacements ?? []) : [];
    return replacements.map((replacement, i) => {
      const r = renderTemplate(matchCase(excerpt, replacement), vars);
      return {
        title: `Replace with "${r.plain}"`,
        kind: 'quickfix' as const,
        edits: [edit(finding.start, finding.end, r, snippets)],
        preferred: i === 0,
        safe: !!meta?.safeFix && i === 0,
      };
    });
  };
  const rule = ruleFor(finding.rule);
  const fixes: Fix[] = rule.fixes ? rule.fixes({ analysis, finding, data, excerpt, meta, snippets, phraseReplacements }) : phraseReplacements();

  if (options.disableComments !== false && rule.disableComments !== false) fixes.push(...disableFixes(analysis, finding));
  fixes.push({ title: `Show documentation for ${finding.rule}`, kind: 'quickfix', edits: [], command: { name: 'showRuleDocumentation', rule: finding.rule } });
  return fixes;
}

function disableFixes(analysis: DocumentAnalysis, finding: Finding): Fix[] {
  const text = analysis.text;
  const lineIndex = contextOf(analysis).lineIndex;
  const fixes: Fix[] = [];
  const id = finding.rule === 'missing-clause' || finding.rule === 'incomplete-clause' ? `${finding.rule}:${finding.clause}` : finding.rule;
  if (finding.rule !== 'missing-clause') {
    const line = lineIndex.lineAt(finding.start);
    const end = lineIndex.lineEnd(line);
    fixes.push({ title: `Disable ${id} on this line`, kind: 'quickfix', edits: [{ start: end, end, newText: ` <!-- ai-clauses-disable-line ${id} -->` }] });
  }
  const at = fileDirectivePosition(text);
  const label = finding.rule === 'missing-clause' ? `Mark "${finding.clause}" as not needed in this file` : `Disable ${finding.rule} in this file`;
  const fileId = finding.rule === 'missing-clause' ? id : finding.rule;
  fixes.push({ title: label, kind: 'quickfix', edits: [{ start: at, end: at, newText: `<!-- ai-clauses-disable-file ${fileId} -->\n\n` }] });
  return fixes;
}

/** After the BOM and front matter, at the start of a line. */
function fileDirectivePosition(text: string): number {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fm = frontMatterEnd(bom ? text.slice(1) : text);
  return fm ? fm + bom : bom;
}

export function sentenceEnd(text: string, from: number): number {
  const re = /[.;](?=\s|$)|\n\s*\n/g;
  re.lastIndex = from;
  const m = re.exec(text);
  const limit = Math.min(text.length, from + 600);
  return m && m.index < limit ? m.index : Math.min(text.length, lineEndOf(text, from));
}

function lineEndOf(text: string, pos: number): number {
  const n = text.indexOf('\n', pos);
  const end = n < 0 ? text.length : n;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

export function matchCase(original: string, replacement: string): string {
  if (/^[A-Z]/.test(original) && /^[a-z]/.test(replacement)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export function numberToWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 999) return undefined;
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${ONES[n % 10]}` : '');
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` and ${numberToWords(rest)}` : ''}`;
}

/** Inserts the catalogue's model clause next to related clauses, numbered to continue the draft's numbering. */
export function insertClauseFix(analysis: DocumentAnalysis, clauseId: string, options: { variant?: string; snippets?: boolean } = {}): Fix | undefined {
  const ctx = contextOf(analysis);
  const clause = ctx.config.catalogue.clause(clauseId);
  if (!clause) return undefined;
  const variant = options.variant ? clause.variants?.find((v) => v.id === options.variant) : undefined;
  if (options.variant && !variant) return undefined;
  const text = analysis.text;
  const vars = templateVars(analysis, ctx);
  const clauseText = inDraftTerms(variant?.text ?? clause.model.text, analysis, ctx);
  const bodyTemplate = clauseText + definitionsFor(analysis, ctx, clauseText, vars);
  const body = renderTemplate(bodyTemplate, vars);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  const place = placement(analysis, ctx, clause);
  const heading = inPartyTerms(inDraftTerms(vars.spelling === 'us' ? toUsSpelling(clause.model.heading) : clause.model.heading, analysis, ctx), vars.licensee);
  let block: Rendered;
  if (place.subsectionOf) {
    const depth = Math.min(6, place.subsectionOf.level + 1);
    const title = `${'#'.repeat(depth)} ${place.number} ${heading}`;
    block = join([{ plain: title, snippet: escapeSnippet(title) }, body], `${eol}${eol}`);
  } else if (place.template) {
    const title = formatTitle(text, place.template, place.number, heading);
    if (place.template.kind === 'heading') block = join([title, body], `${eol}${eol}`);
    else block = join([title, body], ' ');
  } else {
    block = join([{ plain: `## ${heading}`, snippet: `## ${escapeSnippet(heading)}` }, body], `${eol}${eol}`);
  }
  let { at } = place;
  // Insert as its own block: blank lines around it, nothing else moved.
  const before = text.slice(Math.max(0, at - 2), at);
  let lead = '';
  if (at > 0 && !before.endsWith('\n')) lead = `${eol}${eol}`;
  else if (at > 0 && !/\n\s*\n$/.test(text.slice(Math.max(0, at - 4), at)) && text.slice(0, at).trim() !== '') lead = eol; // regex-safe: 4 characters
  // One blank line after the block: the one already there when the insertion point starts a blank line.
  const trail = at >= text.length || text.startsWith('\n', at) || text.startsWith('\r\n', at) ? eol : `${eol}${eol}`;
  if (at > text.length) at = text.length;
  const rendered = { plain: lead + block.plain + trail, snippet: escapeSnippet(lead) + block.snippet + escapeSnippet(trail) };
  const title = variant ? `Insert "${clause.title}" clause (${variant.title})` : `Insert "${clause.title}" clause`;
  return { title, kind: 'quickfix', edits: [edit(at, at, rendered, options.snippets)] };
}

/**
 * Whether text appended to `out` starts a sentence: `out` is blank, or ends with a sentence end and a space, a line
 * break, or bold markup. Read from the end with trimEnd (a pattern anchored at the end is quadratic on long runs of
 * white space).
 */
function startsSentence(out: string): boolean {
  const t = out.trimEnd();
  if (t === '') return true;
  const space = out.slice(t.length);
  return (space.length > 0 && /[.!?:]$/.test(t)) || space.includes('\n') || t.endsWith('**');
}

function join(parts: (Rendered | string)[], sep: string): Rendered {
  const rs = parts.map((p) => (typeof p === 'string' ? { plain: p, snippet: escapeSnippet(p) } : p));
  return { plain: rs.map((r) => r.plain).join(sep), snippet: rs.map((r) => r.snippet).join(escapeSnippet(sep)) };
}

interface Placement {
  at: number;
  /** A section whose title line is copied (number and title replaced). */
  template?: Section;
  /** Insert as a sub-heading one level below this heading. */
  subsectionOf?: Section;
  number?: string;
}

function placement(analysis: DocumentAnalysis, ctx: AnalysisContext, clause: ClauseEntry): Placement {
  const sections = analysis.model.sections;
  const limit = analysis.model.signatureStart ?? analysis.text.length;
  const before = (s: Section) => s.start < limit;
  const childrenOf = (parent: number | undefined, level?: number) =>
    sections.filter((s) => s.parent === parent && before(s) && (level === undefined || s.level === level));
  // Next to the last clause of the same group that the draft has.
  let anchor: Section | undefined;
  for (const d of ctx.detections) {
    if (!d.detected || !d.headed || d.clause.group !== clause.group || d.section === undefined) continue;
    const s = sections[d.section];
    if (s && before(s) && (!anchor || s.start > anchor.start)) anchor = s;
  }
  // A section titled for another clause ("5. Liability") is no home for this one, even in the same group: export control
  // inserted as 5.2 under "Liability" would be misfiled. Such a section is skipped as a parent.
  const catalogue = ctx.config.catalogue;
  const namesOther = (s: Section | undefined): boolean => {
    if (!s?.title) return false;
    const ids = catalogue.clausesForTitle(s.title);
    return ids.length > 0 && !ids.includes(clause.id);
  };
  if (anchor) {
    // A group section with numbered sub-clauses: add one more at its end.
    const children = childrenOf(anchor.index).filter((s) => s.number);
    // ... unless its sub-clauses are clauses of their own ("5. Data" with "5.1 Output", "5.2 Training"): an umbrella.
    const umbrella = children.some((c) => c.title && catalogue.clausesForTitle(c.title).length > 0);
    if (children.length && (!namesOther(anchor) || umbrella)) {
      const last = children[children.length - 1];
      return { at: trimEnd(analysis.text, Math.min(anchor.end, limit)), template: last, number: nextNumber(last.number) };
    }
    // A numbered sub-clause: continue its siblings' numbering at the end of the parent.
    if (anchor.parent !== undefined && anchor.number && sections[anchor.parent].number && !namesOther(sections[anchor.parent])) {
      const siblings = childrenOf(anchor.parent, anchor.level).filter((s) => s.number);
      const last = siblings[siblings.length - 1] ?? anchor;
      return { at: trimEnd(analysis.text, Math.min(sections[anchor.parent].end, limit)), template: last, number: nextNumber(last.number) };
    }
    // A numbered top-level section without sub-clauses: add the clause as its first numbered sub-clause.
    if (anchor.number && /^\d+$/.test(anchor.number) && anchor.kind === 'heading' && !namesOther(anchor)) {
      return { at: trimEnd(analysis.text, Math.min(anchor.end, limit)), subsectionOf: anchor, number: `${anchor.number}.1` };
    }
  }
  // Else after the last numbered top-level section before the signature block, numbered to continue.
  const tops = sections.filter((s) => before(s) && s.number && /^\d+$/.test(s.number));
  const minLevel = Math.min(...tops.map((s) => s.level));
  const last = [...tops].reverse().find((s) => s.level === minLevel);
  if (!last) return { at: trimEnd(analysis.text, limit) };
  const siblings = childrenOf(last.parent, last.level).filter((s) => s.number);
  const template = siblings[siblings.length - 1] ?? last;
  return { at: trimEnd(analysis.text, Math.min(template.end, limit)), template, number: nextNumber(template.number) };
}

/** Back over trailing blank lines so the inserted block sits right after the previous section's text. */
function trimEnd(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  // Keep the line break that ends the previous line.
  const nl = text.indexOf('\n', i);
  return nl >= 0 && nl < at ? nl + 1 : at;
}

function nextNumber(number: string | undefined): string | undefined {
  if (!number) return undefined;
  let i = number.length;
  while (i > 0 && number.charCodeAt(i - 1) >= 48 && number.charCodeAt(i - 1) <= 57) i--;
  if (i === number.length) return undefined;
  return `${number.slice(0, i)}${Number(number.slice(i)) + 1}`;
}

/** The title line of `template` with its number and title replaced: keeps the draft's heading style. */
function formatTitle(text: string, template: Section, number: string | undefined, heading: string): Rendered {
  const raw = text.slice(template.start, template.titleEnd);
  const titleAt = template.title ? raw.lastIndexOf(template.title) : -1;
  let head = titleAt >= 0 ? raw.slice(0, titleAt) : raw;
  const tail = titleAt >= 0 ? raw.slice(titleAt + template.title.length) : '';
  // Closing markup right after the title (`**`, `</span>`, a dot).
  const closing = /^(?:\.?\*\*\.?|\.?<\/span>|\.|:)?/.exec(text.slice(template.titleEnd, template.titleEnd + 12))?.[0] ?? '';
  if (template.number && number) {
    const at = head.lastIndexOf(template.number);
    if (at >= 0) head = head.slice(0, at) + number + head.slice(at + template.number.length);
    const idAt = head.indexOf(`id="${template.number}"`);
    if (idAt >= 0) head = head.replace(`id="${template.number}"`, `id="${number}"`);
    if (template.kind === 'list-item') head = head.replace(/^(\s*)\d+([.)])/, `$1${number.split('.').pop()}$2`);
  }
  // Untitled numbered paragraphs ("4.2 Provider shall ..."): number, then the heading in bold.
  const untitled = !template.title && template.kind === 'run-in' && /^\s*\d/.test(raw);
  let line = untitled ? `${head}${closing} **${heading}.**` : titleAt >= 0 ? head + heading + tail + closing : `${raw}${closing} ${heading}.`;
  if (template.kind !== 'heading' && !/[.:](?:\*\*|<\/span>)?\s*$|<\/span>\s*$/.test(line)) line += '.';
  line = line.replace(/^\s*\n/, '');
  return { plain: line, snippet: escapeSnippet(line) };
}

/** Sentences defining the catalogue terms `template` uses that the draft does not define yet. */
function definitionsFor(analysis: DocumentAnalysis, ctx: AnalysisContext, template: string, vars: TemplateVars): string {
  const defined = new Set(analysis.model.definitions.map((d) => d.term.toLowerCase()));
  for (const p of analysis.model.parties) defined.add(p.shortName.toLowerCase());
  defined.add(vars.licensor.toLowerCase());
  defined.add(vars.licensee.toLowerCase());
  if (!vars.businessDays) defined.add('business day');
  const all = new Map<string, { term: string; definition: string }>();
  // The catalogue's definitions in the draft's own terms ("Customer Model" is trained on "Kestrel Materials").
  for (const c of ctx.config.catalogue.clauses) for (const t of c.terms) if (!all.has(t.term)) all.set(t.term, { term: t.term, definition: inDraftTerms(t.definition, analysis, ctx) });
  const wanted: string[] = [];
  const seen = new Set<string>();
  const queue = [template];
  while (queue.length) {
    const source = queue.shift()!;
    for (const t of all.values()) {
      if (seen.has(t.term) || !mentions(source, t.term)) continue;
      seen.add(t.term);
      // Defined already, under the catalogue's name or the draft's ("Kestrel Data" for "Customer Data").
      const named = termInDraft(t.term, vars.licensee).toLowerCase();
      if (defined.has(t.term.toLowerCase()) || defined.has(`${t.term.toLowerCase()}s`) || defined.has(named) || defined.has(`${named}s`)) continue;
      wanted.push(`"${t.term}" ${t.definition.replace(/\.$/, '')}`);
      queue.push(t.definition);
    }
  }
  if (wanted.length === 0) return '';
  return ` In this clause, ${wanted.join('; ')}.`;
}

/** Whether `text` uses `term` as a whole word (plural "s" allowed): how an insertion decides which terms to define. */
export function mentions(text: string, term: string): boolean {
  let i = text.indexOf(term);
  while (i >= 0) {
    const before = text[i - 1];
    const after = text[i + term.length];
    if ((!before || !/[\p{L}\p{N}]/u.test(before)) && (!after || !/[\p{L}\p{N}]/u.test(after) || after === 's')) return true;
    i = text.indexOf(term, i + 1);
  }
  return false;
}

/**
 * Catalogue template text (a model clause, its heading, an element) as it would be inserted in this draft: its party
 * names ("you"/"we" included), obligation verb, spelling and terms. The one renderer for fixes, completions and
 * hovers; `firstTabStop` numbers the `[[value]]` tab stops of the snippet form.
 */
export function renderForDraft(analysis: DocumentAnalysis, template: string, firstTabStop = 1): Rendered {
  const ctx = contextOf(analysis);
  return renderTemplate(inDraftTerms(template, analysis, ctx), templateVars(analysis, ctx), firstTabStop);
}

function templateVars(analysis: DocumentAnalysis, ctx: AnalysisContext): TemplateVars {
  return {
    licensor: ctx.licensor,
    licensee: ctx.licensee,
    verb: analysis.model.obligationVerb,
    businessDays: analysis.model.definitions.some((d) => /^business days?$/i.test(d.term)),
    spelling: (ctx.spelling ??= draftSpelling(analysis.text)),
  };
}

/** Adds a clause element's model sentence to the end of the clause's last paragraph. */
export function insertElementFix(analysis: DocumentAnalysis, finding: Finding, elementId: string, snippets: boolean | undefined): Fix | undefined {
  const ctx = contextOf(analysis);
  const clause = finding.clause ? ctx.config.catalogue.clause(finding.clause) : undefined;
  const element = clause?.elements.find((e) => e.id === elementId);
  if (!clause || !element) return undefined;
  const vars = templateVars(analysis, ctx);
  const own = inDraftTerms(element.text, analysis, ctx);
  const rendered = renderTemplate(own + definitionsFor(analysis, ctx, own, vars), vars);
  // Append to the end of the clause's last paragraph.
  const sectionIndex = typeof finding.data?.section === 'number' ? (finding.data.section as number) : innermostSection(analysis.model.sections, finding.start)?.index;
  const section = sectionIndex !== undefined ? analysis.model.sections[sectionIndex] : undefined;
  const blocks = ctx.facts.blocks;
  let target: { start: number; end: number } | undefined;
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    if (section ? b.start >= section.start && b.end <= section.end : b.start <= finding.start && b.end >= finding.end) target = b;
    if (section && b.start >= section.end) break;
  }
  if (!target) return undefined;
  let at = target.end;
  while (at > target.start && /\s/.test(analysis.text[at - 1])) at--;
  const r = { plain: ` ${rendered.plain}`, snippet: ` ${rendered.snippet}` };
  return { title: `Add ${element.title} to the "${clause.title}" clause`, kind: 'quickfix', edits: [edit(at, at, r, snippets)], preferred: true };
}

/** Defines `term` in the draft's definitions (the catalogue's definition when it has one). */
export function defineTermFix(analysis: DocumentAnalysis, term: string, snippets: boolean | undefined): Fix | undefined {
  const ctx = contextOf(analysis);
  const model = analysis.model;
  const text = analysis.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const known = ctx.config.catalogue.term(term);
  const vars = templateVars(analysis, ctx);
  const definition = known ? renderTemplate(known.definition, vars) : { plain: `means the ${term.toLowerCase()} described in this Agreement.`, snippet: `means \${1:the ${escapeSnippet(term.toLowerCase())} described in this Agreement}.` };
  const style = model.definitions[0]?.style;
  const open = style === 'bold-quoted-means' || style === 'html-span' ? '**"' : '"';
  const close = open === '**"' ? '"**' : '"';
  const line = { plain: `${open}${term}${close} ${definition.plain}`, snippet: `${escapeSnippet(open + term + close)} ${definition.snippet}` };
  // In the definitions section, after its last paragraph; else after the last definition's paragraph.
  let at: number | undefined;
  const defSection = model.definitionsSection !== undefined ? model.sections[model.definitionsSection] : undefined;
  const lastDef = [...model.definitions].reverse().find((d) => !defSection || (d.start >= defSection.start && d.start < defSection.end));
  if (lastDef) at = lastDef.sentenceEnd;
  else if (defSection) at = defSection.titleEnd;
  if (at === undefined) return undefined;
  const lineEnd = lineEndOf(text, at);
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))?.[0] ?? '';
  const listMarker = /^([ \t]*)(\d+)([.)])[ \t]/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1));
  const prefix = listMarker ? `${listMarker[1]}${Number(listMarker[2]) + 1}${listMarker[3]} ` : indent;
  const insert = { plain: `${eol}${eol}${prefix}${line.plain}`, snippet: `${escapeSnippet(eol + eol + prefix)}${line.snippet}` };
  return { title: `Define "${term}" in the definitions`, kind: 'quickfix', edits: [edit(lineEnd, lineEnd, insert, snippets)], preferred: true };
}

/** The catalogue's own terms and the concept each denotes: inserted text uses the draft's term for the concept. */
const CATALOGUE_TERMS: [string, Concept][] = [
  ['Customer Data', 'licensee-data'],
  ['Input', 'input'],
  ['Output', 'output'],
];

/**
 * Replaces the catalogue's terms in rendered text with the draft's own terms for the same concept ("Customer Data"
 * becomes "Buyer Content" where the draft defines that and not "Customer Data").
 */
export function inDraftTerms(text: string, analysis: DocumentAnalysis, ctx: AnalysisContext): string {
  const reading = ctx.reading;
  if (!reading) return text;
  const defined = new Set(analysis.model.definitions.map((d) => d.term));
  const terms = [...reading.concepts.termConcepts];
  const used = new Set<string>();
  for (const [term, concept] of CATALOGUE_TERMS) {
    if (defined.has(term)) {
      // The draft's own term: a later catalogue term for the same concept is said once ("Customer Data, including Input").
      used.add(term);
      continue;
    }
    // A term that denotes only this concept first, then one that denotes it first, then any; never one already used for
    // another catalogue term except data and its Input ("Customer Data, including Input" becomes one term).
    const free = ([t]: [string, readonly Concept[]]) => t !== term && (!used.has(t) || concept === 'input');
    const own = (
      terms.find((e) => free(e) && e[1].length === 1 && e[1][0] === concept) ??
      terms.find((e) => free(e) && e[1][0] === concept) ??
      terms.find((e) => free(e) && e[1].includes(concept))
    )?.[0];
    if (!own) continue;
    // "Customer Data, including Input," where the draft has one term for both: say it once.
    if (used.has(own)) text = text.replace(new RegExp(`,? including ${term},?`, 'g'), '');
    text = text.replace(new RegExp(`\\b${term}\\b`, 'g'), own);
    used.add(own);
  }
  return text;
}

/**
 * The model text of one of a clause's positions as it would read in this draft: its party names, obligation verb,
 * defined terms and spelling (what `replacePositionFix` inserts, without snippet syntax).
 */
export function positionText(analysis: DocumentAnalysis, clauseId: string, positionId: string): string | undefined {
  const ctx = contextOf(analysis);
  const position = ctx.config.catalogue.clause(clauseId)?.positions?.find((p) => p.id === positionId);
  if (!position) return undefined;
  const vars = templateVars(analysis, ctx);
  const own = inDraftTerms(position.text, analysis, ctx);
  return renderTemplate(own + definitionsFor(analysis, ctx, own, vars), vars).plain;
}

/**
 * Replaces the sentence that shows a clause's position with the text of another position (the one the user's side
 * prefers, or the usual compromise), in the draft's party names, obligation verb and terms.
 */
export function replacePositionFix(analysis: DocumentAnalysis, finding: Finding, positionId: string, snippets: boolean | undefined, preferred: boolean): Fix | undefined {
  const ctx = contextOf(analysis);
  const clause = finding.clause ? ctx.config.catalogue.clause(finding.clause) : undefined;
  const position = clause?.positions?.find((p) => p.id === positionId);
  if (!clause || !position) return undefined;
  let start = finding.start;
  const end = finding.end;
  const span = analysis.text.slice(start, end);
  // Keep a clause number or list marker that starts the sentence; never cut through emphasis markup.
  const lead = /^(?:\d{1,3}(?:\.\d{1,3}){0,4}\.?|\([a-z0-9]{1,4}\)|[-*+])[ \t]+/.exec(span);
  if (lead) start += lead[0].length;
  if ((analysis.text.slice(start, end).match(/\*\*|__/g) ?? []).length % 2 === 1) return undefined;
  const vars = templateVars(analysis, ctx);
  const own = inDraftTerms(position.text, analysis, ctx);
  const rendered = renderTemplate(own + definitionsFor(analysis, ctx, own, vars), vars);
  const label = position.favours === 'balanced' ? 'the usual compromise' : `favours the ${position.favours}`;
  return { title: `Replace with: ${position.title} (${label})`, kind: 'quickfix', edits: [edit(start, end, rendered, snippets)], preferred };
}
