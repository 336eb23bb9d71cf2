/** A problem in a configuration file or playbook: reported by the adapters (config.ts finds it), not by the analysis. */
import type { Rule } from './types.js';

export const rule: Rule = {
  id: 'config-error',
  scope: 'engine',
};
