/**
 * Configuration: built-in defaults ← `.ai-clauses.json` (team, committed) ← editor settings (personal).
 * The engine never reads files: adapters pass file texts in. A broken file yields problems with exact offsets,
 * and everything else (the rest of the file, the defaults) still applies.
 */
import { parseTree, findNodeAtLocation, getNodeValue, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ConfigProblem, EngineConfig, Perspective, SeverityOrOff } from './types.js';
import type { ClauseEntry } from './catalogue-types.js';
import { builtinCatalogue, pathText, phraseFields, phraseProblem, type Catalogue } from './catalogue.js';
import { CLAUSE_GROUP_IDS, SEVERITY_SETTINGS } from './vocabulary.js';

export interface ResolvedConfig extends EngineConfig {
  catalogue: Catalogue;
  problems: ConfigProblem[];
  /** Where each rule's severity came from, for hovers: 'default', a file path, or 'settings'. */
  sources: Record<string, string>;
}

export interface ConfigInput {
  /** Configuration files, outermost first; later ones override earlier ones. */
  files?: { path: string; text: string }[];
  /** Playbook files (JSON: `{ "clauses": [...] }`). */
  playbooks?: { path: string; text: string }[];
  /** Editor settings; override the files. */
  settings?: Partial<EngineConfig>;
  /** Untrusted workspaces: configuration files and playbooks are ignored, the built-in catalogue applies. */
  trusted?: boolean;
}

export const DEFAULT_MAX_DOCUMENT_SIZE = 8_000_000;
const SEVERITIES = new Set<string>(SEVERITY_SETTINGS);
const PERSPECTIVES = new Set(['licensee', 'licensor', 'neutral']);
const KINDS = new Set(['auto', 'ai-agreement', 'contract', 'not-contract']);
const CONFIG_KEYS = new Set(['$schema', 'perspective', 'documentKind', 'rules', 'clauses', 'requiredClauses', 'maxDocumentSize', 'playbooks']);

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    clauses: {},
    perspective: 'neutral',
    documentKind: 'auto',
    maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
    catalogue: builtinCatalogue(),
    problems: [],
    sources: {},
  };
}

/** Relative playbook paths a configuration file names, for the adapter to read. Never throws. */
export function playbookPathsOf(text: string): string[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const node = root && findNodeAtLocation(root, ['playbooks']);
  const value = node ? getNodeValue(node) : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function resolveConfig(input: ConfigInput = {}): ResolvedConfig {
  const config = defaultConfig();
  const trusted = input.trusted !== false;
  if (trusted) {
    for (const file of input.files ?? []) applyConfigFile(config, file);
    const entries: (Partial<ClauseEntry> & { id: string })[] = [];
    for (const playbook of input.playbooks ?? []) entries.push(...readPlaybook(config, playbook));
    if (entries.length) config.catalogue = config.catalogue.withPlaybook(entries);
  }
  const s = input.settings ?? {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [rule, sev] of Object.entries(s.rules)) {
      if (SEVERITIES.has(sev)) {
        config.rules[rule] = sev;
        config.sources[rule] = 'settings';
      }
    }
  }
  if (s.clauses && typeof s.clauses === 'object') {
    for (const [clause, sev] of Object.entries(s.clauses)) if (SEVERITIES.has(sev)) config.clauses[clause] = sev;
  }
  if (s.perspective && PERSPECTIVES.has(s.perspective)) config.perspective = s.perspective;
  if (s.documentKind && KINDS.has(s.documentKind)) config.documentKind = s.documentKind;
  if (Array.isArray(s.requiredClauses)) config.requiredClauses = s.requiredClauses.filter((c) => typeof c === 'string');
  if (typeof s.maxDocumentSize === 'number' && s.maxDocumentSize > 0) config.maxDocumentSize = s.maxDocumentSize;
  return config;
}

function problem(config: ResolvedConfig, file: string, message: string, node?: JsonNode, fallback?: { offset: number; length: number }): void {
  const start = node ? node.offset : (fallback?.offset ?? 0);
  const length = node ? node.length : (fallback?.length ?? 1);
  config.problems.push({ file, message, start, end: start + Math.max(1, length) });
}

function parseJson(config: ResolvedConfig, file: { path: string; text: string }): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(file.text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors.slice(0, 3)) {
    problem(config, file.path, `${file.path}: JSON syntax error (${printParseErrorCode(e.error)}); the rest of the file and the defaults still apply.`, undefined, e);
  }
  if (!root) return undefined;
  if (root.type !== 'object') {
    problem(config, file.path, `${file.path}: expected a JSON object.`, root);
    return undefined;
  }
  return root;
}

function applyConfigFile(config: ResolvedConfig, file: { path: string; text: string }): void {
  const root = parseJson(config, file);
  if (!root) return;
  const catalogue = config.catalogue;
  for (const prop of root.children ?? []) {
    const keyNode = prop.children?.[0];
    const valueNode = prop.children?.[1];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    if (!CONFIG_KEYS.has(key)) {
      problem(config, file.path, `Unknown setting "${key}" in ${file.path}; known settings: ${[...CONFIG_KEYS].filter((k) => k !== '$schema').join(', ')}.`, keyNode);
      continue;
    }
    const value = getNodeValue(valueNode);
    switch (key) {
      case 'perspective':
        if (PERSPECTIVES.has(value)) config.perspective = value as Perspective;
        else problem(config, file.path, `"perspective" must be "licensee", "licensor" or "neutral".`, valueNode);
        break;
      case 'documentKind':
        if (KINDS.has(value)) config.documentKind = value;
        else problem(config, file.path, `"documentKind" must be one of ${[...KINDS].join(', ')}.`, valueNode);
        break;
      case 'maxDocumentSize':
        if (typeof value === 'number' && value > 0) config.maxDocumentSize = value;
        else problem(config, file.path, `"maxDocumentSize" must be a positive number of characters.`, valueNode);
        break;
      case 'requiredClauses':
        if (Array.isArray(value)) {
          config.requiredClauses = [];
          (valueNode.children ?? []).forEach((item) => {
            const id = getNodeValue(item);
            if (typeof id === 'string' && catalogue.clause(id)) config.requiredClauses!.push(id);
            else problem(config, file.path, `Unknown clause id ${JSON.stringify(id)} in "requiredClauses".`, item);
          });
        } else problem(config, file.path, `"requiredClauses" must be an array of clause ids.`, valueNode);
        break;
      case 'rules':
      case 'clauses':
        if (valueNode.type !== 'object') {
          problem(config, file.path, `"${key}" must be an object mapping ids to a severity or "off".`, valueNode);
          break;
        }
        for (const entry of valueNode.children ?? []) {
          const idNode = entry.children?.[0];
          const sevNode = entry.children?.[1];
          if (!idNode || !sevNode) continue;
          const id = idNode.value as string;
          const sev = getNodeValue(sevNode);
          const known = key === 'rules' ? id === '*' || !!catalogue.rule(id) : !!catalogue.clause(id);
          if (!known) {
            problem(config, file.path, `Unknown ${key === 'rules' ? 'rule' : 'clause'} id "${id}".`, idNode);
            continue;
          }
          if (!SEVERITIES.has(sev)) {
            problem(config, file.path, `Severity for "${id}" must be one of error, warning, information, hint, off.`, sevNode);
            continue;
          }
          if (key === 'rules') {
            config.rules[id] = sev as SeverityOrOff;
            config.sources[id] = file.path;
          } else config.clauses[id] = sev as SeverityOrOff;
        }
        break;
      case 'playbooks':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) problem(config, file.path, `"playbooks" must be an array of relative paths.`, valueNode);
        break;
    }
  }
}

const CLAUSE_REQUIRED: (keyof ClauseEntry)[] = ['id', 'title', 'group', 'importance', 'severity', 'aiSpecific', 'why', 'detection', 'elements', 'model', 'terms', 'notes', 'references', 'examples'];
const GROUPS = new Set<string>(CLAUSE_GROUP_IDS);

function readPlaybook(config: ResolvedConfig, file: { path: string; text: string }): (Partial<ClauseEntry> & { id: string })[] {
  const root = parseJson(config, file);
  if (!root) return [];
  const clausesNode = findNodeAtLocation(root, ['clauses']);
  if (!clausesNode || clausesNode.type !== 'array') {
    problem(config, file.path, `A playbook is a JSON object with a "clauses" array.`, clausesNode ?? root);
    return [];
  }
  const out: (Partial<ClauseEntry> & { id: string })[] = [];
  for (const node of clausesNode.children ?? []) {
    const entry = getNodeValue(node) as Partial<ClauseEntry>;
    if (!entry || typeof entry !== 'object' || typeof entry.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.id)) {
      problem(config, file.path, `Each playbook clause needs an "id" in kebab-case.`, node);
      continue;
    }
    const isNew = !config.catalogue.clause(entry.id);
    if (isNew) {
      const missing = CLAUSE_REQUIRED.filter((k) => entry[k] === undefined);
      if (missing.length) {
        problem(config, file.path, `New clause "${entry.id}" lacks ${missing.join(', ')}; a playbook entry that adds a clause must be complete (see schemas/playbook.schema.json).`, node);
        continue;
      }
    }
    if (entry.group !== undefined && !GROUPS.has(entry.group)) {
      problem(config, file.path, `Clause "${entry.id}": unknown group "${entry.group}".`, findNodeAtLocation(node, ['group']) ?? node);
      continue;
    }
    // Every phrase is checked here, so that a playbook's phrase is never silently dropped by the engine later.
    const bad = invalidPhrase(entry);
    if (bad) {
      problem(config, file.path, `Clause "${entry.id}", ${pathText(bad.path)}: ${bad.problem}`, findNodeAtLocation(node, bad.path) ?? node);
      continue;
    }
    out.push(entry as Partial<ClauseEntry> & { id: string });
  }
  return out;
}

/** The first phrase of a playbook entry that is not valid phrase syntax, with where it is and why. */
function invalidPhrase(entry: Partial<ClauseEntry>): { path: (string | number)[]; problem: string } | undefined {
  for (const field of phraseFields(entry)) {
    const problem = phraseProblem(field);
    if (problem) return { path: field.path, problem };
  }
  return undefined;
}
