/**
 * The shape of a rule's test cases: one file per rule in this folder, named by the rule id, read by
 * test/unit/rules.test.ts (which also runs each rule's bad and good examples from rules.json).
 */
export interface RuleCases {
  rule: string;
  /**
   * How rules.json's examples run: `wrap` puts them into a draft (default: `aiDraft`), where the bad one must be
   * flagged and the good one not. `illustrative` says why they cannot run as written (they describe a document).
   */
  examples?: { wrap?: (example: string) => string } | { illustrative: string };
  /** Bodies (inside `aiDraft`) in which the rule flags `excerpt`. */
  positive?: { body: string; excerpt: string }[];
  /** Bodies (inside `aiDraft`) in which the rule flags nothing. */
  negative?: string[];
  /** Further checks, each a test. */
  more?: Record<string, () => void>;
  /** A rule made outside the wording rules (clause detection, configuration, size limit): the test file that tests it. */
  testedIn?: string;
}
