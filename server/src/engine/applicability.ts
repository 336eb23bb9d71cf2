/**
 * Whether a draft is a contract, and an AI agreement: declared (front matter, configuration) or decided from the
 * evidence in the text (contract vocabulary, parties, definitions, title, density of AI vocabulary).
 */
import type { AgreementKind, Applicability } from './types.js';
import { aiAgreementKind, AGREEMENT_KINDS } from './reading/kind.js';
import type { ResolvedConfig } from './config.js';
import type { DocumentFacts } from './model.js';
import { AI_MARKER_NAMES } from './text-facts.js';

const CONTRACT_KINDS = ['agreement', 'party', 'governing', 'termination', 'liability', 'warranty', 'indemnity', 'confidential', 'legalese', 'breach', 'obligation', 'grant', 'payment'];
const CONTRACT_TITLE = /\b(?:agreement|terms|licen[cs]e|contract|addendum|policy|sla|service level|nda|conditions|order form|statement of work|eula|dpa)\b/i;
const AI_TITLE = /\b(?:AI|artificial intelligence|machine learning|model|LLM|copilot|generative)\b/i;

/** What the kind of an AI agreement is read from, besides the document facts (see reading/kind.ts). */
export interface KindInput {
  text: string;
  /** Where the body starts (after front matter). */
  bodyStart: number;
  namedParties: number;
  /** The agreement says its subject matter is an AI system (reading/kind.ts `describesAISubject`). */
  aiSubject: boolean;
  /** Duties and prohibitions whose subject is a party, as the reading layer found them (counted up to a few). */
  partyObligations: number;
}

export function decideApplicability(config: ResolvedConfig, frontMatter: Record<string, unknown>, facts: DocumentFacts, title: string, input?: KindInput): Applicability {
  const declared = declaredKind(frontMatter) ?? (config.documentKind !== 'auto' ? config.documentKind : undefined);
  const declaredAgreementKind = declaredKindOfAgreement(frontMatter);
  const kindOf = (): { kind: AgreementKind; reason: string } => {
    if (declaredAgreementKind && declaredAgreementKind !== 'contract' && declaredAgreementKind !== 'not-contract') return { kind: declaredAgreementKind, reason: 'declared' };
    if (!input) return { kind: 'ai-service', reason: 'an AI system provided as a service' };
    const m = facts.markers;
    return aiAgreementKind({
      title,
      opening: input.text.slice(input.bodyStart, input.bodyStart + 4000),
      markers: { you: m.you ?? 0, we: m.we ?? 0, weights: m.weights ?? 0, distribution: m.distribution ?? 0, hosted: m.hosted ?? 0, grant: m.grant ?? 0 },
      textLength: facts.textLength,
      namedParties: input.namedParties,
    });
  };
  if (declared === 'not-contract') return { isContract: false, isAIAgreement: false, agreementKind: 'not-contract', reason: 'declared not a contract' };
  if (declared === 'ai-agreement') {
    const k = kindOf();
    return { isContract: true, isAIAgreement: true, agreementKind: k.kind, reason: 'declared an AI agreement' };
  }
  const m = facts.markers;
  // Technical writing about contracts (a README, rule documentation) quotes contract language but is full of code.
  const codeDensity = (facts.codeSpans * 10_000) / Math.max(1, facts.textLength);
  if (declared !== 'contract' && facts.codeSpans >= 5 && codeDensity >= 2) {
    return { isContract: false, isAIAgreement: false, agreementKind: 'not-contract', reason: `not a contract: technical document (${facts.codeSpans} code spans)` };
  }
  const contractKinds = CONTRACT_KINDS.filter((k) => (m[k] ?? 0) > 0).length;
  const aiKinds = AI_MARKER_NAMES.filter((k) => (m[k] ?? 0) > (k === 'ai' || k === 'prompt' || k === 'inference' || k === 'modelWeights' ? 1 : 0)).length;
  const aiTotal = AI_MARKER_NAMES.reduce((n, k) => n + (m[k] ?? 0), 0);
  // Contract language of several kinds, named parties, definitions and a contract-like title each add evidence.
  const score =
    contractKinds +
    (facts.model.parties.length >= 2 ? 2 : 0) +
    (facts.model.definitions.length >= 2 ? 1 : 0) +
    (CONTRACT_TITLE.test(title) ? 2 : 0);
  const obligations = Math.max((m.obligation ?? 0) + (m.partyWill ?? 0), input?.partyObligations ?? 0);
  const contractTitle = CONTRACT_TITLE.test(title) || CONTRACT_TITLE.test(String(frontMatter.title ?? ''));
  const isContract = declared === 'contract' || (score >= 6 && obligations >= 2) || (contractTitle && score >= 5 && obligations >= 1);
  if (!isContract) return { isContract: false, isAIAgreement: false, agreementKind: 'not-contract', reason: `not a contract (contract evidence ${score} of the 6 needed, ${obligations} obligations)` };
  if (declared === 'contract') return { isContract: true, isAIAgreement: false, agreementKind: 'contract', reason: 'declared a contract that is not about AI' };
  // AI vocabulary must be dense, not incidental: general terms of service mention AI features in passing.
  const density = (aiTotal * 10_000) / Math.max(1, facts.textLength);
  // AI-ness from a broad vocabulary (models, machine learning, generated output, prompts, fine-tuning, hallucination,
  // predictive text ...): an AI title, an opening or subject-matter definition that describes an AI system, or AI
  // vocabulary dense enough to be the agreement's topic. General terms of service that name an AI feature in passing
  // are none of these.
  const isAI =
    declaredAgreementKind !== undefined
      ? declaredAgreementKind !== 'contract'
      : (aiKinds >= 3 && density >= 4) || (aiKinds >= 2 && density >= 8) || (AI_TITLE.test(title) && aiKinds >= 1) || (input?.aiSubject === true && aiKinds >= 1);
  const k = isAI ? kindOf() : { kind: 'contract' as const, reason: '' };
  return {
    isContract: true,
    isAIAgreement: isAI,
    agreementKind: k.kind,
    reason: `${isAI ? `AI agreement, ${k.reason}` : 'contract not about AI'} (${aiKinds} kinds of AI vocabulary, ${aiTotal} mentions, ${density.toFixed(1)} per 10,000 characters)`,
  };
}

/** A kind of agreement declared in the front matter (`ai-clauses: model-licence`, `ai-clauses: { kind: ai-addendum }`). */
function declaredKindOfAgreement(frontMatter: Record<string, unknown>): AgreementKind | undefined {
  const value = declaredValue(frontMatter);
  return typeof value === 'string' && (AGREEMENT_KINDS as readonly string[]).includes(value) ? (value as AgreementKind) : undefined;
}

/** What the front matter says the document is: `ai-clauses`, `document-kind` or `agreement-kind`, as a value or `{ kind }`. */
function declaredValue(frontMatter: Record<string, unknown>): unknown {
  const raw = frontMatter['ai-clauses'] ?? frontMatter['aiClauses'] ?? frontMatter['document-kind'] ?? frontMatter['documentKind'] ?? frontMatter['agreement-kind'] ?? frontMatter['agreementKind'];
  return typeof raw === 'object' && raw !== null ? ((raw as Record<string, unknown>).kind ?? (raw as Record<string, unknown>).documentKind ?? (raw as Record<string, unknown>).agreementKind) : raw;
}

export function declaredKind(frontMatter: Record<string, unknown>): ResolvedConfig['documentKind'] | undefined {
  const value = declaredValue(frontMatter);
  if (value === 'ai-agreement' || value === 'contract' || value === 'not-contract') return value;
  if (typeof value === 'string' && (AGREEMENT_KINDS as readonly string[]).includes(value)) return 'ai-agreement';
  if (value === false || value === 'off' || value === 'ignore') return 'not-contract';
  return undefined;
}

