/**
 * The generic phrase rule: a rule of rules.json with `phrases` and no module of its own. Each phrase found in a
 * prose block or heading is one finding; its message is rules.json's `message` ("{excerpt}" stands for the quoted
 * text found) or the rule's title; its fixes are the phrase's `replacements`.
 */
import type { RuleMeta } from '../catalogue-types.js';
import type { PhraseInput, Emit, Rule } from './types.js';
import { quote } from '../messages.js';

export function phraseRule(id: string): Rule {
  return { id, scope: 'chunk' };
}

/** One finding per phrase found (what a rule without `onPhrase` does). */
export function emitPhrase(id: string, hit: PhraseInput, emit: Emit): void {
  emit({ rule: id, start: hit.start, end: hit.end, data: { phrase: hit.phrase, text: hit.text } });
}

/** The head of the message of a rule without `message`: rules.json's template, else its title as a sentence. */
export function defaultMessage(meta: RuleMeta | undefined, id: string, excerpt: string): string {
  if (meta?.message) return meta.message.replace(/\{excerpt\}/g, () => quote(excerpt));
  const title = meta?.title ?? id;
  return /[.!?]$/.test(title) ? title : `${title}.`;
}
