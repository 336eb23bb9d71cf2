import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'shall-misuse',
  positive: [
    { body: 'This Agreement shall be governed by the laws of England.', excerpt: 'shall be governed by' },
    { body: '"Fees" shall mean the fees in the Order Form.', excerpt: 'shall mean' },
    { body: 'This Agreement shall terminate on the third anniversary.', excerpt: 'shall' },
  ],
  negative: ['Provider shall deliver the AI System.', 'This Agreement is governed by the laws of England.'],
};
