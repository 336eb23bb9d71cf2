import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'etc-in-operative-language',
  positive: [{ body: 'Provider may use logs, metrics, etc. to improve the AI System.', excerpt: 'etc.' }],
  negative: [
    'Provider may use logs and metrics to improve the AI System.',
    // The list is already open: "includes" and "including, but not limited to" say so.
    'The Output includes summaries, translations, etc. that the AI System generates.',
    'Customer Data includes, but is not limited to, documents, images, etc.',
  ],
};
