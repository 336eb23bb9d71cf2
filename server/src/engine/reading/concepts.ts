/**
 * Defined terms read for what they denote, and per-document patterns for each concept. "Buyer Content" defined as
 * "data Buyer uploads to the Service" is the licensee's data; "Model Refinement" defined as "training, tuning or
 * benchmarking any model" is training; "Suggestions" defined as "code the Service generates" is Output. A concept
 * then matches the catalogue's own words, the draft's defined terms that denote it, and the party-specific names
 * the draft builds from its short names ("Larkspur Materials", "Member Submissions").
 */
import type { Definition } from '../types.js';
import type { RoleResolver } from './parties.js';
import { escapeRegExp as escape } from '../phrases.js';
import { registerPattern } from '../phrases.js';

export const CONCEPTS = ['licensee-data', 'input', 'output', 'training', 'personal-data', 'confidential-information', 'ai-system', 'model-improvement'] as const;
export type Concept = (typeof CONCEPTS)[number];

const DATA_NOUN = 'data|content|contents|material|materials|information|files|documents|submissions|uploads|inputs|prompts|records|code';

/** The catalogue's own words for each concept (lower case, matched case-insensitively, on word boundaries). */
const VOCABULARY: Record<Concept, string> = {
  'licensee-data': `(?:customer|client|licensee|user|subscriber|buyer|member|your)(?:['’]s|s['’])?[ \\u00a0]+(?:${DATA_NOUN})|(?:data|content|materials|information|files)[ \\u00a0]+(?:that[ \\u00a0]+)?you[ \\u00a0]+(?:upload|submit|provide|enter|input|share)|what[ \\u00a0]+you[ \\u00a0]+(?:upload|submit|provide|enter|input|share)`,
  input: 'inputs?|prompts?|queries|instructions[ \\u00a0]+you',
  output: 'outputs?|suggestions?|completions?|generations|generated[ \\u00a0]+(?:content|text|code|output|outputs|results?|material|materials|responses?|images?)|(?:responses|information|content|text|results?|material|answers)[ \\u00a0]+(?:generated|produced|returned)[ \\u00a0]+by|(?:generated|produced|created|returned)[ \\u00a0]+(?:by|through|with|using)[ \\u00a0]+(?:it|them|the[ \\u00a0]+(?:service|services|platform|model|models|system|tool|engine|api|software|product|assistant|ai|features?))',
  training: 'train|trains|trained|training|retrain\\w{0,6}|fine[ \\u00a0-]?tun\\w{0,6}|tune|tunes|tuned|tuning|benchmark\\w{0,6}|(?:improve|adjust|tune)[ \\u00a0]+(?:the|its|our|their)?[ \\u00a0]*(?:\\w+[ \\u00a0]+)?(?:engine|engines|algorithm|algorithms)|(?:improve|improving|develop|developing|enhance|enhancing|build|building)[ \\u00a0]+(?:its|our|their|the|any|ai|new)?[ \\u00a0]*(?:artificial[ \\u00a0]+intelligence[ \\u00a0]+|machine[ \\u00a0-]+learning[ \\u00a0]+|ai[ \\u00a0]+|foundation[ \\u00a0]+|language[ \\u00a0]+)?(?:models?|algorithms?)',
  'personal-data': 'personal[ \\u00a0]+(?:data|information)|personally[ \\u00a0]+identifiable[ \\u00a0]+information',
  'confidential-information': 'confidential[ \\u00a0]+information',
  // A model made or changed from the licensee's data or for it: a fine-tune, a custom model, weights, a derivative.
  'model-improvement':
    "fine[ \\u00a0-]?tun(?:ed|es)[ \\u00a0]+(?:models?|versions?|weights)|fine[ \\u00a0-]?tunes|(?:custom|customi[sz]ed|customer|dedicated|derivative|adapted|tuned|fine[ \\u00a0-]?tuned|retrained)[ \\u00a0]+models?|derivatives?|(?:improvements?|enhancements?|modifications?|adaptations?)[ \\u00a0]+(?:to|of|in)[ \\u00a0]+(?:the[ \\u00a0]+|any[ \\u00a0]+|its[ \\u00a0]+|our[ \\u00a0]+)?(?:[a-z]+[ \\u00a0]+)?(?:models?|weights|algorithms?)|model[ \\u00a0]+(?:weights|parameters|improvements?)|models?[ \\u00a0]+(?:that[ \\u00a0]+|which[ \\u00a0]+)?(?:[a-z]+[ \\u00a0]+){0,2}(?:adapts?|adapted|trains?|trained|fine-tunes?|fine-tuned|tunes?|tuned|customi[sz]e[sd]?|derived)",
  'ai-system': '(?:ai|artificial[ \\u00a0]+intelligence)[ \\u00a0]+(?:system|systems|services?|features?|models?)|machine[ \\u00a0-]+learning[ \\u00a0]+models?|(?:language|foundation|generative)[ \\u00a0]+models?|the[ \\u00a0]+model',
};

const vocabularyPatterns = new Map<Concept, RegExp>();

/** The catalogue's own words for a concept, as one pattern (the same for every document). */
export function conceptVocabulary(concept: Concept): RegExp {
  let re = vocabularyPatterns.get(concept);
  if (!re) {
    re = registerPattern(new RegExp(`(?<![\\w-])(?:${VOCABULARY[concept]})(?![\\w-])`, 'i'));
    vocabularyPatterns.set(concept, re);
  }
  return re;
}

/** What a definition denotes, from the words of the defining sentence and of the term itself. */
export function conceptsOfDefinition(term: string, sentence: string, roles: RoleResolver): Concept[] {
  const body = sentence.toLowerCase();
  const name = term.toLowerCase();
  const out: Concept[] = [];
  const termRole = roles.roleIn(term);
  const dataNoun = new RegExp(`\\b(?:${DATA_NOUN})\\b`);
  // Training as an activity ("means training, tuning or benchmarking any model"), not a model that was trained, nor
  // training of people ("implementation, training and consulting services").
  const genus = /\bmeans\b\s*((?:\S+\s+){0,6})/.exec(body)?.[1] ?? '';
  if (
    /^(?:["“”*]+\s*)?(?:any\s+|the\s+|all\s+)?(?:training|retraining|fine[- ]?tuning|tuning|benchmarking|evaluating|improving|developing|building|enhancing)\b/.test(genus) &&
    /\b(?:models?|algorithms?|networks?|machine[- ]learning|ai|artificial intelligence|weights)\b/.test(body)
  ) {
    out.push('training');
  }
  if (/\b(?:outputs?|suggestions?|completions?|responses?|generations?)\b/.test(name) || (/\b(?:generat|produc|return|creat|output)\w*\b[^.;]{0,60}\b(?:by|from|through|of)\b[^.;]{0,40}\b(?:model|service|services|system|ai|platform|tool|feature|features)\b/.test(body) && !/\b(?:provided|uploaded|submitted) by\b/.test(body)) || /\bin response to\b/.test(body) || /\b(?:the|its|our|your)\s+(?:[a-z-]+\s+)?(?:model|models|service|services|system|engine|platform|tool|ai|api|assistant)\s+(?:returns?|generates?|produces?|outputs?|creates?|writes?|suggests?|drafts?)\b/.test(body)) out.push('output');
  if (/\b(?:inputs?|prompts?|queries)\b/.test(name) || /\b(?:prompts?|query|queries)\b/.test(body)) out.push('input');
  const byLicensee =
    termRole === 'licensee' ||
    /\b(?:you|your|users?|end users?|authori[sz]ed users?)\b/.test(body) ||
    roles.aliasesOf('licensee').some((a) => new RegExp(`(?<![\\w])${escape(a.toLowerCase())}(?![\\w])`).test(body));
  // The licensee's data: a term whose name is a data noun ("Buyer Content", "Member Submissions"), or whose definition
  // says it is data ("means all documents, prompts and files that ..."), provided or sent by the licensee.
  if (
    !out.includes('output') &&
    !out.includes('training') &&
    (dataNoun.test(name) || dataNoun.test(genus)) &&
    !/\b(?:claim|claims|use|obligations?|fees?)\b/.test(name) &&
    byLicensee &&
    (termRole === 'licensee' || /\b(?:provid|submit|upload|made available|make available|transmit|furnish|suppl|enter|input|send|sent|shar|disclos)\w*/.test(body)) &&
    // Data about the licensee's use (usage, telemetry, operational data) is not data the licensee provides.
    !/\b(?:about|relating to|concerning|derived from)\b[^.;]{0,40}\b(?:use|usage|performance|operation)\b/.test(body)
  ) {
    // The broader concept first: "Kestrel Materials" (documents and prompts Kestrel sends) is the licensee's data.
    out.unshift('licensee-data');
  }
  if (/\bpersonal (?:data|information)\b|\bidentif(?:ied|iable) (?:natural )?(?:person|individual)/.test(body)) out.push('personal-data');
  if (/\bconfidential\b/.test(name)) out.push('confidential-information');
  // A model made from or for the licensee: "Tuned Weights" means the parameters of any model fine-tuned on ...
  if (
    !out.includes('training') &&
    /\b(?:models?|weights|parameters|derivatives?|improvements?|enhancements?|adaptations?|fine-?tunes?|adapters?|checkpoints?)\b/.test(name) &&
    /\b(?:train|trains|trained|fine-?tun\w*|tune[sd]?|adapt\w*|customi[sz]\w*|retrain\w*|derived?\b|deriv\w*|improv\w*|enhanc\w*|modif\w*)/.test(body) &&
    /\b(?:models?|weights|parameters|algorithms?|networks?)\b/.test(body)
  ) {
    out.push('model-improvement');
  }
  if (/\b(?:models?|ai|artificial intelligence|machine learning|neural|algorithm)\b/.test(body) && /\b(?:system|model|service|platform|ai|tool|engine)\b/.test(name) && !out.length) out.push('ai-system');
  return out;
}

/** Per-document patterns, one per concept: the catalogue's words, the defined terms that denote it, party names. */
export class ConceptMatcher {
  readonly termConcepts = new Map<string, Concept[]>();
  private readonly patterns = new Map<Concept, RegExp>();
  /** Only the draft's own terms and party-built names for each concept (none: the concept has only vocabulary). */
  private readonly termPatterns = new Map<Concept, RegExp>();

  constructor(definitions: readonly Definition[], text: string, roles: RoleResolver) {
    const termsOf = new Map<Concept, string[]>();
    const seen = new Set<string>();
    for (const d of definitions) {
      // A term defined twice (a duplicate definition, or a long draft that repeats a schedule) is read once.
      if (this.termConcepts.has(d.term) || seen.has(d.term)) continue;
      seen.add(d.term);
      // From the term to the end of its own definition: "In this clause, "Output" means ...; "Input" means ..." holds
      // several definitions in one sentence, and a numbered paragraph may hold several ("... to the Engine. "Translations"
      // means ...").
      const from = Math.max(d.sentenceStart, Math.min(d.start, d.sentenceEnd));
      let sentence = text.slice(from, Math.min(d.sentenceEnd, from + 600));
      const next = /[;.]\s*(?:and\s+)?["“*]/.exec(sentence.slice(d.end - from + 1));
      if (next) sentence = sentence.slice(0, d.end - from + 1 + next.index);
      const concepts = conceptsOfDefinition(d.term, sentence, roles);
      if (!concepts.length) continue;
      this.termConcepts.set(d.term, concepts);
      for (const c of concepts) (termsOf.get(c) ?? termsOf.set(c, []).get(c)!).push(d.term);
    }
    const licenseeNames = roles.aliasesOf('licensee').filter((a) => !/^(?:you|your)$/i.test(a));
    for (const c of CONCEPTS) {
      const own: string[] = [];
      const terms = termsOf.get(c);
      if (terms?.length) own.push(...terms.flatMap(numberForms).map((t) => escape(t).replace(/ /g, '[ \\u00a0]+')));
      if (c === 'licensee-data' && licenseeNames.length) own.push(`(?:${licenseeNames.map(escape).join('|')})(?:['’]s)?[ \\u00a0]+(?:${DATA_NOUN})`);
      if (own.length) this.termPatterns.set(c, new RegExp(`(?<![\\w-])(?:${own.join('|')})(?![\\w-])`, 'i'));
      this.patterns.set(c, own.length ? new RegExp(`(?<![\\w-])(?:${[VOCABULARY[c], ...own].join('|')})(?![\\w-])`, 'i') : conceptVocabulary(c));
    }
  }

  /** Identifies the draft's own term patterns: per-chunk marks made with one matcher hold for another with the same key. */
  get termKey(): string {
    return [...this.termPatterns].map(([c, re]) => `${c}:${re.source}`).join('\u0000');
  }

  /** The bit of a concept in `termMask`. */
  bit(concept: Concept): number {
    return 1 << CONCEPTS.indexOf(concept);
  }

  /** The concepts `sentence` names by the draft's own terms, as bits (see `bit`). */
  termMask(sentence: string): number {
    let mask = 0;
    for (const [c, re] of this.termPatterns) if (re.test(sentence)) mask |= this.bit(c);
    return mask;
  }

  /** Whether `sentence` names the concept by one of the draft's own terms or party-built names. */
  hasTerm(concept: Concept, sentence: string): boolean {
    return this.termPatterns.get(concept)?.test(sentence) ?? false;
  }

  /** Whether `sentence` names the concept. */
  has(concept: Concept, sentence: string): boolean {
    return this.patterns.get(concept)!.test(sentence);
  }
}

/**
 * A defined term and its other grammatical number: "Summaries" is used as "each Summary", "Output" as "Outputs".
 * Only the last word changes ("Kestrel Materials", "Kestrel Material").
 */
export function numberForms(term: string): string[] {
  const other = /ies$/.test(term)
    ? term.replace(/ies$/, 'y')
    : /[^aeiou]y$/.test(term)
      ? term.replace(/y$/, 'ies')
      : /(?:ss|us|is)$/.test(term)
        ? undefined
        : /s$/.test(term)
          ? term.slice(0, -1)
          : /(?:ch|sh|x|z)$/.test(term)
            ? `${term}es`
            : `${term}s`;
  return other && other.length > 2 ? [term, other] : [term];
}
