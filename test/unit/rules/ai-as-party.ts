import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'ai-as-party',
  positive: [
    { body: 'The AI System shall ensure that all decisions are fair.', excerpt: 'The AI System shall ensure' },
    { body: 'All Output is owned by the AI System.', excerpt: 'owned by the AI System' },
  ],
  negative: ['The AI System generates Output from prompts.', 'Provider shall ensure that the AI System treats applicants fairly.'],
};
