import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'percentage-without-period',
  positive: [{ body: 'Provider shall make the AI System available 99.9% of the time.', excerpt: '99.9%' }],
  negative: [
    'Provider shall make the AI System available 99.9% of the minutes in each calendar month.',
    'Provider shall credit Customer 10% of the monthly fees.',
    'The AI System shall reach 95% accuracy, measured each quarter on the evaluation data.',
  ],
};
