import type { RuleCases } from './cases.js';

export const cases: RuleCases = {
  rule: 'dangling-cross-reference',
  examples: { illustrative: 'the examples describe the sections of the draft' },
  positive: [{ body: '## 3. Fees\n\nFees are due under Section 9.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.', excerpt: 'Section 9' }],
  negative: [
    '## 3. Fees\n\nFees are due under Section 4.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.',
    // References to other documents are never checked.
    '## 3. Fees\n\nSee Article 73 of the EU AI Act and Section 9 of the DPA.\n\n## 4. Term\n\nText.\n\n## 5. Law\n\nText.',
  ],
};
