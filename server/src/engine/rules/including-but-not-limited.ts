/**
 * "Including but not limited to": its fix ("including") is safe for fix-all only where the draft says that
 * "including" is not limiting (an interpretation clause); elsewhere dropping "but not limited to" can change what a
 * list covers, so the fix is offered but never applied in bulk.
 */
import type { Rule } from './types.js';
import { registerPattern } from '../phrases.js';
import { contextOf } from '../analysis-context.js';

/** "The words 'include' and 'including' are to be read as if followed by 'without limitation'" and its variants. */
const INTERPRETATION = registerPattern(/["“'‘]includ(?:e|es|ing)["”'’][^.;]{0,160}?(?:without limitation|not limited|illustrative|without limiting)/i);

export const rule: Rule = {
  id: 'including-but-not-limited',
  scope: 'chunk',
  fixes({ analysis, phraseReplacements }) {
    const fixes = phraseReplacements();
    // A whole-draft scan, once per analysis (a long draft has hundreds of these findings).
    const memo = (contextOf(analysis).memo ??= new Map());
    let interpreted = memo.get('including-but-not-limited') as boolean | undefined;
    if (interpreted === undefined) memo.set('including-but-not-limited', (interpreted = INTERPRETATION.test(analysis.text)));
    if (interpreted) return fixes;
    return fixes.map((f) => ({ ...f, safe: false }));
  },
};
