/**
 * The document rules (see rules/): defined terms, cross-references, consistency of efforts standards and obligation
 * verbs. They read the document facts assembled from the chunk caches plus a term-usage scan that is itself cached
 * per chunk.
 */
import type { DocumentRuleInput, RawFinding } from './rules/types.js';
import { documentRules } from './rules/registry.js';

export type { DocumentRuleInput, RawFinding, RuleChunk, TermUse } from './rules/types.js';

export function documentFindings(input: DocumentRuleInput): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of documentRules()) rule.detect!(input, out);
  return out;
}
