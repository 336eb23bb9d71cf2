/**
 * Whether a draft is a contract, and an AI agreement: declared (front matter, configuration) or decided from the
 * evidence in the text (contract vocabulary, parties, definitions, title, density of AI vocabulary).
 */
import type { Applicability } from './types.js';
import type { ResolvedConfig } from './config.js';
import type { DocumentFacts } from './model.js';
import { AI_MARKER_NAMES } from './text-facts.js';

const CONTRACT_KINDS = ['agreement', 'party', 'governing', 'termination', 'liability', 'warranty', 'indemnity', 'confidential', 'legalese', 'breach', 'obligation', 'grant', 'payment'];
const CONTRACT_TITLE = /\b(?:agreement|terms|licen[cs]e|contract|addendum|policy|sla|service level|nda|conditions|order form|statement of work|eula|dpa)\b/i;
const AI_TITLE = /\b(?:AI|artificial intelligence|machine learning|model|LLM|copilot|generative)\b/i;

export function decideApplicability(config: ResolvedConfig, frontMatter: Record<string, unknown>, facts: DocumentFacts, title: string): Applicability {
  const declared = declaredKind(frontMatter) ?? (config.documentKind !== 'auto' ? config.documentKind : undefined);
  if (declared === 'not-contract') return { isContract: false, isAIAgreement: false, reason: 'declared not a contract' };
  if (declared === 'ai-agreement') return { isContract: true, isAIAgreement: true, reason: 'declared an AI agreement' };
  const m = facts.markers;
  // Technical writing about contracts (a README, rule documentation) quotes contract language but is full of code.
  const codeDensity = (facts.codeSpans * 10_000) / Math.max(1, facts.textLength);
  if (declared !== 'contract' && facts.codeSpans >= 5 && codeDensity >= 2) {
    return { isContract: false, isAIAgreement: false, reason: `not a contract: technical document (${facts.codeSpans} code spans)` };
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
  const obligations = (m.obligation ?? 0) + (m.partyWill ?? 0);
  const contractTitle = CONTRACT_TITLE.test(title) || CONTRACT_TITLE.test(String(frontMatter.title ?? ''));
  const isContract = declared === 'contract' || (score >= 6 && obligations >= 2) || (contractTitle && score >= 5 && obligations >= 1);
  if (!isContract) return { isContract: false, isAIAgreement: false, reason: `not a contract (contract evidence ${score} of the 6 needed, ${obligations} obligations)` };
  if (declared === 'contract') return { isContract: true, isAIAgreement: false, reason: 'declared a contract that is not about AI' };
  // AI vocabulary must be dense, not incidental: general terms of service mention AI features in passing.
  const density = (aiTotal * 10_000) / Math.max(1, facts.textLength);
  const isAI = (aiKinds >= 3 && density >= 4) || (aiKinds >= 2 && density >= 8) || (AI_TITLE.test(title) && aiKinds >= 1);
  return {
    isContract: true,
    isAIAgreement: isAI,
    reason: `${isAI ? 'AI agreement' : 'contract not about AI'} (${aiKinds} kinds of AI vocabulary, ${aiTotal} mentions, ${density.toFixed(1)} per 10,000 characters)`,
  };
}

export function declaredKind(frontMatter: Record<string, unknown>): ResolvedConfig['documentKind'] | undefined {
  const raw = frontMatter['ai-clauses'] ?? frontMatter['aiClauses'] ?? frontMatter['document-kind'] ?? frontMatter['documentKind'];
  const value = typeof raw === 'object' && raw !== null ? ((raw as Record<string, unknown>).kind ?? (raw as Record<string, unknown>).documentKind) : raw;
  if (value === 'ai-agreement' || value === 'contract' || value === 'not-contract') return value;
  if (value === false || value === 'off' || value === 'ignore') return 'not-contract';
  return undefined;
}

