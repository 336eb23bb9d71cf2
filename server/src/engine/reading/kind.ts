/**
 * What kind of agreement a draft is. The kind decides which clauses a lawyer expects: a licence of downloadable
 * model weights needs licence-grant and use-restriction clauses, not customer-data clauses (the licensor never
 * receives the licensee's data); an AI addendum leaves liability and governing law to its main agreement.
 *
 * - `ai-service`: an AI product provided as a service (SaaS, API);
 * - `ai-addendum`: supplements a main agreement ("this Addendum forms part of the Master Services Agreement");
 * - `model-licence`: a model or its weights licensed to the licensee, to run, modify or distribute;
 * - `ai-terms-of-use`: "we"/"you" terms of an AI product;
 * - `contract`: a contract not about AI; `not-contract`: anything else.
 */
import { registerPattern } from '../phrases.js';

export const AGREEMENT_KINDS = ['ai-service', 'ai-addendum', 'model-licence', 'ai-terms-of-use', 'contract', 'not-contract'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const AI_KINDS: readonly AgreementKind[] = ['ai-service', 'ai-addendum', 'model-licence', 'ai-terms-of-use'];

const ADDENDUM_TITLE = registerPattern(/\b(?:addendum|rider|supplement|supplemental|schedule|annex|exhibit|appendix|amendment)\b/i);
/** "This Addendum forms part of / supplements / is subject to the Master Services Agreement". */
const SUPPLEMENTS = registerPattern(
  /\bthis[ \u00a0]+(?:ai[ \u00a0]+)?(?:addendum|rider|supplement|schedule|annex|exhibit|appendix)\b[^.;]{0,160}?\b(?:supplements?|forms?[ \u00a0]+(?:a[ \u00a0]+)?part[ \u00a0]+of|is[ \u00a0]+incorporated[ \u00a0]+(?:into|in)|is[ \u00a0]+subject[ \u00a0]+to|amends?|is[ \u00a0]+attached[ \u00a0]+to|is[ \u00a0]+entered[ \u00a0]+into[ \u00a0]+under|applies[ \u00a0]+in[ \u00a0]+addition[ \u00a0]+to)\b/i,
);
const MAIN_AGREEMENT = registerPattern(
  /\b(?:(?:subject[ \u00a0]+to|in[ \u00a0]+addition[ \u00a0]+to|supplements?|combined[ \u00a0]+with)[ \u00a0]+(?:the|your|our)[ \u00a0]+(?:master|main|principal|underlying|existing|parties['’])[^.;]{0,40}?\b(?:agreement|terms)|(?:your|the)[ \u00a0]+main[ \u00a0]+agreement)\b/i,
);
const TERMS_TITLE = registerPattern(/\b(?:terms(?:[ \u00a0]+of[ \u00a0]+(?:use|service))?|user[ \u00a0]+agreement|acceptable[ \u00a0]+use|eula)\b/i);

/** Words that say a product is an AI system, however plainly put. */
const AI_SUBJECT = registerPattern(
  /(?<![A-Za-z])(?:(?:large[ \u00a0]+)?language[ \u00a0]+models?|machine[ \u00a0-]+learning|neural[ \u00a0-]+networks?|deep[ \u00a0-]+learning|artificial[ \u00a0-]+intelligence|AI|LLMs?|generative|predictive[ \u00a0]+text|predicts?|autocomplete|auto-complete|(?:completion|language|foundation|translation|ai|ml|machine-learning)[ \u00a0]+models?|model[ \u00a0]+(?:files|weights)|trained[ \u00a0]+on|learned[ \u00a0]+from|generates?[ \u00a0]+(?:text|content|code|images|responses|answers|summaries))(?![A-Za-z])/,
);
const SUBJECT_TERM = registerPattern(/^(?:the[ \u00a0]+)?(?:services?|platform|software|product|products|engine|system|model|tool|solution|api|offering|ai[ \u00a0]+features?|ai[ \u00a0]+services?|features?)$/i);

/**
 * Whether what the agreement is about is an AI system: said in the opening (recitals, the first clause), in the
 * definition of its subject matter ("Service" means ... including the language models on which it runs), or by a
 * section of its own ("Machine Learning", "AI Features"): an agreement that gives AI a section regulates it. A general
 * agreement that mentions an AI feature in passing does none of these.
 */
export function describesAISubject(opening: string, definitions: readonly { term: string; sentence: string }[], sectionTitles: readonly string[] = []): boolean {
  if (AI_SUBJECT.test(opening)) return true;
  if (sectionTitles.some((t) => t.length <= 80 && (AI_SUBJECT.test(t) || AI_SUBJECT.test(t.toLowerCase())))) return true;
  return definitions.some((d) => SUBJECT_TERM.test(d.term.trim()) && AI_SUBJECT.test(d.sentence));
}

export interface KindEvidence {
  title: string;
  /** The first few thousand characters of the body (where an addendum says what it supplements). */
  opening: string;
  /** Per-chunk marker counts (text-facts.ts): you/your, we/our, weights, distribution, hosted-service words, grants. */
  markers: { you: number; we: number; weights: number; distribution: number; hosted: number; grant: number };
  textLength: number;
  /** Parties named in a preamble (not "you"/"we"). */
  namedParties: number;
}

/** The kind of an AI agreement (the caller has decided it is a contract about AI). */
export function aiAgreementKind(e: KindEvidence): { kind: AgreementKind; reason: string } {
  // An addendum says what it supplements: "this Addendum forms part of ...", or "... combined with your main agreement".
  if (SUPPLEMENTS.test(e.opening) || MAIN_AGREEMENT.test(e.opening) || (ADDENDUM_TITLE.test(e.title) && /\baddendum\b/i.test(e.title))) {
    return { kind: 'ai-addendum', reason: 'supplements a main agreement' };
  }
  const m = e.markers;
  const perTenK = (n: number) => (n * 10_000) / Math.max(1, e.textLength);
  // Standard terms a user accepts by using the product: written to "you" by "we", or titled terms in which only the
  // operator is named (its users are "you", "Members", "Users").
  if ((perTenK(m.you) >= 20 && m.we >= 3 && (e.namedParties === 0 || TERMS_TITLE.test(e.title))) || (TERMS_TITLE.test(e.title) && !/\bagreement\b/i.test(e.title) && e.namedParties <= 1)) {
    return { kind: 'ai-terms-of-use', reason: perTenK(m.you) >= 20 ? `"we"/"you" terms (${m.you} mentions of you)` : 'terms of use with no named counterparty' };
  }
  // A model (its weights or files) licensed to run, with little that speaks of a hosted service.
  if (m.weights >= 2 && m.grant >= 1 && m.hosted <= 1 + m.distribution) {
    return { kind: 'model-licence', reason: `licenses a model (${m.weights} mentions of weights, parameters or model files)` };
  }
  return { kind: 'ai-service', reason: 'an AI system provided as a service' };
}
