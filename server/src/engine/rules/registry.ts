/**
 * Views of the rule list (index.ts) the engine works from, made on first use. Nothing here names a rule: what a
 * rule does is in its own module, what it is called and why it matters in rules.json.
 */
import type { Rule } from './types.js';
import { ruleModules } from './index.js';
import { phraseRule } from './phrase-rule.js';

interface Views {
  byId: Map<string, Rule>;
  modules: readonly Rule[];
  chunkScanners: readonly Rule[];
  documentRules: readonly Rule[];
  readByDocumentRules: ReadonlySet<string>;
  gated: readonly Rule[];
}

let views: Views | undefined;

function registry(): Views {
  if (views) return views;
  const modules = ruleModules();
  const documentRules = modules.filter((r) => r.detect);
  views = {
    byId: new Map(modules.map((r) => [r.id, r])),
    modules,
    chunkScanners: modules.filter((r) => r.scan),
    documentRules,
    readByDocumentRules: new Set(documentRules.flatMap((r) => r.reads ?? [])),
    gated: modules.filter((r) => r.gate),
  };
  return views;
}

/** The rule with this id: its module, else the generic phrase rule (a rules.json rule with phrases and no module). */
export function ruleFor(id: string): Rule {
  const { byId } = registry();
  let rule = byId.get(id);
  if (!rule) byId.set(id, (rule = phraseRule(id)));
  return rule;
}

/** Every rule module, in the order of index.ts. */
export function moduleRules(): readonly Rule[] {
  return registry().modules;
}

/** Rules that scan every chunk, in order. */
export function chunkScanners(): readonly Rule[] {
  return registry().chunkScanners;
}

/** Rules that read the whole document, in order. */
export function documentRules(): readonly Rule[] {
  return registry().documentRules;
}

/** Chunk rules whose findings some document rule reads (kept apart for them with each placed chunk). */
export function readByDocumentRules(): ReadonlySet<string> {
  return registry().readByDocumentRules;
}

/** Rules with a document-level gate on their findings. */
export function gatedRules(): readonly Rule[] {
  return registry().gated;
}

/** The keys of a rule's data that hold text offsets (none for most). */
export function offsetKeysOf(id: string): readonly string[] {
  return registry().byId.get(id)?.offsetKeys ?? NONE;
}
const NONE: readonly string[] = [];
