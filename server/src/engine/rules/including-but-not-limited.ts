/**
 * "Including but not limited to": its fix ("including") is safe for fix-all only where the draft says that
 * "including" is not limiting (an interpretation clause); elsewhere dropping "but not limited to" can change what a
 * list covers, so the fix is offered but never applied in bulk.
 */
import type { Rule } from './types.js';
import { registerPattern } from '../phrases.js';

/** "The words 'include' and 'including' are to be read as if followed by 'without limitation'" and its variants. */
const INTERPRETATION = registerPattern(/["“'‘]includ(?:e|es|ing)["”'’][^.;]{0,160}?(?:without limitation|not limited|illustrative|without limiting)/i);

export const rule: Rule = {
  id: 'including-but-not-limited',
  scope: 'chunk',
  fixes({ analysis, phraseReplacements }) {
    const fixes = phraseReplacements();
    if (INTERPRETATION.test(analysis.text)) return fixes;
    return fixes.map((f) => ({ ...f, safe: false }));
  },
};
