/** A number written in words and digits that disagree: "thirty (60) days". */
import type { Fix } from '../types.js';
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { registerPattern } from '../phrases.js';
import { matchCase, numberToWords } from '../fixes.js';

const NUMBER_WORD_VALUES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export function wordsToNumber(words: string): number | undefined {
  let total = 0;
  let current = 0;
  for (const w of words.toLowerCase().split(/[\s-]+/).filter((x) => x && x !== 'and')) {
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w in NUMBER_WORD_VALUES) current += NUMBER_WORD_VALUES[w];
    else return undefined;
  }
  return total + current;
}

const NUMBER_WORDS_SRC = 'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand';
const WORDS_DIGITS = registerPattern(
  new RegExp(`(?<![\\p{L}])((?:${NUMBER_WORDS_SRC})(?:[ -](?:and[ ])?(?:${NUMBER_WORDS_SRC})){0,4})[ \\u00a0]{0,2}\\([ \\u00a0]{0,2}(\\d{1,7})[ \\u00a0]{0,2}%?\\)`, 'giu'),
);

export const rule: Rule = {
  id: 'number-words-mismatch',
  scope: 'chunk',
  offsetKeys: ['digitsStart', 'wordsStart'],
  scan({ blocks }, emit) {
    for (const { block, text } of blocks) {
      if (!text.includes('(')) continue;
      const base = block.start;
      WORDS_DIGITS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORDS_DIGITS.exec(text))) {
        const words = wordsToNumber(m[1]);
        const digits = Number(m[2]);
        if (words !== undefined && words !== digits) {
          emit({ rule: 'number-words-mismatch', start: base + m.index, end: base + m.index + m[0].length, data: { words: m[1], wordsValue: words, digits, digitsStart: base + m.index + m[0].lastIndexOf(m[2]), wordsStart: base + m.index } });
        }
      }
    }
  },
  message: (d, excerpt) => `${quote(excerpt)}: the words say ${d.wordsValue}, the digits say ${d.digits}.`,
  fixes({ data }) {
    const fixes: Fix[] = [];
    const digitsStart = Number(data.digitsStart);
    const digits = String(data.digits);
    const words = String(data.words);
    const wordsStart = Number(data.wordsStart);
    fixes.push({ title: `Make the digits match the words: (${data.wordsValue})`, kind: 'quickfix', edits: [{ start: digitsStart, end: digitsStart + digits.length, newText: String(data.wordsValue) }] });
    const asWords = numberToWords(Number(digits));
    if (asWords) {
      fixes.push({ title: `Make the words match the digits: ${asWords}`, kind: 'quickfix', edits: [{ start: wordsStart, end: wordsStart + words.length, newText: matchCase(words, asWords) }] });
    }
    return fixes;
  },
};
