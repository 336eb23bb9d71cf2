/**
 * The catalogue's phrase syntax (server/catalogue/README.md) compiled into safe regular expressions, and a word
 * index that finds every phrase of a phrase table in one pass over a text.
 *
 * Safety: every pattern is built here from a fixed set of pieces. Each repetition alternates two disjoint
 * character classes (separators vs word characters) and is bounded, so no pattern can backtrack catastrophically,
 * whatever a playbook writes.
 */
import { firstAtOrAfter } from './search.js';
import { isWhiteSpace } from './chunks.js';

/**
 * Word characters: ASCII letters and digits plus the Latin, Greek and Cyrillic letter blocks. Plain ranges instead
 * of Unicode property escapes: a catalogue compiles about 1,500 patterns and property classes make each compile slow.
 */
const WORD_CHARS = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const WORD = `[${WORD_CHARS}]`;
/** Separator between two words inside one sentence: anything but letters, digits and sentence ends. */
const SEP = `[^${WORD_CHARS}.;!?\\n]{1,80}`;
/** A separator that may also cross one line break (Markdown soft wraps). */
const WSEP = `(?:${SEP}|[^${WORD_CHARS}.;!?\\n]{0,40}\\n[^${WORD_CHARS}.;!?\\n]{0,40})`;
const GAP = `(?:${WSEP}${WORD}{1,40}){0,8}`;
const NUMBER_WORDS =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred';
const NUM = `(?:\\d{1,3}(?:,\\d{3}){1,4}(?:\\.\\d{1,6})?|\\d{1,12}(?:\\.\\d{1,6})?|(?:${NUMBER_WORDS})(?:[- ](?:${NUMBER_WORDS})){0,2})`;
const PCT = `(?:${NUM}[ \\u00a0]{0,2}(?:%|percent|per[ \\u00a0]cent))`;
const UNIT = '(?:minute|hour|day|week|month|year)s?';
const DURATION = `(?:${NUM}(?:[ \\u00a0]{0,3}\\([ \\u00a0]{0,2}\\d{1,6}[ \\u00a0]{0,2}\\))?[ \\u00a0-]{1,3}(?:(?:business|working|calendar|consecutive)[ \\u00a0-]{1,3})?${UNIT}(?:['’]s?)?)`;
const MONEY = `(?:[$€£¥][ \\u00a0]?${NUM}|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|US\\$)[ \\u00a0]{0,2}${NUM}|${NUM}[ \\u00a0]{0,2}(?:dollars|euros|pounds|USD|EUR|GBP))`;
const PERIOD =
  '(?:(?:calendar|billing|rolling)[ \\u00a0-]{1,3})?(?:month|monthly|months|quarter|quarterly|quarters|year|yearly|years|annual|annually|week|weekly|weeks|rolling|cycle|period)';

const SPECIALS: Record<string, string> = {
  '<num>': NUM,
  '<pct>': PCT,
  '<duration>': DURATION,
  '<money>': MONEY,
  '<period>': PERIOD,
};

/**
 * Every regular expression the engine builds, for the regex-safety test: the engine's own patterns (a fixed set,
 * registered when their modules load) and the last `MAX_PHRASES * 2` compiled from phrases (a playbook edited all day
 * compiles new phrases on every save; the oldest are forgotten).
 */
const registry = new Set<RegExp>();
const phrasePatterns = new Set<RegExp>();

/** How many compiled phrases (and their anchors) are kept for reuse across catalogues; the oldest go first. */
export const MAX_PHRASES = 20_000;
let maxPhrases = MAX_PHRASES;

/** Tests: a smaller bound (undefined restores MAX_PHRASES). */
export function limitPhraseCaches(max: number | undefined): void {
  maxPhrases = max ?? MAX_PHRASES;
}

export function registerPattern(re: RegExp): RegExp {
  registry.add(re);
  return re;
}

function registerPhrasePattern(re: RegExp): RegExp {
  phrasePatterns.add(re);
  while (phrasePatterns.size > maxPhrases * 2) phrasePatterns.delete(phrasePatterns.values().next().value!);
  return re;
}

export function compiledPatterns(): RegExp[] {
  return [...registry, ...phrasePatterns];
}

/** Sets `key` in `map`, forgetting the oldest entry when the map holds more than `max`. */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/** A string as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function literalSource(alt: string): string {
  let prefix = false;
  let word = alt;
  if (word.endsWith('*')) {
    prefix = true;
    word = word.slice(0, -1);
  }
  let out = '';
  for (const ch of word) {
    if (ch === '-') out += '[-\\u2010\\u2011\\u2013 ]?';
    else if (ch === "'" || ch === '’') out += "['’]";
    else out += escapeRegExp(ch);
  }
  return prefix ? `${out}${WORD}{0,30}` : out;
}

/** How a compiled phrase is anchored in the word index. */
export type Anchor =
  | { kind: 'words'; words: string[] }
  | { kind: 'prefixes'; prefixes: string[] }
  /** Hyphenated words: the split form starts with an exact word ("re" of "re-export"), the joined one with a prefix. */
  | { kind: 'mixed'; words: string[]; prefixes: string[] }
  /** Digits, number words and currency signs; `words` adds currency codes (USD 100) for <money>. */
  | { kind: 'numbers'; words?: string[] };

export interface CompiledPhrase {
  source: string;
  /** Every word token of the phrase: a text can only match when each has at least one alternative present. */
  required: Anchor[];
  /** The required tokens, likely rarest first: a missing word is then found after fewer lookups. */
  checkOrder: Anchor[];
  /** The required tokens other than the first, and how far after the first token each may start. */
  others: Anchor[];
  othersReach: number[];
  /** Sticky, for verification at an anchor position. */
  sticky: RegExp;
  /** Global, for scanning short strings (titles); compiled on first use. */
  readonly global: RegExp;
  anchor: Anchor;
  /**
   * Set for one-word phrases made of plain ASCII letters and digits (`notice`, `terminat*`, `bias|biases`): their
   * matches are exactly the word index's positions of those words, so no regular expression runs for them.
   */
  direct?: { words: string[]; prefixes: string[] };
}

const phraseCache = new Map<string, CompiledPhrase>();

/** A phrase that is not valid phrase syntax; the message names the phrase and, where there is one, the rewrite. */
export class PhraseSyntaxError extends Error {
  constructor(
    readonly phrase: string,
    message: string,
  ) {
    super(message);
    this.name = 'PhraseSyntaxError';
  }
}

/** One word position of a phrase: a gap, a placeholder, or alternatives (each one word, or several inside a group). */
export type PhraseToken =
  | { kind: 'gap' }
  | { kind: 'special'; name: string }
  /** `group`: written in parentheses. Outside a group every alternative is one word. */
  | { kind: 'alternatives'; alternatives: string[][]; group: boolean; text: string };

/**
 * Splits a phrase into its tokens (server/catalogue/README.md, "Phrase syntax"). Throws a PhraseSyntaxError naming
 * the phrase. The rule that makes alternatives unambiguous: in a phrase of more than one word, alternatives are
 * grouped in parentheses, `(comparative|performance) test`; a bare `|` is allowed only in a one-word phrase
 * (`own|owns|owned`), where it cannot be read two ways.
 */
export function parsePhrase(phrase: string): PhraseToken[] {
  const fail = (message: string): never => {
    throw new PhraseSyntaxError(phrase, `phrase "${phrase}": ${message}${message.endsWith('.') ? '' : '.'}`);
  };
  const text = phrase.trim();
  if (!text) throw new PhraseSyntaxError(phrase, 'empty phrase');
  const tokens: PhraseToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    if (text[i] === '(') {
      const close = text.indexOf(')', i);
      if (close < 0) fail(`"(" without ")"`);
      const inner = text.slice(i + 1, close);
      if (inner.includes('(')) fail(`groups cannot be nested`);
      if (close + 1 < text.length && !/\s/.test(text[close + 1])) {
        fail(`a group in parentheses stands for whole words: put a space after ")" in "${text.slice(i, close + 2)}"`);
      }
      const alternatives = inner.split('|').map((a) => a.trim().split(/\s+/).filter(Boolean));
      if (alternatives.some((a) => a.length === 0)) fail(`empty alternative in "(${inner})"`);
      if (alternatives.length < 2) {
        fail(
          `parentheses group alternatives ("(a|b)"), and "(${inner})" has one. Punctuation in the text needs no syntax (the words of a phrase match across it): write ${quote(text.slice(0, i) + inner.trim() + text.slice(close + 1))}`,
        );
      }
      for (const words of alternatives) for (const w of words) checkWord(w, fail, true);
      tokens.push({ kind: 'alternatives', alternatives, group: true, text: text.slice(i, close + 1) });
      i = close + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/.test(text[i])) i++;
    const token = text.slice(start, i);
    if (token.includes('(') || token.includes(')')) {
      const words = token.replace(/[()]+/g, ' ').trim();
      fail(
        `parentheses group alternatives and stand around whole words ("(a|b) c"); in "${token}" they do not. Punctuation in the text needs no syntax (the words of a phrase match across it): write ${quote(text.slice(0, start) + words + text.slice(i))}`,
      );
    }
    if (token === '...') tokens.push({ kind: 'gap' });
    else if (SPECIALS[token]) tokens.push({ kind: 'special', name: token });
    else {
      const alternatives = token.split('|');
      if (alternatives.some((a) => !a)) fail(`empty alternative in "${token}"`);
      for (const a of alternatives) checkWord(a, fail, alternatives.length > 1);
      tokens.push({ kind: 'alternatives', alternatives: alternatives.map((a) => [a]), group: false, text: token });
    }
  }
  if (tokens[0].kind === 'gap' || tokens[tokens.length - 1].kind === 'gap') fail(`a phrase may not start or end with "..."`);
  for (let k = 1; k < tokens.length; k++) if (tokens[k].kind === 'gap' && tokens[k - 1].kind === 'gap') fail(`two gaps in a row`);
  if (tokens.length > 1) {
    const bare = tokens.filter((t) => t.kind === 'alternatives' && !t.group && t.alternatives.length > 1);
    if (bare.length) fail(ambiguity(tokens));
  }
  return tokens;
}

function quote(s: string): string {
  return `"${s}"`;
}

/** Rejects what cannot be a word of a phrase, with the reason. */
function checkWord(word: string, fail: (message: string) => never, alternative: boolean): void {
  if (word === '...') fail(`a gap "..." cannot be an alternative or stand inside a group`);
  if (/^<.*>$/.test(word)) {
    if (!SPECIALS[word]) fail(`unknown placeholder ${word}`);
    if (alternative) fail(`the placeholder ${word} cannot be an alternative or stand inside a group: write the phrase with ${word} and the phrase with its alternative as two phrases`);
  }
  if (word.includes('|')) fail(`empty alternative in "${word}"`);
  if (word.slice(0, -1).includes('*')) fail(`"*" is only allowed at the end of a word`);
  if (!/[\p{L}\p{N}]/u.test(word)) fail(`"${word}" has no letter or digit`);
}

/** The message for a bare "|" in a phrase of several words, with the exact rewrite (what the phrase used to mean). */
function ambiguity(tokens: PhraseToken[]): string {
  const write = (t: PhraseToken): string =>
    t.kind === 'gap' ? '...' : t.kind === 'special' ? t.name : t.group || t.alternatives.length === 1 ? t.text : `(${t.text})`;
  const grouped = tokens.map(write).join(' ');
  const bare = tokens.flatMap((t, k) => (t.kind === 'alternatives' && !t.group && t.alternatives.length > 1 ? [k] : []));
  let message = `in a phrase of several words, alternatives must be grouped in parentheses (a bare "|" could be read two ways). Write "${grouped}"`;
  const k = bare[0];
  const next = tokens[k + 1];
  const token = tokens[k];
  if (bare.length === 1 && token.kind === 'alternatives' && next?.kind === 'alternatives' && next.alternatives.length === 1) {
    // The other reading: the last alternative takes the next word with it.
    const words = token.alternatives.map((a) => a[0]);
    const wide = [...tokens.slice(0, k).map(write), `(${words.join('|')} ${next.text})`, ...tokens.slice(k + 2).map(write)].join(' ');
    const first = token.alternatives.map((a) => `"${a[0]} ${next.text}"`);
    message += ` to match ${first.join(' or ')}, or "${wide}" to match ${words.slice(0, -1).map((w) => `"${w}"`).join(' or ')} or "${words[words.length - 1]} ${next.text}"`;
  } else {
    message += `: each group stands for one word position; an alternative of several words goes inside the parentheses too, "(performance test|benchmark)"`;
  }
  return `${message}.`;
}

/** Throws a PhraseSyntaxError (naming the phrase) when the phrase is not valid phrase syntax. */
export function compilePhrase(phrase: string): CompiledPhrase {
  const cached = phraseCache.get(phrase);
  if (cached) return cached;
  const tokens = parsePhrase(phrase);
  let src = '';
  let anchor: Anchor | undefined;
  const required: Anchor[] = [];
  const distanceBefore: number[] = [];
  let distance = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'gap') {
      src += GAP;
      distance += 8 * 130;
      continue;
    }
    if (i > 0) src += WSEP;
    let piece: string;
    let tokenAnchor: Anchor;
    // How many word positions the token spans at most (an alternative inside a group may have several words).
    let width = 1;
    if (token.kind === 'special') {
      const name = token.name;
      piece = SPECIALS[name];
      tokenAnchor = intern(
        name === '<period>'
          ? { kind: 'prefixes', prefixes: ['calendar', 'billing', 'rolling', 'month', 'quarter', 'year', 'annual', 'week', 'cycle', 'period'] }
          : name === '<money>'
            ? { kind: 'numbers', words: ['usd', 'eur', 'gbp', 'chf', 'jpy', 'cad', 'aud', 'us'] }
            : { kind: 'numbers' },
      );
    } else {
      const alts = token.alternatives;
      // An alternative of several words is its words joined by the separator, the same piece as between tokens.
      const sources = alts.map((words) => words.map(literalSource).join(WSEP));
      piece = sources.length === 1 ? sources[0] : `(?:${sources.join('|')})`;
      // The index looks the token up by the first word of each alternative.
      tokenAnchor = intern(anchorFor(alts.map((words) => words[0])));
      width = Math.max(...alts.map((words) => words.length));
    }
    src += piece;
    distanceBefore.push(distance);
    distance += 200 * width;
    if (!anchor) anchor = tokenAnchor;
    if (tokenAnchor.kind !== 'prefixes' || tokenAnchor.prefixes.every((p) => p.length >= 3)) required.push(tokenAnchor);
    else distanceBefore.pop();
  }
  const bounded = `(?<!${WORD})${src}(?!${WORD})`;
  let global: RegExp | undefined;
  const compiled: CompiledPhrase = {
    source: phrase,
    required,
    checkOrder: [...required].sort((a, b) => rarity(b) - rarity(a)),
    others: required.filter((t) => t !== anchor),
    othersReach: distanceBefore.map((d) => d + 200).filter((_, k) => required[k] !== anchor),
    sticky: registerPhrasePattern(new RegExp(bounded, 'iy')),
    get global() {
      return (global ??= registerPhrasePattern(new RegExp(bounded, 'ig')));
    },
    anchor: anchor!,
    direct: directLookup(tokens),
  };
  // Shared by catalogues (each playbook version makes one): bounded, so that editing playbooks all day does not grow it.
  setBounded(phraseCache, phrase, compiled, maxPhrases);
  return compiled;
}

const PLAIN_ALTERNATIVE = /^[A-Za-z0-9]+\*?$/;

function directLookup(tokens: PhraseToken[]): CompiledPhrase['direct'] {
  const token = tokens[0];
  if (tokens.length !== 1 || token.kind !== 'alternatives') return undefined;
  if (!token.alternatives.every((a) => a.length === 1 && PLAIN_ALTERNATIVE.test(a[0]))) return undefined;
  const alts = token.alternatives.map((a) => a[0]);
  const words = alts.filter((a) => !a.endsWith('*')).map((a) => a.toLowerCase());
  const prefixes = alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1).toLowerCase());
  return { words, prefixes };
}

const anchors = new Map<string, Anchor>();

/** One object per distinct anchor, so that a word index looks each up once however many phrases share it. */
function intern(anchor: Anchor): Anchor {
  const key = JSON.stringify(anchor);
  const known = anchors.get(key);
  if (known) return known;
  setBounded(anchors, key, anchor, maxPhrases);
  return anchor;
}

/** How a token is looked up in the word index. */
function anchorFor(alts: string[]): Anchor {
  const words: string[] = [];
  const prefixes: string[] = [];
  for (const alt of alts) {
    const star = alt.endsWith('*');
    const bare = (star ? alt.slice(0, -1) : alt).toLowerCase();
    const segments = bare.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (segments.length <= 1) {
      if (star) prefixes.push(bare);
      else words.push(bare);
      continue;
    }
    // "re-export" is the words "re" + "export" when hyphenated, "reexport" when written as one word.
    words.push(segments[0]);
    prefixes.push(segments.join(''));
  }
  if (prefixes.length === 0) return { kind: 'words', words };
  if (words.length === 0) return { kind: 'prefixes', prefixes };
  return { kind: 'mixed', words, prefixes };
}


/** Word positions of one text, built once and shared by every phrase lookup on that text. */
export class WordIndex {
  readonly byWord = new Map<string, number[]>();
  readonly numbers: number[] = [];
  private sortedKeys: string[] | undefined;
  private readonly candidateCache = new Map<Anchor, number[]>();
  private readonly presence = new Map<Anchor, boolean>();

  constructor(readonly text: string) {
    // Words are maximal runs of word characters (isWordChar), found with a character loop: a regular expression
    // would allocate a match per word.
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        if (c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5) this.numbers.push(i); // $ € £ ¥
        i++;
        continue;
      }
      const start = i;
      let plain = c < 128 && !(c >= 65 && c <= 90);
      i++;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (!isWordChar(d)) break;
        if (d >= 128 || (d >= 65 && d <= 90)) plain = false;
      }
      const word = text.slice(start, i);
      const key = plain ? word : word.toLowerCase();
      if (c >= 48 && c <= 57) this.numbers.push(start);
      const list = this.byWord.get(key);
      if (list) list.push(start);
      else this.byWord.set(key, [start]);
      if (NUMBER_WORD_SET.has(key)) this.numbers.push(start);
    }
  }

  /** Start offsets of every match of `phrase` in the text, in order. */
  find(phrase: CompiledPhrase): readonly Span[] {
    // Cheap pre-check: a phrase whose words are not all in the text cannot match; most phrases stop here.
    for (const token of phrase.checkOrder) if (!this.present(token)) return NO_SPANS;
    if (phrase.direct) return this.findWords(phrase.direct);
    const candidates = this.candidates(phrase.anchor);
    // A first-token position is tried only when every other word of the phrase follows it closely enough.
    const others = phrase.others;
    const lists = otherLists;
    lists.length = 0;
    for (const token of others) lists.push(this.candidates(token));
    const next = scratch(others.length);
    let out: Span[] | undefined;
    const re = phrase.sticky;
    let lastEnd = -1;
    for (const pos of candidates) {
      if (pos < lastEnd) continue;
      let near = true;
      for (let k = 0; k < lists.length && near; k++) {
        const list = lists[k];
        let i = next[k];
        while (i < list.length && list[i] < pos) i++;
        next[k] = i;
        near = i < list.length && list[i] - pos <= phrase.othersReach[k];
      }
      if (!near) continue;
      re.lastIndex = pos;
      // test() and lastIndex give the match's end without allocating a match array.
      if (re.test(this.text)) {
        (out ??= []).push({ start: pos, end: re.lastIndex });
        lastEnd = re.lastIndex;
      }
    }
    return out ?? NO_SPANS;
  }

  /** Matches of a one-word phrase, straight from the index (see CompiledPhrase.direct). */
  private findWords(direct: NonNullable<CompiledPhrase['direct']>): Span[] {
    const out: Span[] = [];
    const add = (key: string, positions: number[]) => {
      for (const pos of positions) if (isAscii(this.text, pos, key.length)) out.push({ start: pos, end: pos + key.length });
    };
    for (const w of direct.words) {
      const list = this.byWord.get(w);
      if (list) add(w, list);
    }
    if (direct.prefixes.length) {
      const keys = this.keys();
      const seen = new Set<string>(direct.words);
      for (const p of direct.prefixes) {
        for (let i = firstAtOrAfter(keys, p); i < keys.length && keys[i].startsWith(p); i++) {
          const key = keys[i];
          // The pattern allows 30 more word characters after a prefix.
          if (seen.has(key) || key.length > p.length + 30) continue;
          seen.add(key);
          add(key, this.byWord.get(key)!);
        }
      }
    }
    if (direct.words.length + direct.prefixes.length > 1) out.sort((a, b) => a.start - b.start);
    return out;
  }

  /** The distinct words of the text, sorted (for prefix lookups). */
  keys(): string[] {
    return (this.sortedKeys ??= [...this.byWord.keys()].sort());
  }

  /** True when one of the anchor's words occurs (cached per anchor; cheaper than listing the positions). */
  private present(anchor: Anchor): boolean {
    let known = this.presence.get(anchor);
    if (known === undefined) {
      if (anchor.kind === 'numbers') known = this.numbers.length > 0;
      else {
        known = (anchor.kind !== 'prefixes' && anchor.words.some((w) => this.byWord.has(w))) || (anchor.kind !== 'words' && this.hasPrefix(anchor.prefixes));
      }
      this.presence.set(anchor, known);
    }
    return known;
  }

  private hasPrefix(prefixes: readonly string[]): boolean {
    const keys = this.keys();
    return prefixes.some((p) => {
      const at = firstAtOrAfter(keys, p);
      return at < keys.length && keys[at].startsWith(p);
    });
  }

  /** Positions where the anchor's words start, sorted (cached per anchor: many phrases share their words). */
  private candidates(anchor: Anchor): number[] {
    let list = this.candidateCache.get(anchor);
    if (!list) this.candidateCache.set(anchor, (list = this.lookUp(anchor)));
    return list;
  }

  private lookUp(anchor: Anchor): number[] {
    if (anchor.kind === 'numbers') {
      const lists = [this.numbers];
      for (const w of anchor.words ?? []) {
        const list = this.byWord.get(w);
        if (list) lists.push(list);
      }
      return mergeSorted(lists);
    }
    const lists: number[][] = [];
    if (anchor.kind === 'words' || anchor.kind === 'mixed') {
      for (const w of anchor.words) {
        const list = this.byWord.get(w);
        if (list) lists.push(list);
      }
    }
    if (anchor.kind === 'prefixes' || anchor.kind === 'mixed') {
      const keys = this.keys();
      const seen = new Set<string>();
      for (const p of anchor.prefixes) {
        for (let i = firstAtOrAfter(keys, p); i < keys.length && keys[i].startsWith(p); i++) {
          if (seen.has(keys[i])) continue;
          seen.add(keys[i]);
          lists.push(this.byWord.get(keys[i])!);
        }
      }
    }
    if (lists.length === 0) return [];
    return mergeSorted(lists);
  }
}

/** The union of sorted position lists, sorted (merged pairwise: cheaper than sorting the concatenation). */
function mergeSorted(lists: number[][]): number[] {
  while (lists.length > 1) {
    const merged: number[][] = [];
    for (let i = 0; i < lists.length; i += 2) merged.push(i + 1 < lists.length ? mergeTwo(lists[i], lists[i + 1]) : lists[i]);
    lists = merged;
  }
  return lists[0];
}

function mergeTwo(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

const NUMBER_WORD_SET = new Set(NUMBER_WORDS.split('|'));

/** What find returns when nothing matches (shared: most phrases match nothing in a given text). */
const NO_SPANS: readonly Span[] = Object.freeze([]);
/** The candidate lists of a phrase's other words, reused between calls (find is not re-entrant). */
const otherLists: number[][] = [];

let scratchBuffer = new Int32Array(16);

/** A zeroed Int32Array of at least `n` entries, reused between calls (find is not re-entrant). */
function scratch(n: number): Int32Array {
  if (scratchBuffer.length < n) scratchBuffer = new Int32Array(n * 2);
  scratchBuffer.fill(0, 0, n);
  return scratchBuffer;
}

/**
 * True for the word characters of the patterns (WORD_CHARS): ASCII letters and digits and the Latin, Greek and
 * Cyrillic letter blocks. The index must split words exactly where the patterns' word boundaries fall: a pattern
 * word that follows a letter of another script ("中文Training") starts a word of the index too.
 */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x4ff);
}

/**
 * True when the `length` characters at `pos` are ASCII. An index key is the lower-cased word, and a few non-ASCII
 * letters lower-case to ASCII ones (the Kelvin sign to "k") where the phrase's pattern would not match them.
 */
function isAscii(text: string, pos: number, length: number): boolean {
  for (let i = pos; i < pos + length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** One match of one entry of a phrase table. */
export interface PhraseMatch {
  /** Index of the entry in the list the PhraseSet was built from. */
  entry: number;
  start: number;
  end: number;
}

/**
 * An inverted index over a list of phrases: for a text, only the phrases one of whose words occurs in it are
 * tried. This keeps the scan proportional to the text, not to text × catalogue size. A phrase listed several times
 * (the same words signal several clauses) is looked for once.
 */
export class PhraseSet {
  /** The distinct phrases, and for each the entries (indexes into the list given) that use it. */
  private readonly distinct: CompiledPhrase[] = [];
  private readonly entriesOf: number[][] = [];
  private readonly byWord = new Map<string, number[]>();
  /** Prefix triggers, sorted by prefix. */
  private readonly byPrefix: { prefix: string; phrases: number[] }[] = [];
  private readonly numeric: number[] = [];
  /** Stamps of the last scan that tried each distinct phrase. */
  private readonly tried: Uint32Array;
  private scan = 0;

  constructor(readonly phrases: readonly CompiledPhrase[]) {
    const indexOf = new Map<CompiledPhrase, number>();
    const prefixes = new Map<string, number[]>();
    phrases.forEach((p, entry) => {
      let d = indexOf.get(p);
      if (d === undefined) {
        d = this.distinct.length;
        indexOf.set(p, d);
        this.distinct.push(p);
        this.entriesOf.push([]);
        const trigger = rarestToken(p.required) ?? p.anchor;
        if (trigger.kind === 'numbers') this.numeric.push(d);
        if (trigger.kind === 'words' || trigger.kind === 'mixed') for (const w of trigger.words) push(this.byWord, w, d);
        if (trigger.kind === 'prefixes' || trigger.kind === 'mixed') for (const pre of trigger.prefixes) push(prefixes, pre, d);
      }
      this.entriesOf[d].push(entry);
    });
    for (const [prefix, list] of [...prefixes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) this.byPrefix.push({ prefix, phrases: list });
    this.tried = new Uint32Array(this.distinct.length);
  }

  /** Every match of every entry in the indexed text, by start (then entry). */
  matches(index: WordIndex): PhraseMatch[] {
    const stamp = ++this.scan;
    const out: PhraseMatch[] = [];
    const attempt = (d: number) => {
      if (this.tried[d] === stamp) return;
      this.tried[d] = stamp;
      const spans = index.find(this.distinct[d]);
      if (spans.length === 0) return;
      const entries = this.entriesOf[d];
      for (const span of spans) for (const entry of entries) out.push({ entry, start: span.start, end: span.end });
    };
    for (const word of index.byWord.keys()) {
      const exact = this.byWord.get(word);
      if (exact) for (const d of exact) attempt(d);
    }
    if (this.byPrefix.length) {
      const keys = index.keys();
      for (const { prefix, phrases } of this.byPrefix) {
        const at = firstAtOrAfter(keys, prefix);
        if (at < keys.length && keys[at].startsWith(prefix)) for (const d of phrases) attempt(d);
      }
    }
    if (index.numbers.length) for (const d of this.numeric) attempt(d);
    return out.sort((a, b) => a.start - b.start || a.entry - b.entry);
  }
}

/**
 * Phrase matches of texts that change a little at a time (the chunk an editor user is typing in). No match spans a
 * blank line: a pattern crosses a line break only inside a separator, each separator crosses at most one, and
 * separators are divided by words, while a blank line holds no word character. So the matches of a text are the
 * matches of its runs of lines between blank lines; each run's matches are cached under its text, and only runs not
 * seen before are scanned. A chunk with no known run is scanned whole (cheaper than run by run) and its matches filed
 * under its runs. At most `maxRuns` runs are kept (the least recently used go first), each with its own copy of its
 * text.
 */
export class RunMatcher {
  /** Matches per run: entry, start, end (relative to the run) for each. */
  private readonly runs = new Map<string, { hits: Int32Array; used: number }>();
  private generation = 0;

  constructor(
    private readonly set: PhraseSet,
    private readonly maxRuns = 8192,
  ) {}

  matches(text: string): PhraseMatch[] {
    const generation = ++this.generation;
    const starts = runStarts(text);
    const keys: string[] = [];
    const known: (Int32Array | undefined)[] = [];
    let anyKnown = false;
    for (let i = 0; i < starts.length; i++) {
      const key = text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length);
      const cached = this.runs.get(key);
      if (cached) {
        cached.used = generation;
        anyKnown = true;
      }
      keys.push(key);
      known.push(cached?.hits);
    }
    if (!anyKnown) {
      const whole = this.set.matches(new WordIndex(text));
      let h = 0;
      for (let i = 0; i < starts.length; i++) {
        const end = i + 1 < starts.length ? starts[i + 1] : text.length;
        const from = h;
        while (h < whole.length && whole[h].start < end) h++;
        this.store(keys[i], (known[i] = packRun(whole, from, h, starts[i])), generation);
      }
    } else {
      for (let i = 0; i < starts.length; i++) {
        if (known[i]) continue;
        const found = this.set.matches(new WordIndex(keys[i]));
        this.store(keys[i], (known[i] = packRun(found, 0, found.length, 0)), generation);
      }
    }
    // One way to assemble the result, however the runs were found: the code an edit runs is the code opening ran.
    const out: PhraseMatch[] = [];
    for (let i = 0; i < starts.length; i++) {
      const hits = known[i]!;
      const at = starts[i];
      for (let k = 0; k < hits.length; k += 3) out.push({ entry: hits[k], start: hits[k + 1] + at, end: hits[k + 2] + at });
    }
    if (this.runs.size > this.maxRuns) this.forgetOldest();
    return out;
  }

  private store(key: string, hits: Int32Array, generation: number): void {
    // The run's own copy of its text: a slice would keep the whole chunk mask it was cut from alive.
    this.runs.set((' ' + key).slice(1), { hits, used: generation });
  }

  /** Keeps the more recently used half of the runs. */
  private forgetOldest(): void {
    const used = [...this.runs.values()].map((r) => r.used).sort((a, b) => a - b);
    const cut = used[used.length >> 1];
    for (const [key, run] of this.runs) if (run.used < cut) this.runs.delete(key);
  }
}

const NO_HITS = new Int32Array(0);

function packRun(matches: PhraseMatch[], from: number, to: number, runStart: number): Int32Array {
  if (from === to) return NO_HITS;
  const out = new Int32Array((to - from) * 3);
  for (let i = from, k = 0; i < to; i++, k += 3) {
    out[k] = matches[i].entry;
    out[k + 1] = matches[i].start - runStart;
    out[k + 2] = matches[i].end - runStart;
  }
  return out;
}

/**
 * Where the runs of `text` start: a run ends after the line break that ends its last line, and a blank line (only
 * white space) begins the next run.
 */
export function runStarts(text: string): number[] {
  const starts = [0];
  let lineStart = 0;
  let blank = true;
  let previousBlank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (blank && !previousBlank) starts.push(lineStart);
      previousBlank = blank;
      lineStart = i + 1;
      blank = true;
    } else if (blank && !isWhiteSpace(c)) blank = false;
  }
  return starts;
}

const COMMON = new Set(
  'the a an of to in on at by for and or not no any all each such this that these those with from be is are was it its as shall will may must can has have'.split(' '),
);

/** How likely a token is to be rare in a text: a whole word over a prefix, long words over short ones; stop words and numbers score lowest. */
function rarity(t: Anchor): number {
  if (t.kind === 'words') return t.words.some((w) => COMMON.has(w)) ? 1 : 100 + Math.min(...t.words.map((w) => w.length));
  if (t.kind === 'prefixes') return 50 + Math.min(...t.prefixes.map((w) => w.length));
  if (t.kind === 'mixed') return 40;
  return 0;
}

/** The token most likely to be rare, never a stop word. */
function rarestToken(tokens: Anchor[]): Anchor | undefined {
  let best: Anchor | undefined;
  let bestScore = -1;
  for (const t of tokens) {
    const score = rarity(t);
    if (score === 1) continue;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface Span {
  start: number;
  end: number;
}

/** True when `text` contains the phrase (for short strings such as titles). */
export function phraseMatches(phrase: CompiledPhrase, text: string): boolean {
  phrase.global.lastIndex = 0;
  return phrase.global.test(text);
}
