/**
 * A small structural safety checker for JavaScript regular expressions, used by test/unit/regex-safety.test.ts.
 *
 * It parses a pattern into sequence / alternation / group / quantifier / atom nodes and looks for the shape behind
 * catastrophic backtracking: a repetition nested inside another repetition (star height > 1) whose characters
 * overlap what may follow it inside the outer loop — `(a+)+`, `(\w+\s?)*`, `(?:x{1,80}y?){0,8}` with x∩y ≠ ∅ —
 * so that one input can be split between iterations in exponentially many ways. Character sets are compared on a
 * representative alphabet (all of ASCII plus typical non-ASCII letters, digits, spaces, quotes and dashes), by
 * running each atom as its own RegExp with the pattern's flags.
 */

export type Node =
  | { type: 'alt'; alts: Node[] }
  | { type: 'seq'; items: Node[] }
  | { type: 'group'; body: Node; look: boolean }
  | { type: 'quant'; body: Node; min: number; max: number; src: string }
  | { type: 'atom'; src: string }
  | { type: 'assert'; src: string };

export const ALPHABET: string[] = (() => {
  const chars: string[] = [];
  for (let c = 0; c < 128; c++) chars.push(String.fromCharCode(c));
  chars.push(
    '\u00a0', 'é', 'É', 'ß', 'ñ', 'Ж', 'ж', 'Ω', '中', 'ア', 'م', '٣', '²', '½', '\u0301', '\u2010', '\u2011', '\u2013', '\u2014',
    '\u2018', '\u2019', '\u201c', '\u201d', '\u2026', '\u2028', '\u2029', '\u200b', '\u200d', '\ufeff', '\u3000', '€', '£', '¥',
    '§', '©', '\ufffd', '\u{1F600}',
  );
  return chars;
})();

/** Parses a regex source. Throws on syntax it does not know (the caller then reports the pattern). */
export function parseRegex(source: string, unicode: boolean): Node {
  let i = 0;
  const n = source.length;

  function parseAlt(): Node {
    const alts: Node[] = [parseSeq()];
    while (i < n && source[i] === '|') {
      i++;
      alts.push(parseSeq());
    }
    return alts.length === 1 ? alts[0] : { type: 'alt', alts };
  }

  function parseSeq(): Node {
    const items: Node[] = [];
    while (i < n && source[i] !== '|' && source[i] !== ')') {
      const start = i;
      let atom = parseAtom();
      const q = parseQuantifier();
      if (q) atom = { type: 'quant', body: atom, min: q.min, max: q.max, src: source.slice(start, i) };
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  function parseQuantifier(): { min: number; max: number } | undefined {
    const c = source[i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return undefined; // a literal brace (only legal without the u flag)
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length - 1;
      q = { min, max };
    }
    if (!q) return undefined;
    i++;
    if (source[i] === '?') i++; // lazy
    return q;
  }

  function parseEscape(): string {
    // at a backslash
    const start = i;
    i++;
    const c = source[i];
    if (c === undefined) throw new Error('trailing backslash');
    if ((c === 'p' || c === 'P') && unicode && source[i + 1] === '{') {
      const close = source.indexOf('}', i);
      i = close + 1;
    } else if (c === 'u' && source[i + 1] === '{') {
      i = source.indexOf('}', i) + 1;
    } else if (c === 'u') i += 5;
    else if (c === 'x') i += 3;
    else if (c === 'c') i += 2;
    else if (c === 'k' && source[i + 1] === '<') i = source.indexOf('>', i) + 1;
    else if (/[1-9]/.test(c)) {
      i++;
      while (/[0-9]/.test(source[i] ?? '')) i++;
    } else i++;
    return source.slice(start, i);
  }

  function parseClass(): string {
    const start = i;
    i++; // [
    if (source[i] === '^') i++;
    if (source[i] === ']' && !unicode) i++;
    while (i < n && source[i] !== ']') {
      if (source[i] === '\\') parseEscape();
      else i++;
    }
    if (source[i] !== ']') throw new Error('unterminated character class');
    i++;
    return source.slice(start, i);
  }

  function parseAtom(): Node {
    const c = source[i];
    if (c === '(') {
      i++;
      let look = false;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
        look = true;
        i += 2;
      } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
        look = true;
        i += 3;
      } else if (source.startsWith('?<', i)) {
        i = source.indexOf('>', i) + 1;
      } else if (source[i] === '?') throw new Error(`unknown group syntax at ${i}`);
      const body = parseAlt();
      if (source[i] !== ')') throw new Error(`unterminated group`);
      i++;
      return { type: 'group', body, look };
    }
    if (c === '^' || c === '$') {
      i++;
      return { type: 'assert', src: c };
    }
    if (c === '\\') {
      const e = parseEscape();
      if (e === '\\b' || e === '\\B') return { type: 'assert', src: e };
      return { type: 'atom', src: e };
    }
    if (c === '[') return { type: 'atom', src: parseClass() };
    // A literal character (a whole code point with the u flag).
    const cp = unicode ? String.fromCodePoint(source.codePointAt(i)!) : c;
    i += cp.length;
    return { type: 'atom', src: cp };
  }

  const tree = parseAlt();
  if (i !== n) throw new Error(`unexpected "${source[i]}" at ${i}`);
  return tree;
}

type CharSet = Set<string>;

export class RegexAnalysis {
  private readonly atomCache = new Map<string, CharSet>();
  readonly flags: string;
  readonly tree: Node;
  readonly problems: string[] = [];

  constructor(readonly source: string, flags: string) {
    this.flags = flags.replace(/[gyd]/g, '');
    this.tree = parseRegex(source, /[uv]/.test(flags));
    this.check(this.tree, new Set(), 0);
  }

  /** Representative characters an atom matches. Back-references match anything. */
  atomSet(src: string): CharSet {
    const cached = this.atomCache.get(src);
    if (cached) return cached;
    const set: CharSet = new Set();
    if (/^\\(?:[1-9]|k<)/.test(src)) for (const c of ALPHABET) set.add(c);
    else {
      const re = new RegExp(`^(?:${src})$`, this.flags);
      for (const c of ALPHABET) if (re.test(c)) set.add(c);
    }
    this.atomCache.set(src, set);
    return set;
  }

  /** Every representative character any atom of the pattern matches (for building adversarial inputs). */
  involved(): CharSet {
    const out: CharSet = new Set();
    const walk = (node: Node): void => {
      if (node.type === 'atom') for (const c of this.atomSet(node.src)) out.add(c);
      else if (node.type === 'alt') node.alts.forEach(walk);
      else if (node.type === 'seq') node.items.forEach(walk);
      else if (node.type === 'group' || node.type === 'quant') walk(node.body);
    };
    walk(this.tree);
    return out;
  }

  nullable(node: Node): boolean {
    switch (node.type) {
      case 'atom':
        return false;
      case 'assert':
        return true;
      case 'group':
        return node.look || this.nullable(node.body);
      case 'quant':
        return node.min === 0 || this.nullable(node.body);
      case 'seq':
        return node.items.every((x) => this.nullable(x));
      case 'alt':
        return node.alts.some((x) => this.nullable(x));
    }
  }

  first(node: Node): CharSet {
    switch (node.type) {
      case 'atom':
        return this.atomSet(node.src);
      case 'assert':
        return new Set();
      case 'group':
        return node.look ? new Set() : this.first(node.body);
      case 'quant':
        return this.first(node.body);
      case 'alt': {
        const out: CharSet = new Set();
        for (const a of node.alts) for (const c of this.first(a)) out.add(c);
        return out;
      }
      case 'seq': {
        const out: CharSet = new Set();
        for (const item of node.items) {
          for (const c of this.first(item)) out.add(c);
          if (!this.nullable(item)) break;
        }
        return out;
      }
    }
  }

  /** Walks the tree with the set of characters that may follow each node and the number of enclosing loops. */
  private check(node: Node, follow: CharSet, loops: number): void {
    switch (node.type) {
      case 'atom':
      case 'assert':
        return;
      case 'group':
        // A lookaround is matched on its own and never backtracked into from outside.
        if (node.look) this.check(node.body, new Set(), 0);
        else this.check(node.body, follow, loops);
        return;
      case 'alt':
        for (const a of node.alts) this.check(a, follow, loops);
        return;
      case 'seq': {
        let after = follow;
        for (let k = node.items.length - 1; k >= 0; k--) {
          const item = node.items[k];
          this.check(item, after, loops);
          const f = this.first(item);
          after = this.nullable(item) ? union(f, after) : f;
        }
        return;
      }
      case 'quant': {
        if (node.max < 2) {
          this.check(node.body, follow, loops);
          return;
        }
        const bodyFirst = this.first(node.body);
        const inner = union(bodyFirst, follow);
        const big = node.max === Infinity || node.max >= 10;
        if (big && loops > 0) {
          const overlap = [...bodyFirst].filter((c) => follow.has(c));
          if (overlap.length) {
            this.problems.push(
              `nested repetition ${node.src} (inside another repetition) can match the same characters as what follows it: ${describe(overlap)}`,
            );
          }
        }
        if (this.nullable(node.body) && big) this.problems.push(`repetition ${node.src} of a sub-pattern that can match the empty string`);
        this.check(node.body, inner, loops + 1);
        return;
      }
    }
  }
}

function union(a: CharSet, b: CharSet): CharSet {
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out;
}

function describe(chars: string[]): string {
  const shown = chars.slice(0, 12).map((c) => JSON.stringify(c)).join(' ');
  return chars.length > 12 ? `${shown} … (${chars.length} characters)` : shown;
}

/** Adversarial inputs (about `size` characters each) for a pattern: long runs of the characters it involves. */
export function adversarialInputs(analysis: RegexAnalysis, size = 50_000): string[] {
  const involved = [...analysis.involved()];
  // One representative per "signature" (the set of atoms that match it), so every distinct behaviour is tried.
  const atoms: string[] = [];
  const collect = (node: Node): void => {
    if (node.type === 'atom') atoms.push(node.src);
    else if (node.type === 'alt') node.alts.forEach(collect);
    else if (node.type === 'seq') node.items.forEach(collect);
    else if (node.type === 'group' || node.type === 'quant') collect(node.body);
  };
  collect(analysis.tree);
  const uniqueAtoms = [...new Set(atoms)];
  const bySignature = new Map<string, string>();
  for (const c of involved) {
    const sig = uniqueAtoms.map((a) => (analysis.atomSet(a).has(c) ? '1' : '0')).join('');
    if (!bySignature.has(sig)) bySignature.set(sig, c);
  }
  const reps = [...bySignature.values()].slice(0, 8);
  const out = new Set<string>();
  const fill = (unit: string) => unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
  for (const c of reps) {
    out.add(fill(c));
    out.add(fill(c) + '\u0000!');
  }
  for (let a = 0; a < reps.length; a++) for (let b = a + 1; b < Math.min(reps.length, a + 3); b++) out.add(fill(reps[a] + reps[b]) + '\u0000');
  // Words the pattern spells out, repeated with separators ("best efforts best efforts ...").
  const words = analysis.source.match(/(?<!\\[pPux]?)[A-Za-z]{3,}/g) ?? [];
  const distinct = [...new Set(words.map((w) => w.toLowerCase()))].slice(0, 6);
  if (distinct.length) {
    out.add(fill(distinct.join(' ') + ' '));
    out.add(fill(distinct[0] + ' '.repeat(40)) + '!');
    out.add(fill(distinct.join('\n ') + ' \n'));
  }
  return [...out];
}
