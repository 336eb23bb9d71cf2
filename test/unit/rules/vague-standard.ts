import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'vague-standard',
  positive: [{ body: 'Provider shall protect Customer data using industry standard security.', excerpt: 'industry standard' }],
  negative: [
    'Provider shall protect Customer data using industry standard security as described in Schedule 3.',
    'Provider shall encrypt Customer data using AES-256 at rest.',
  ],
};
