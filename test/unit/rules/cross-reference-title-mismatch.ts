import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'cross-reference-title-mismatch',
  examples: { illustrative: 'the examples describe the sections of the draft' },
  positive: [{ body: '## 3. Fees\n\nAs set out in Section 4 (Confidentiality).\n\n## 4. Term\n\nText.\n\n## 5. Confidentiality\n\nText.', excerpt: 'Section 4 (Confidentiality)' }],
  negative: ['## 3. Fees\n\nAs set out in Section 5 (Confidentiality).\n\n## 4. Term\n\nText.\n\n## 5. Confidentiality\n\nText.'],
};
