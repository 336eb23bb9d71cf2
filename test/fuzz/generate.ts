/**
 * Fuzz inputs: random Markdown drafts built from legal-looking blocks, and mutations of real documents (the shared
 * corpus in ../shared/corpus when present, the repository's examples/, and the benchmark's generated drafts): cut,
 * spliced, duplicated and corrupted, with random tables, lists, HTML, front matter, unicode, CRLF/CR line ends, NUL,
 * BOM and tabs.
 *
 * Everything is derived from one seed: document i of seed s is `fuzzDocument(s, i)`, so a failure found in a run of
 * 10,000 is reproduced alone from (seed, index).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDraft, rng } from '../../bench/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '..', '..');

export interface Source {
  name: string;
  text: string;
}

let sourcesCache: Source[] | undefined;

/** Real documents to mutate: the shared corpus (if present), examples/, and a few generated drafts. */
export function sources(): Source[] {
  if (sourcesCache) return sourcesCache;
  const out: Source[] = [];
  for (const dir of [resolve(REPO, '..', 'shared', 'corpus'), join(REPO, 'examples'), join(REPO, 'test', 'corpus')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.md') && f !== 'README.md') out.push({ name: `${dir.split('/').slice(-1)[0]}/${f}`, text: readFileSync(join(dir, f), 'utf8') });
    }
  }
  for (const [size, seed] of [[6_000, 1], [15_000, 2], [30_000, 3]]) out.push({ name: `generated-${size}-${seed}`, text: generateDraft(size, seed) });
  sourcesCache = out;
  return out;
}

export class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const WORDS = (
  'the Provider Customer shall will may must not Licensee Licensor AI System Output Outputs Input Training data model ' +
  'Agreement Section Clause Schedule Exhibit Confidential Information Personal Data Fees Service Levels days Business ' +
  'reasonable efforts best promptly timely industry standard and/or including but not limited to etc material sole ' +
  'discretion owns own assigns licence license train fine-tune evaluate deletion delete audit notify within hours ' +
  'percent % 99.9% thirty (30) indemnify indemnification liability cap warranty termination party parties hereby ' +
  'human oversight bias transparency model card provenance watermark hallucination accuracy security incident'
).split(' ');

const UNICODE = [
  'é', 'ß', 'Ω', 'Ж', 'م', 'עברית', '中文', '日本語', '한국어', '😀', '👩‍⚖️', '🇪🇺', '\u0301', '\u200b', '\u200d', '\u00a0',
  '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\u202e', '“', '”', '‘', '’', '–', '—', '…', '§', '¶', '€', '£',
];

const HTML = [
  '<span class="header_2" id="1">Service</span>',
  '<!-- comment -->',
  '<!-- ai-clauses-disable-next-line vague-time -->',
  '<!-- ai-clauses-disable-file and-or -->',
  '<!-- ai-clauses-disable-next-line -->',
  '<!-- unterminated comment',
  '<div>\n\n**Block** html\n\n</div>',
  '<br>',
  '<a href="#x">link</a>',
  '<script>alert(1)</script>',
  '<details><summary>Note</summary>text</details>',
  '<span class="coverpage_link">Customer</span>',
];

function words(r: Rand, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = r.pick(WORDS);
    if (r.chance(0.03)) w = r.pick(UNICODE) + w;
    if (r.chance(0.05)) w = `**${w}**`;
    else if (r.chance(0.03)) w = `_${w}_`;
    else if (r.chance(0.03)) w = `\`${w}\``;
    else if (r.chance(0.02)) w = `[${w}](#${w})`;
    else if (r.chance(0.02)) w = `"${w}"`;
    out.push(w);
  }
  return out.join(' ');
}

function sentence(r: Rand): string {
  const kind = r.int(10);
  switch (kind) {
    case 0:
      return `**"${r.pick(['AI System', 'Output', 'Customer Data', 'Training', 'Foo', 'Model'])}"** means ${words(r, r.between(3, 15))}.`;
    case 1:
      return `${r.pick(['Provider', 'Customer', 'The AI', 'Each party'])} shall ${words(r, r.between(2, 12))} within ${r.pick(['30', 'thirty (30)', 'ten', '5 Business', '24'])} ${r.pick(['days', 'hours', '', 'Business Days'])}.`;
    case 2:
      return `Subject to ${r.pick(['Section', 'Clause', 'Article', 'Schedule', 'section'])} ${r.between(0, 30)}${r.chance(0.5) ? `.${r.between(1, 9)}` : ''}${r.chance(0.3) ? `(${r.pick(['a', 'b', 'iv'])})` : ''}${r.chance(0.4) ? ` (${words(r, 2)})` : ''}, ${words(r, 6)}.`;
    case 3:
      return `${words(r, 4)} ("${r.pick(['Licensee', 'Licensor', 'Provider', 'Customer', 'Vendor'])}") ${words(r, 4)}.`;
    case 4:
      return `${words(r, 3)} ${r.pick(['reasonable efforts', 'best efforts', 'promptly', 'and/or', 'etc.', 'in its sole discretion', 'material', 'industry standard', 'including but not limited to', 'will be deleted', '[TBD]', '[Party Name]', '99.9% uptime', 'ten (11) days'])} ${words(r, 3)}.`;
    default:
      return `${words(r, r.between(3, 25))}.`;
  }
}

function paragraph(r: Rand): string {
  const n = r.between(1, 5);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(r));
  return out.join(r.chance(0.1) ? '\n' : ' ');
}

function table(r: Rand): string {
  const cols = r.between(1, 8);
  const rows = r.between(0, 12);
  const cell = () => (r.chance(0.1) ? '' : r.chance(0.1) ? '\\|' : words(r, r.between(1, 4)));
  const line = (n: number) => `|${Array.from({ length: n }, cell).join('|')}|`;
  const out = [line(cols), `|${Array.from({ length: r.chance(0.1) ? cols + 1 : cols }, () => r.pick(['---', ':--', '--:', ':-:', '-'])).join('|')}|`];
  for (let i = 0; i < rows; i++) out.push(r.chance(0.1) ? words(r, 3) : line(r.chance(0.2) ? r.between(1, 10) : cols));
  return out.join('\n');
}

function list(r: Rand, depth = 0): string {
  const n = r.between(1, 6);
  const out: string[] = [];
  const ordered = r.chance(0.5);
  for (let i = 0; i < n; i++) {
    const marker = ordered ? r.pick([`${i + 1}.`, `${i + 1})`, `(${'abcdefgh'[i]})`, `${'abcdefgh'[i]}.`]) : r.pick(['-', '*', '+']);
    out.push(`${'  '.repeat(depth)}${marker} ${r.chance(0.2) ? `**${words(r, 2)}.** ` : ''}${sentence(r)}`);
    if (depth < 6 && r.chance(0.25)) out.push(list(r, depth + 1));
  }
  return out.join('\n');
}

function frontMatter(r: Rand): string {
  return r.pick([
    `---\ntitle: ${words(r, 3)}\nparties:\n  - name: Provider\n  - name: Customer\n---\n`,
    `---\ntitle: "unterminated\n: : bad yaml [\n---\n`,
    `---\nfoo: bar\n`,
    `+++\ntitle = "toml"\n+++\n`,
    `---\n---\n`,
    `---\nai-clauses:\n  rules: { vague-time: off }\n---\n`,
  ]);
}

function block(r: Rand, number: { n: number }): string {
  const kind = r.int(16);
  switch (kind) {
    case 0:
    case 1: {
      number.n++;
      const hashes = '#'.repeat(r.between(1, 6));
      const num = r.chance(0.7) ? `${number.n}${r.chance(0.4) ? `.${r.between(1, 9)}` : ''}${r.chance(0.5) ? '.' : ''} ` : '';
      return `${hashes} ${num}${r.pick(['Definitions', 'Ownership of Outputs', 'Training Data', 'Confidentiality', 'Fees', 'Service Levels', 'Term', 'Liability', 'Indemnity', 'Human Oversight', words(r, 3)])}`;
    }
    case 2:
      return list(r);
    case 3:
      return table(r);
    case 4:
      return r.pick(HTML);
    case 5:
      return `${'>'.repeat(r.between(1, 4))} ${paragraph(r)}`;
    case 6:
      return `${r.pick(['```', '~~~', '````'])}${r.pick(['', 'md', 'json'])}\n${paragraph(r)}${r.chance(0.7) ? `\n${r.pick(['```', '~~~'])}` : ''}`;
    case 7:
      return `**${number.n}.${r.between(1, 9)} ${words(r, 2)}.** ${paragraph(r)}`;
    case 8:
      return r.pick(['---', '***', '___', '', '   ', '\t', '    indented code', '[link]: https://example.invalid', '[^1]: footnote', '\\']);
    case 9:
      return Array.from({ length: r.between(1, 20) }, () => r.pick(UNICODE)).join('');
    default:
      return paragraph(r);
  }
}

export function randomDraft(r: Rand): string {
  const parts: string[] = [];
  if (r.chance(0.2)) parts.push(frontMatter(r));
  if (r.chance(0.6)) parts.push(`# ${r.pick(['AI Licence Agreement', 'Master Services Agreement', 'Terms', words(r, 3)])}`);
  if (r.chance(0.5)) parts.push(`This Agreement is made between **${words(r, 2)} Ltd** ("Provider") and **${words(r, 2)} Inc** ("Customer").`);
  const n = r.between(0, 40);
  const number = { n: 0 };
  for (let i = 0; i < n; i++) parts.push(block(r, number));
  return parts.join(r.chance(0.8) ? '\n\n' : '\n');
}

/** One random corruption of `text`. */
export function mutate(r: Rand, text: string, others: readonly Source[]): string {
  const len = text.length;
  const at = () => r.int(len + 1);
  const op = r.int(18);
  switch (op) {
    case 0: {
      // cut a range
      const a = at();
      const b = Math.min(len, a + r.int(Math.max(1, len / 4)));
      return text.slice(0, a) + text.slice(b);
    }
    case 1: {
      // splice in a slice of another document
      const o = r.pick(others).text;
      const a = r.int(o.length + 1);
      const piece = o.slice(a, a + r.between(1, 3000));
      const p = at();
      return text.slice(0, p) + piece + text.slice(p);
    }
    case 2: {
      // duplicate a range
      const a = at();
      const piece = text.slice(a, a + r.between(1, 2000));
      return text.slice(0, a) + piece + piece + text.slice(a);
    }
    case 3:
      return text.replace(/\r?\n/g, '\r\n');
    case 4:
      return text.replace(/\r?\n/g, '\r');
    case 5: {
      // random line ends, mixed
      return text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\n', '\u2028']));
    }
    case 6:
      return '\ufeff' + text;
    case 7: {
      const p = at();
      return text.slice(0, p) + r.pick(['\0', '\0\0\0', '\u0001\u0002\u0003', '\ufffd\ufffd', '\ud83d', '\ude00', '\x7f']) + text.slice(p);
    }
    case 8:
      return text.replace(/ {2,4}/g, () => (r.chance(0.5) ? '\t' : '  '));
    case 9: {
      // truncate (possibly inside a surrogate pair, a comment or a table)
      return text.slice(0, at());
    }
    case 10: {
      // insert random bytes decoded as UTF-8 (invalid sequences become U+FFFD) or Latin-1
      const bytes = Buffer.from(Array.from({ length: r.between(1, 200) }, () => r.int(256)));
      const p = at();
      return text.slice(0, p) + (r.chance(0.5) ? bytes.toString('utf8') : bytes.toString('latin1')) + text.slice(p);
    }
    case 11: {
      // insert a random structure
      const p = at();
      const number = { n: r.int(20) };
      return text.slice(0, p) + '\n' + block(r, number) + '\n' + text.slice(p);
    }
    case 12: {
      // shuffle some lines
      const lines = text.split('\n');
      for (let i = 0; i < Math.min(20, lines.length); i++) {
        const a = r.int(lines.length);
        const b = r.int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      return lines.join('\n');
    }
    case 13: {
      // a run of markup characters
      const p = at();
      return text.slice(0, p) + r.pick(['*', '_', '[', '(', '`', '|', '#', '>', '-', '<', '"', '\\']).repeat(r.between(1, 500)) + text.slice(p);
    }
    case 14: {
      // change case of a range
      const a = at();
      const b = Math.min(len, a + r.int(500));
      return text.slice(0, a) + (r.chance(0.5) ? text.slice(a, b).toUpperCase() : text.slice(a, b).toLowerCase()) + text.slice(b);
    }
    case 15: {
      // indent a range of lines
      const lines = text.split('\n');
      const a = r.int(lines.length);
      const ind = r.pick(['  ', '    ', '\t', '> ', '- ', '1. ']);
      for (let i = a; i < Math.min(lines.length, a + r.between(1, 30)); i++) lines[i] = ind + lines[i];
      return lines.join('\n');
    }
    case 16:
      return frontMatter(r) + text;
    default: {
      // swap two halves
      const p = at();
      return text.slice(p) + text.slice(0, p);
    }
  }
}

export interface FuzzDoc {
  seed: number;
  index: number;
  origin: string;
  text: string;
}

/** Document `index` of the run with seed `seed`. */
export function fuzzDocument(seed: number, index: number): FuzzDoc {
  const r = new Rand((seed * 2654435761 + index * 40503 + 1) >>> 0);
  const srcs = sources();
  const mode = r.int(10);
  let origin: string;
  let text: string;
  if (mode < 4) {
    origin = 'random';
    text = randomDraft(r);
    const m = r.int(3);
    for (let i = 0; i < m; i++) text = mutate(r, text, srcs);
  } else if (mode < 9) {
    const src = r.pick(srcs);
    origin = `mutated:${src.name}`;
    text = src.text;
    // Most runs use a window of the source, so documents stay small and varied.
    if (r.chance(0.8) && text.length > 6000) {
      const a = r.int(text.length);
      text = text.slice(a, a + r.between(300, 6_000));
    }
    const m = r.between(1, 6);
    for (let i = 0; i < m; i++) text = mutate(r, text, srcs);
  } else {
    origin = 'spliced';
    const parts: string[] = [];
    for (let i = r.between(2, 5); i > 0; i--) {
      const s = r.pick(srcs).text;
      const a = r.int(s.length);
      parts.push(s.slice(a, a + r.between(100, 4000)));
    }
    text = parts.join(r.pick(['', '\n', '\n\n', '\r\n']));
  }
  return { seed, index, origin, text };
}
