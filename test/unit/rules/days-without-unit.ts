import type { RuleCases } from './cases.js';
import { aiDraft } from '../helpers.js';

export const cases: RuleCases = {
  rule: 'days-without-unit',
  // "days" is ambiguous only in a draft that uses Business Days.
  examples: { wrap: (example) => aiDraft(`"Business Day" means a weekday.\n\n${example} Provider shall respond within 2 Business Days.`) },
  positive: [{ body: '"Business Day" means a weekday.\n\nCustomer may cure a breach within 30 days after notice, and Provider shall respond within 2 Business Days.', excerpt: '30 days' }],
  negative: [
    // Without Business Days anywhere, "days" is read as calendar days.
    'Customer may cure a breach within 30 days after notice.',
    '"Business Day" means a weekday.\n\nCustomer may cure a breach within 30 calendar days, and Provider shall respond within 2 Business Days.',
  ],
};
