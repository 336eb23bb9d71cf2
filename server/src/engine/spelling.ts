/**
 * The draft's spelling habit, and inserted text made to follow it. The catalogue is written in British English
 * ("licence", "authorised", "behaviour"); a draft that writes "authorized" and "behavior" gets American spelling in
 * the clauses, elements and definitions the fixes insert. Only words whose spelling differs are changed, from a fixed
 * list, never guessed.
 */
import { registerPattern } from './phrases.js';

const STEMS = 'authori|organi|recogni|minimi|anonymi|pseudonymi|summari|categori|characteri|prioriti|optimi|standardi|customi|utili|finali|apologi|emphasi|itemi|memori';
const US = registerPattern(new RegExp(`\\b(?:(?:${STEMS})z(?:e|es|ed|ing|ation|ations|er|ers)|behavior|favor(?:able|ably|ed|s)?|honor|color|labor|center|defense|offense|judgment|catalog|analyz(?:e|es|ed|ing))\\b`, 'gi'));
const UK = registerPattern(new RegExp(`\\b(?:(?:${STEMS})s(?:e|es|ed|ing|ation|ations|er|ers)|behaviour|favour(?:able|ably|ed|s)?|honour|colour|labour|centre|defence|offence|judgement|catalogue|analys(?:e|es|ed|ing)|licence|licences)\\b`, 'gi'));

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** "us" when the draft spells the American way more often than the British way, else "uk" (the catalogue's own). */
export function draftSpelling(text: string): 'us' | 'uk' {
  return count(US, text) > count(UK, text) ? 'us' : 'uk';
}

type Replacement = string | ((match: string, ...groups: string[]) => string);

const WORDS: [RegExp, Replacement][] = [
  [/\blicence(s?)\b/g, 'license$1'],
  [/\bLicence(s?)\b/g, 'License$1'],
  [new RegExp(`\\b((?:${STEMS}))s(e|es|ed|ing|ation|ations|er|ers)\\b`, 'gi'), '$1z$2'],
  [/\b(behavi|fav|hon|col|lab)our/gi, '$1or'],
  [/\b([Cc])entre(s?)\b/g, '$1enter$2'],
  [/\b(defen|offen)ce(s?)\b/gi, '$1se$2'],
  [/\b([Jj])udgement(s?)\b/g, '$1udgment$2'],
  [/\b([Cc])atalogue(s?)\b/g, '$1atalog$2'],
  [/\b([Aa])nalys(e|es|ed|ing)\b/g, '$1nalyz$2'],
];

/** British spellings turned American, word by word from the list above. */
export function toUsSpelling(text: string): string {
  let out = text;
  for (const [re, to] of WORDS) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to);
  return out;
}
