/** Vague efforts standards ("best efforts", "commercially reasonable efforts"): phrases from rules.json. */
import type { Rule } from './types.js';
import { quote } from '../messages.js';

export const rule: Rule = {
  id: 'vague-efforts',
  scope: 'chunk',
  onPhrase(hit, emit) {
    // A capitalised, defined "Commercially Reasonable Efforts" is checked against the definitions by the gate.
    const needs = /^[A-Z]/.test(hit.text) && /\s[A-Z]/.test(hit.text) ? 'efforts-not-defined' : undefined;
    emit({ rule: 'vague-efforts', start: hit.start, end: hit.end, data: { phrase: hit.phrase, text: hit.text }, needs });
  },
  gate(doc) {
    // One finding per efforts phrase: the efforts-inconsistency warning replaces the vagueness note on the same words.
    const inconsistent = new Set(doc.documentFindings.filter((r) => r.rule === 'efforts-inconsistency').map((r) => r.start));
    return (f) => !(f.needs === 'efforts-not-defined' && doc.definedLower.has(String(f.data?.text ?? '').toLowerCase())) && !inconsistent.has(f.start);
  },
  message: (_d, excerpt) => `Vague efforts standard ${quote(excerpt)}.`,
};
