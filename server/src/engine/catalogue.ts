/**
 * The clause catalogue and the rule registry, loaded from data (server/catalogue/), plus the phrase table compiled
 * from them: every signal of every clause, element and variant, and every phrase rule, compiled once per catalogue.
 */
import { builtinClauses, builtinRules } from '../../catalogue/index.js';
import type { ClauseEntry, RuleMeta, GlossaryEntry } from './catalogue-types.js';
import { compilePhrase, phraseMatches, PhraseSet, type CompiledPhrase } from './phrases.js';
import { CONCEPTS } from './reading/concepts.js';

export type PhraseOwner =
  | { type: 'heading'; clause: string }
  | { type: 'phrase'; clause: string }
  | { type: 'weak'; clause: string }
  | { type: 'exclude'; clause: string }
  | { type: 'trigger'; clause: string }
  | { type: 'position'; clause: string }
  | { type: 'element'; clause: string; element: string }
  | { type: 'variant'; clause: string; variant: string }
  | { type: 'rule'; rule: string; phrase: number };

export interface PhraseEntry {
  compiled: CompiledPhrase;
  owner: PhraseOwner;
}

let nextCatalogueId = 1;

export class Catalogue {
  /** Changes whenever the content changes; caches key on it. */
  readonly id = nextCatalogueId++;
  private readonly clauseById = new Map<string, ClauseEntry>();
  private readonly clauseIndexById = new Map<string, number>();
  private readonly ruleById = new Map<string, RuleMeta>();
  private table: PhraseEntry[] | undefined;
  private set: PhraseSet | undefined;
  private terms: Map<string, GlossaryEntry> | undefined;
  private readonly titleCache = new Map<string, readonly string[]>();

  constructor(
    readonly clauses: readonly ClauseEntry[],
    readonly rules: readonly RuleMeta[],
  ) {
    clauses.forEach((c, i) => {
      this.clauseById.set(c.id, c);
      this.clauseIndexById.set(c.id, i);
    });
    for (const r of rules) this.ruleById.set(r.id, r);
  }

  clause(id: string): ClauseEntry | undefined {
    return this.clauseById.get(id);
  }

  /** Position of the clause in `clauses`, or -1. */
  clauseIndex(id: string): number {
    return this.clauseIndexById.get(id) ?? -1;
  }

  rule(id: string): RuleMeta | undefined {
    return this.ruleById.get(id);
  }

  /** The definition the catalogue gives a term, when any clause defines it. */
  term(term: string): GlossaryEntry | undefined {
    if (!this.terms) {
      this.terms = new Map();
      for (const c of this.clauses) for (const t of c.terms ?? []) if (!this.terms.has(t.term)) this.terms.set(t.term, t);
    }
    return this.terms.get(term);
  }

  /** Every phrase the engine looks for, compiled. Signals that fail to compile are skipped (playbooks are validated first). */
  phraseTable(): PhraseEntry[] {
    if (this.table) return this.table;
    const table: PhraseEntry[] = [];
    const add = (phrase: string, owner: PhraseOwner) => {
      try {
        table.push({ compiled: compilePhrase(phrase), owner });
      } catch {
        // Invalid phrases are reported when the catalogue or playbook is validated; here they are ignored.
      }
    };
    for (const c of this.clauses) {
      for (const p of c.detection.headings) add(p, { type: 'heading', clause: c.id });
      for (const p of c.detection.phrases) add(p, { type: 'phrase', clause: c.id });
      for (const p of c.detection.weak ?? []) add(p, { type: 'weak', clause: c.id });
      for (const p of c.detection.exclude ?? []) add(p, { type: 'exclude', clause: c.id });
      for (const p of c.detection.expectedWhen ?? []) add(p, { type: 'trigger', clause: c.id });
      // Only required elements are checked in a draft; the others are advice shown in hovers and docs.
      for (const e of c.elements) if (e.required) for (const p of e.signals) add(p, { type: 'element', clause: c.id, element: e.id });
      for (const v of c.variants ?? []) for (const p of v.signals) add(p, { type: 'variant', clause: c.id, variant: v.id });
      // The first condition group of each position and allocation selects the sentences worth reading
      // (reading/positions.ts).
      const triggers = new Set<string>();
      const conditions = [...(c.positions ?? []).flatMap((p) => p.when), ...(c.detection.allocations ?? [])];
      for (const w of conditions) for (const item of w.all[0] ?? []) if (!item.startsWith('{')) triggers.add(item);
      for (const p of triggers) add(p, { type: 'position', clause: c.id });
    }
    for (const r of this.rules) {
      (r.phrases ?? []).forEach((p, i) => add(p.phrase, { type: 'rule', rule: r.id, phrase: i }));
    }
    this.table = table;
    return table;
  }

  /** The phrase table as an inverted index, for one-pass scanning. */
  phraseSet(): PhraseSet {
    return (this.set ??= new PhraseSet(this.phraseTable().map((p) => p.compiled)));
  }

  /** Clause ids whose heading phrases match a section title (cached: titles repeat across edits). */
  clausesForTitle(title: string): readonly string[] {
    const cached = this.titleCache.get(title);
    if (cached) return cached;
    // Where each clause's heading phrases match in the title.
    const spans = new Map<string, { start: number; end: number }[]>();
    for (const entry of this.phraseTable()) {
      if (entry.owner.type !== 'heading') continue;
      const re = entry.compiled.global;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(title))) {
        const list = spans.get(entry.owner.clause) ?? [];
        list.push({ start: m.index, end: m.index + m[0].length });
        spans.set(entry.owner.clause, list);
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    // A match inside a longer match of another clause is part of that clause's name: "Bias Audits" names bias
    // testing, not an audit right.
    const ids: string[] = [];
    for (const [clause, own] of spans) {
      const subsumed = own.every((a) =>
        [...spans].some(([other, theirs]) => other !== clause && theirs.some((b) => b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start)),
      );
      if (!subsumed) ids.push(clause);
    }
    // A near miss in the title cancels it too: "Accuracy Disclaimer" is not an accuracy commitment.
    for (const entry of this.phraseTable()) {
      if (entry.owner.type !== 'exclude') continue;
      const clause = entry.owner.clause;
      if (ids.includes(clause) && phraseMatches(entry.compiled, title)) ids.splice(ids.indexOf(clause), 1);
    }
    if (this.titleCache.size > 20_000) this.titleCache.clear();
    this.titleCache.set(title, ids);
    return ids;
  }

  /** A new catalogue with playbook entries added or merged over existing ones (by id). */
  withPlaybook(entries: readonly (Partial<ClauseEntry> & { id: string })[]): Catalogue {
    if (entries.length === 0) return this;
    const merged = new Map(this.clauses.map((c) => [c.id, c] as const));
    for (const entry of entries) {
      const base = merged.get(entry.id);
      merged.set(entry.id, base ? mergeClause(base, entry) : (entry as ClauseEntry));
    }
    return new Catalogue([...merged.values()], this.rules);
  }
}

function mergeClause(base: ClauseEntry, patch: Partial<ClauseEntry>): ClauseEntry {
  return {
    ...base,
    ...patch,
    detection: { ...base.detection, ...(patch.detection ?? {}) },
    model: { ...base.model, ...(patch.model ?? {}) },
    notes: { ...base.notes, ...(patch.notes ?? {}) },
    examples: { ...base.examples, ...(patch.examples ?? {}) },
  };
}

let builtin: Catalogue | undefined;

export function builtinCatalogue(): Catalogue {
  return (builtin ??= new Catalogue(builtinClauses, builtinRules));
}

/** One phrase of a clause entry and where it sits in the entry (a JSON path: `detection.phrases[2]`). */
export interface PhraseField {
  path: (string | number)[];
  value: unknown;
}

/** A JSON path as text: `elements[1].signals[0]`. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/**
 * Every phrase of a clause entry (or a playbook's partial entry), with its path: detection, element and variant
 * signals, and the phrase items of position conditions (concepts such as `{output}` and parties are not phrases).
 */
export function phraseFields(entry: Partial<ClauseEntry>): PhraseField[] {
  const out: PhraseField[] = [];
  const list = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => out.push({ path: [...path, i], value: v }));
  };
  const detection = (entry.detection ?? {}) as Partial<ClauseEntry['detection']>;
  for (const key of ['headings', 'phrases', 'weak', 'exclude', 'expectedWhen', 'byReference'] as const) list(detection[key], ['detection', key]);
  if (Array.isArray(entry.elements)) entry.elements.forEach((e, i) => list(e?.signals, ['elements', i, 'signals']));
  if (Array.isArray(entry.variants)) entry.variants.forEach((v, i) => list(v?.signals, ['variants', i, 'signals']));
  if (Array.isArray(entry.positions)) {
    entry.positions.forEach((p, i) => {
      if (!Array.isArray(p?.when)) return;
      p.when.forEach((w, j) => {
        const at = ['positions', i, 'when', j];
        if (Array.isArray(w?.all)) w.all.forEach((group, k) => list(group, [...at, 'all', k]));
        for (const key of ['none', 'verb', 'object'] as const) list(w?.[key], [...at, key]);
      });
    });
  }
  // The concepts and parties ({output}, {licensor}) of position conditions are items, not phrases.
  return out.filter((f) => !(f.path[0] === 'positions' && typeof f.value === 'string' && ITEM_NAMES.has(/^\{(.*)\}$/.exec(f.value.trim())?.[1] ?? '')));
}

const ITEM_NAMES = new Set<string>([...CONCEPTS, 'licensor', 'licensee']);

/** What is wrong with one phrase field, or undefined: not a string, or not valid phrase syntax (the message names the phrase). */
export function phraseProblem(field: PhraseField): string | undefined {
  if (typeof field.value !== 'string') return `phrases must be strings`;
  const braced = /^\{(.*)\}$/.exec(field.value.trim());
  if (braced && field.path[0] === 'positions' && !ITEM_NAMES.has(braced[1])) {
    return `unknown concept "${field.value}" (known: ${[...ITEM_NAMES].map((n) => `{${n}}`).join(', ')})`;
  }
  try {
    compilePhrase(field.value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Every phrase of a catalogue that does not compile, each naming the clause (or rule), where the phrase sits and the
 * phrase itself with the rewrite: `Clause "x", detection.phrases[2]: phrase "a|b c": ...`. The built-in catalogue
 * has none (a unit test and `npm run generate` check it); a playbook's are reported as configuration problems.
 */
export function phraseProblems(clauses: readonly Partial<ClauseEntry>[], rules: readonly RuleMeta[] = []): string[] {
  const out: string[] = [];
  for (const c of clauses) {
    for (const field of phraseFields(c)) {
      const problem = phraseProblem(field);
      if (problem) out.push(`Clause "${c.id}", ${pathText(field.path)}: ${problem}`);
    }
  }
  for (const r of rules) {
    (r.phrases ?? []).forEach((p, i) => {
      const problem = phraseProblem({ path: ['phrases', i, 'phrase'], value: p.phrase });
      if (problem) out.push(`Rule "${r.id}", phrases[${i}]: ${problem}`);
    });
  }
  return out;
}
