/** Hooks for tests: a rule (or phase: 'local-rules', 'document-rules', 'clause-detection') named here throws. */
export const __testing = {
  faultyRules: new Set<string>(),
};
