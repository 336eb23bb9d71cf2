/**
 * Assembles the document-level contract model (sections, definitions, cross-references, parties, obligation verb)
 * from the cached per-chunk facts. Linear in the number of facts; no text is re-parsed here.
 */
import type { ContractModel, CrossReference, Definition, Party, Section, SectionKind } from './types.js';
import type { ChunkFacts, BlockFact } from './parse.js';
import type { TextFacts } from './text-facts.js';
import { memoize } from './memo.js';
import { lastAtOrBefore } from './search.js';
import { lastPlacement, byIdentity } from './incremental/derived.js';

export interface PlacedChunk {
  offset: number;
  facts: ChunkFacts;
  text: TextFacts;
}

export interface DocumentFacts {
  model: ContractModel;
  /** Every prose block, absolute offsets, in order (assembled on first use). */
  readonly blocks: BlockFact[];
  /** The prose block containing `pos`, if any (found without assembling `blocks`). */
  blockAt(pos: number): BlockFact | undefined;
  markers: Record<string, number>;
  verbs: { shall: number; will: number; must: number };
  externalDefinitions: number;
  /** Terms marked up as defined elsewhere (`<span class="coverpage_link">`), lower-cased. */
  linkedTerms: Set<string>;
  textLength: number;
  /** Code blocks plus inline code spans. */
  codeSpans: number;
  /** Every section title in lower case, separated by NUL characters (for "is this phrase named in a title?"). */
  sectionTitles: string;
}

const NUMBER_PREFIX =
  /^[ \t]*(?:(Section|Article|Clause|Part|Schedule|Exhibit|Annex|Appendix|Paragraph)[ \t\u00a0]+)?((?:\d{1,3}(?:\.\d{1,3}){0,5})\.?|[A-Z](?:\.\d{1,3}){0,4}[.)]|[IVXLC]{1,6}[.)])(?=[ \t\u00a0]|$)[ \t\u00a0]*[-–—:]?[ \t\u00a0]*/;

/** Number, kind and title of a heading or run-in title; memoised, since titles repeat on every edit. */
export const parseNumberedTitle = memoize(computeNumberedTitle);

function computeNumberedTitle(raw: string): { number?: string; kind?: string; title: string } {
  const clean = raw.replace(/\s+/g, ' ').trim();
  const m = NUMBER_PREFIX.exec(clean);
  if (!m) return { title: stripTitle(clean) };
  const number = m[2].replace(/[.)]$/, '');
  const rest = clean.slice(m[0].length);
  return { number, kind: m[1] ? capitalise(m[1]) : undefined, title: stripTitle(rest) || (m[1] ? `${capitalise(m[1])} ${number}` : '') };
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1).toLowerCase();
}

function stripTitle(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === ':')) end--;
  return s.slice(0, end).trim();
}

function titleFromMask(mask: string, start: number, end: number): string {
  return mask.slice(start, end).replace(/\s+/g, ' ').trim();
}

interface RawSection {
  kind: SectionKind;
  level: number;
  number?: string;
  /** `namespace:number` in lower case, what cross-references are resolved against. */
  key?: string;
  namespace: string;
  title: string;
  titleStart: number;
  titleEnd: number;
  start: number;
}

export function buildDocumentFacts(text: string, chunks: PlacedChunk[], frontMatter: Record<string, unknown>): DocumentFacts {
  const raw: RawSection[] = [];
  const chunkBlocks: BlockFact[][] = [];
  const chunkOffsets: number[] = [];
  const definitions: Definition[] = [];
  const markers: Record<string, number> = {};
  const verbs = { shall: 0, will: 0, must: 0 };
  const linkedTerms = new Set<string>();
  let externalDefinitions = 0;
  let headingDepth = 0;
  let codeSpans = 0;
  const titleParts: string[] = [];
  /** Each chunk's cross-references at document offsets, with the section keys each may name. */
  const chunkRefs: { refs: CrossReference[]; keys: (readonly [string, string] | undefined)[] }[] = [];

  for (const { offset, facts, text: tf } of chunks) {
    const blocks = placedBlocks(facts, offset);
    chunkBlocks.push(blocks);
    chunkOffsets.push(offset);
    const outline = outlineOf(facts, tf);
    if (outline.titles) titleParts.push(outline.titles);
    for (const item of outline.items) {
      if (item.heading) headingDepth = item.depth;
      raw.push({
        kind: item.kind,
        level: item.heading ? item.depth : headingDepth + item.levelAdd,
        number: item.number,
        key: item.key,
        namespace: item.namespace,
        title: item.title,
        titleStart: item.titleStart + offset,
        titleEnd: item.titleEnd + offset,
        start: item.start + offset,
      });
    }
    if (tf.definitions.length) {
      const chunkDefinitions = tf.definitions.map((d): Definition => {
        const start = d.start + offset;
        return { term: d.term, style: refineStyle(text, start, d.style), start, end: d.end + offset, sentenceStart: start, sentenceEnd: d.end + offset };
      });
      // Definition sentences: the enclosing block (always in the same chunk).
      attachSentences(chunkDefinitions, blocks);
      for (const d of chunkDefinitions) definitions.push(d);
    }
    if (tf.crossRefs.length) chunkRefs.push({ refs: placedRefs(tf, offset), keys: outline.refKeys });
    for (const [k, v] of outline.markers) markers[k] = (markers[k] ?? 0) + v;
    verbs.shall += tf.verbs.shall;
    verbs.will += tf.verbs.will;
    verbs.must += tf.verbs.must;
    externalDefinitions += tf.externalDefinitions;
    codeSpans += facts.code.length + facts.inlineCode;
    for (const t of outline.linkedTerms) linkedTerms.add(t);
  }

  const sections = finishSections(raw, text.length);
  const model: ContractModel = {
    title: documentTitle(sections, frontMatter),
    frontMatter,
    parties: [],
    obligationVerb: verbs.shall > 0 && verbs.shall * 1.5 >= verbs.will ? 'shall' : verbs.will > 0 ? 'will' : 'shall',
    sections,
    definitions,
    crossReferences: resolveCrossRefs(chunkRefs, sections, raw),
    definitionsSection: sections.find((s) => /^(?:definitions?|interpretation|definitions and interpretation|defined terms)$/i.test(s.title))?.index,
    signatureStart: signatureStart(sections),
  };
  model.parties = findParties(text, model, frontMatter);
  return new AssembledFacts(model, chunkBlocks, chunkOffsets, markers, verbs, externalDefinitions, linkedTerms, text.length, codeSpans, titleParts.join('\u0000'));
}

/**
 * The facts of one version of a document. A class rather than an object literal with a getter: a literal with an
 * accessor gets a hidden class of its own on every edit, kept in the old generation, and that kept each version's
 * blocks alive through young-generation collections (about a hundred kilobytes per keystroke on a 100 KB draft,
 * copied and promoted at every scavenge).
 */
class AssembledFacts implements DocumentFacts {
  private flatBlocks: BlockFact[] | undefined = undefined;

  constructor(
    readonly model: ContractModel,
    /** Each chunk's blocks at document offsets; the flat list is made only when something asks for it. */
    private readonly chunkBlocks: BlockFact[][],
    private readonly chunkOffsets: number[],
    readonly markers: Record<string, number>,
    readonly verbs: { shall: number; will: number; must: number },
    readonly externalDefinitions: number,
    readonly linkedTerms: Set<string>,
    readonly textLength: number,
    readonly codeSpans: number,
    readonly sectionTitles: string,
  ) {}

  get blocks(): BlockFact[] {
    return (this.flatBlocks ??= this.chunkBlocks.flat());
  }

  blockAt(pos: number): BlockFact | undefined {
    // Blocks never cross chunks: search the chunk that holds `pos`, then its blocks.
    const inChunk = this.chunkBlocks[lastAtOrBefore(this.chunkOffsets, pos, (o) => o)] ?? [];
    const block = inChunk[lastAtOrBefore(inChunk, pos, (b) => b.start)];
    return block && block.end > pos ? block : undefined;
  }
}

/** The chunk's blocks at document offsets (the last placement is kept: a chunk before an edit keeps its offset). */
const placedBlocks = lastPlacement((facts: ChunkFacts, offset: number): BlockFact[] => facts.blocks.map((b) => ({ ...b, start: b.start + offset, end: b.end + offset })));

/** A heading or run-in title of a chunk, read once per chunk (levels below headings depend on the headings before). */
interface OutlineItem extends Omit<RawSection, 'level'> {
  heading: boolean;
  /** A heading's depth. */
  depth: number;
  /** Below a heading: the level is the depth of the last heading plus this. */
  levelAdd: number;
}

/** What the document model reads of one chunk that depends only on the chunk (offsets relative to it). */
interface ChunkOutline {
  items: OutlineItem[];
  /** referenceKeys of each of the chunk's cross-references. */
  refKeys: (readonly [string, string] | undefined)[];
  markers: [string, number][];
  linkedTerms: string[];
  /** The items' titles in lower case, separated by NUL characters. */
  titles: string;
}

/** The outline of a chunk, worked out once per chunk (kept with its facts). */
const outlineOf = (facts: ChunkFacts, tf: TextFacts): ChunkOutline => outlines(facts, facts, tf);

const outlines = byIdentity((facts: ChunkFacts, tf: TextFacts): ChunkOutline => {
  // Headings, run-ins and list-item titles in document order.
  const order: { at: number; kind: 'heading' | 'runin'; index: number }[] = [];
  facts.headings.forEach((h, index) => order.push({ at: h.start, kind: 'heading', index }));
  facts.runIns.forEach((r, index) => order.push({ at: r.start, kind: 'runin', index }));
  order.sort((a, b) => a.at - b.at);
  const items: OutlineItem[] = [];
  for (const o of order) {
    if (o.kind === 'heading') {
      const h = facts.headings[o.index];
      const parsed = parseNumberedTitle(titleFromMask(facts.mask, h.titleStart, h.titleEnd));
      items.push({ heading: true, depth: h.depth, levelAdd: 0, kind: 'heading', number: parsed.number, namespace: namespaceOf(parsed.kind), title: parsed.title, titleStart: h.titleStart, titleEnd: h.titleEnd, start: h.start });
      continue;
    }
    const r = facts.runIns[o.index];
    const titleText = titleFromMask(facts.mask, r.titleStart, r.titleEnd);
    let number: string | undefined;
    let title: string;
    let kind: SectionKind = 'run-in';
    let levelAdd: number;
    if (r.numberStart !== undefined && r.numberEnd !== undefined) {
      number = parseNumberedTitle(titleFromMask(facts.mask, r.numberStart, r.numberEnd)).number;
      title = r.titleStart === r.numberStart ? '' : stripTitle(titleText);
    } else {
      const parsed = parseNumberedTitle(titleText);
      number = parsed.number;
      title = parsed.title;
    }
    if (r.listItem !== undefined) {
      const li = facts.listItems[r.listItem];
      kind = 'list-item';
      number = r.htmlId && /^[0-9]+(?:\.[0-9]+)*$/.test(r.htmlId) ? r.htmlId : (number ?? li.path.join('.'));
      levelAdd = li.depth;
    } else if (number && /^\d/.test(number)) {
      levelAdd = number.split('.').length;
    } else {
      levelAdd = 1 + r.listDepth;
    }
    if (r.htmlId && !number && /^[0-9]+(?:\.[0-9]+)*$/.test(r.htmlId)) number = r.htmlId;
    const start = r.listItem !== undefined ? facts.listItems[r.listItem].start : r.start;
    items.push({ heading: false, depth: 0, levelAdd, kind, number, namespace: 'section', title, titleStart: r.titleStart, titleEnd: r.titleEnd, start });
  }
  for (const item of items) if (item.number) item.key = `${item.namespace}:${item.number.toLowerCase()}`;
  return {
    items,
    refKeys: tf.crossRefs.map(referenceKeys),
    markers: Object.entries(tf.markers),
    titles: items.map((item) => item.title.toLowerCase()).join('\u0000'),
    linkedTerms: facts.linkedTerms.map((t) => facts.mask.slice(t.start, t.end).replace(/[’']s$/, '').trim().toLowerCase()),
  };
});

function namespaceOf(kind: string | undefined): string {
  if (!kind || kind === 'Section' || kind === 'Article' || kind === 'Clause' || kind === 'Paragraph' || kind === 'Part') return 'section';
  return kind.toLowerCase();
}

function refineStyle(text: string, start: number, style: Definition['style']): Definition['style'] {
  const before = text.slice(Math.max(0, start - 40), start);
  if (/<span\b[^>]*>\s*\**\s*["“]?\s*$/.test(before)) return 'html-span';
  if (style === 'quoted-means' && /\*\*\s*["“]\s*$/.test(before)) return 'bold-quoted-means';
  return style;
}

function finishSections(raw: RawSection[], docEnd: number): Section[] {
  const sections: Section[] = raw.map((r, index) => ({
    index,
    kind: r.kind,
    level: Math.max(1, r.level),
    number: r.number,
    title: r.title,
    titleStart: r.titleStart,
    titleEnd: r.titleEnd,
    start: r.start,
    end: docEnd,
  }));
  // End of each section: the start of the next section at the same or a higher level. A stack keeps this linear.
  const stack: Section[] = [];
  for (const s of sections) {
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop()!.end = s.start;
    if (stack.length) s.parent = stack[stack.length - 1].index;
    stack.push(s);
  }
  return sections;
}

function attachSentences(definitions: Definition[], blocks: BlockFact[]): void {
  let b = 0;
  const sorted = [...definitions].sort((x, y) => x.start - y.start);
  for (const d of sorted) {
    while (b < blocks.length && blocks[b].end <= d.start) b++;
    const block = blocks[b];
    if (block && block.start <= d.start) {
      d.sentenceStart = block.start;
      d.sentenceEnd = block.end;
    }
  }
}

function documentTitle(sections: Section[], frontMatter: Record<string, unknown>): ContractModel['title'] {
  const first = sections.find((s) => s.kind === 'heading');
  if (first && first.level === 1) return { text: first.title, start: first.titleStart, end: first.titleEnd };
  if (typeof frontMatter.title === 'string') return { text: frontMatter.title, start: 0, end: 0 };
  if (first) return { text: first.title, start: first.titleStart, end: first.titleEnd };
  return undefined;
}

/**
 * Where the signature block starts: a section titled for signing among the last few, that no later section outranks.
 * A numbered sub-clause "12.17 Signature. This Agreement may be signed in counterparts" is a boilerplate clause, not
 * the signature block (the Definitions that follow it are part of the agreement).
 */
function signatureStart(sections: Section[]): number | undefined {
  for (let i = sections.length - 1; i >= 0 && i >= sections.length - 4; i--) {
    const s = sections[i];
    if (!/^(?:signatures?|signature page|execution|signed|in witness whereof|agreed and accepted)\b/i.test(s.title)) continue;
    if (s.number?.includes('.') || (s.parent !== undefined && sections[s.parent].number)) continue;
    if (sections.slice(i + 1).some((t) => t.level <= s.level && t.number)) continue;
    return s.start;
  }
  return undefined;
}

/**
 * Resolves every cross-reference against the numbered sections. A placed reference whose resolution changed is
 * replaced by a new object in its chunk's list (references already in an analysis are never changed).
 */
function resolveCrossRefs(chunkRefs: { refs: CrossReference[]; keys: (readonly [string, string] | undefined)[] }[], sections: Section[], raw: RawSection[]): CrossReference[] {
  const byKey = new Map<string, number>();
  for (const s of sections) {
    const key = raw[s.index].key;
    if (key !== undefined && !byKey.has(key)) byKey.set(key, s.index);
  }
  const out: CrossReference[] = [];
  for (const { refs, keys } of chunkRefs) {
    for (let i = 0; i < refs.length; i++) {
      const k = keys[i];
      const hit = k ? (byKey.get(k[0]) ?? byKey.get(k[1])) : undefined;
      if (refs[i].resolved !== hit) refs[i] = placeRef(refs[i], 0, hit);
      out.push(refs[i]);
    }
  }
  return out;
}

/** The chunk's cross-references at document offsets (the last placement is kept, as for blocks). */
const placedRefs = lastPlacement((tf: TextFacts, offset: number): CrossReference[] => tf.crossRefs.map((c) => placeRef(c, offset, undefined)));

/** A cross-reference moved by `offset`, resolved to section `resolved` (one object shape for all). */
function placeRef(c: Omit<CrossReference, 'resolved'>, offset: number, resolved: number | undefined): CrossReference {
  return {
    kind: c.kind,
    target: c.target,
    title: c.title,
    start: c.start + offset,
    end: c.end + offset,
    titleStart: c.titleStart !== undefined ? c.titleStart + offset : undefined,
    titleEnd: c.titleEnd !== undefined ? c.titleEnd + offset : undefined,
    external: c.external,
    resolved,
  };
}

/** The section keys a cross-reference may name: `section:9.2(a)`, then `section:9.2`; none for an external one. */
function referenceKeys(ref: { kind?: string; target: string; external?: boolean }): readonly [string, string] | undefined {
  if (ref.external) return undefined;
  const ns = namespaceOf(ref.kind);
  const target = ref.target.toLowerCase();
  const base = target.replace(/(?:\([a-z0-9]{1,4}\))+$/, '');
  return [`${ns}:${target}`, `${ns}:${base}`];
}

const LICENSOR_WORDS = /^(?:licensor|provider|service provider|vendor|supplier|seller|contractor|company|developer)$/i;
const LICENSEE_WORDS = /^(?:licensee|customer|client|buyer|purchaser|subscriber|recipient)$/i;
const ORG_SUFFIX = /\b(?:Ltd|Limited|Inc|Incorporated|LLC|LLP|GmbH|AG|plc|PLC|S\.A|SAS|B\.V|N\.V|Corp|Corporation|Co)\.?$/;

function findParties(text: string, model: ContractModel, frontMatter: Record<string, unknown>): Party[] {
  const parties: Party[] = [];
  const add = (p: Party) => {
    if (!parties.some((q) => q.shortName === p.shortName)) parties.push(p);
  };
  for (const role of ['licensor', 'licensee'] as const) {
    const v = frontMatter[role] ?? (frontMatter.parties as Record<string, unknown> | undefined)?.[role];
    if (typeof v === 'string' && v.trim()) add({ name: v.trim(), shortName: shortNameFor(v.trim(), role), role, start: 0, end: 0 });
  }
  for (const d of model.definitions) {
    if (d.style !== 'parenthetical') continue;
    const before = text.slice(Math.max(0, d.start - 120), d.start);
    const nameMatch = /([A-Z][\w&.,'’ -]{1,80}?)\s*\(\s*(?:the\s+|hereinafter\s+)?["“*\s]*$/.exec(before);
    const name = nameMatch ? nameMatch[1].trim().replace(/,$/, '') : '';
    const isRole = LICENSOR_WORDS.test(d.term) || LICENSEE_WORDS.test(d.term);
    if (isRole || ORG_SUFFIX.test(name)) {
      add({
        name: name && ORG_SUFFIX.test(name) ? name : d.term,
        shortName: d.term,
        role: LICENSOR_WORDS.test(d.term) ? 'licensor' : LICENSEE_WORDS.test(d.term) ? 'licensee' : undefined,
        start: d.start,
        end: d.end,
      });
    }
  }
  return parties;
}

function shortNameFor(name: string, role: 'licensor' | 'licensee'): string {
  const m = /\(\s*["“]([^"”]+)["”]\s*\)/.exec(name);
  if (m) return m[1];
  return role === 'licensor' ? 'Licensor' : 'Licensee';
}

/** The short name to use for a role in inserted text: the draft's own party, else a role word it uses a lot. */
export function partyName(model: ContractModel, role: 'licensor' | 'licensee', markers: Map<string, number>): string {
  const party = model.parties.find((p) => p.role === role);
  if (party) return party.shortName;
  const words = role === 'licensor' ? ['Provider', 'Licensor', 'Vendor', 'Supplier'] : ['Customer', 'Licensee', 'Client'];
  let best = role === 'licensor' ? 'Licensor' : 'Licensee';
  let bestCount = 2;
  for (const w of words) {
    const n = markers.get(w) ?? 0;
    if (n > bestCount) {
      best = w;
      bestCount = n;
    }
  }
  return best;
}
