import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'material-undefined',
  positive: [{ body: 'Provider shall notify Customer of any material change to the AI System.', excerpt: 'material' }],
  negative: [
    'Provider shall notify Customer of any Material Model Change.\n\n"Material Model Change" means a change to the model family.',
    'Provider shall deliver the training material to Customer.',
  ],
};
