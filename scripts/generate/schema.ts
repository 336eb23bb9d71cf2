/**
 * JSON Schemas shipped with the extension: the `.ai-clauses.json` configuration file and firm playbooks, plus the
 * `aiClauses.rules` settings node in package.json.
 */
import type { ClauseEntry, RuleMeta } from '../../server/src/engine/index.js';
import { compareIds } from './util.js';
import { SEVERITY_SETTINGS } from '../../server/src/engine/vocabulary.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const SEVERITY_OR_OFF = [...SEVERITY_SETTINGS];
const SEVERITY_DESCRIPTIONS = [
  'Report as an error.',
  'Report as a warning.',
  'Report as information.',
  'Report as a hint (shown faintly, not listed in Problems).',
  'Do not report.',
];

function severityProperty(description: string): JsonObject {
  return { type: 'string', enum: SEVERITY_OR_OFF, enumDescriptions: SEVERITY_DESCRIPTIONS, description };
}

export function configSchema(rules: readonly RuleMeta[], clauses: readonly ClauseEntry[], defaults: { maxDocumentSize: number }): string {
  const ruleIds = [...rules].sort((a, b) => compareIds(a.id, b.id));
  const clauseIds = [...clauses].sort((a, b) => compareIds(a.id, b.id));
  const ruleProps: JsonObject = { '*': severityProperty('Every rule not named here.') };
  for (const r of ruleIds) ruleProps[r.id] = severityProperty(`${r.title} (default: ${r.severity}).`);
  const clauseProps: JsonObject = {};
  for (const c of clauseIds) clauseProps[c.id] = severityProperty(`${c.title}: severity when missing or incomplete (default: ${c.severity}); "off" stops requiring it.`);
  const schema: JsonObject = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ai-clauses configuration (.ai-clauses.json)',
    description:
      'Team configuration for ai-clauses, looked up in the document\'s folder and every folder above it. JSON with comments is allowed. Generated from the catalogue by `npm run generate`.',
    type: 'object',
    allowComments: true,
    allowTrailingCommas: true,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema this file follows.' },
      perspective: {
        type: 'string',
        enum: ['licensee', 'licensor', 'neutral'],
        enumDescriptions: ['You act for the party receiving the AI system.', 'You act for the party providing the AI system.', 'No side: notes for both parties.'],
        default: 'neutral',
        description: 'Whose side the reviewer is on; tunes messages and the notes shown in hovers.',
      },
      documentKind: {
        type: 'string',
        enum: ['auto', 'ai-agreement', 'contract', 'not-contract'],
        enumDescriptions: [
          'Decide from the text (and front matter) whether the document is a contract and whether it is about AI.',
          'Treat every document as an AI agreement: all checks, including missing AI clauses.',
          'Treat every document as a contract not about AI: drafting checks, no missing-AI-clause findings.',
          'Treat documents as not contracts: no findings.',
        ],
        default: 'auto',
        description: 'Overrides the automatic decision about what the documents are.',
      },
      rules: {
        type: 'object',
        description: 'Severity per rule id, or "off". "*" applies to every rule not named.',
        properties: ruleProps,
        additionalProperties: false,
      },
      clauses: {
        type: 'object',
        description: 'Severity per catalogue clause id for the missing-clause and incomplete-clause findings, or "off" to stop requiring the clause.',
        properties: clauseProps,
        additionalProperties: false,
      },
      requiredClauses: {
        type: 'array',
        description: 'When set, only these clauses are required; the others are reported as not applicable.',
        items: { type: 'string', enum: clauseIds.map((c) => c.id) },
        uniqueItems: true,
      },
      maxDocumentSize: {
        type: 'integer',
        minimum: 1,
        default: defaults.maxDocumentSize,
        description: 'Documents longer than this many characters are not analysed.',
      },
      playbooks: {
        type: 'array',
        description: 'Firm playbooks (JSON files, see playbook.schema.json) that add or override catalogue clauses; paths relative to this file.',
        items: { type: 'string', minLength: 1 },
      },
    },
    additionalProperties: false,
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

/** Properties of ClauseEntry that a playbook override merges into the built-in entry key by key (see Catalogue.withPlaybook). */
const MERGED_OBJECTS = ['detection', 'model', 'notes', 'examples'];

/** Follows local `#/...` references inside one schema document. */
function resolveLocal(root: JsonObject, node: Json | undefined): { node: JsonObject; pointer: string } | undefined {
  let pointer = '';
  let current = node;
  for (let guard = 0; guard < 16 && current && typeof current === 'object' && !Array.isArray(current); guard++) {
    const ref = current.$ref;
    if (typeof ref !== 'string') return { node: current, pointer };
    if (!ref.startsWith('#')) return undefined;
    pointer = ref.slice(1);
    current = pointer
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json | undefined>((n, key) => (n && typeof n === 'object' && !Array.isArray(n) ? n[key] : undefined), root);
  }
  return undefined;
}

/**
 * The playbook schema: `{ "clauses": [...] }` where an entry with a new id must be a complete clause
 * (clause.schema.json) and an entry whose id is a built-in clause may override any subset of its fields.
 */
export function playbookSchema(clauseSchema: JsonObject, builtinIds: readonly string[]): string {
  const ref = (pointer: string) => ({ $ref: `clause.schema.json#${pointer}` });
  const top = (clauseSchema.properties ?? {}) as JsonObject;
  const partialProps: JsonObject = {};
  for (const key of Object.keys(top).sort(compareIds)) {
    if (key === 'id') continue;
    const resolved = MERGED_OBJECTS.includes(key) ? resolveLocal(clauseSchema, top[key]) : undefined;
    const sub = resolved?.node.properties;
    if (resolved && sub && typeof sub === 'object' && !Array.isArray(sub)) {
      // Merged key by key: every sub-property is optional.
      const base = resolved.pointer || `/properties/${key}`;
      const props: JsonObject = {};
      for (const subKey of Object.keys(sub).sort(compareIds)) props[subKey] = ref(`${base}/properties/${subKey}`);
      partialProps[key] = { type: 'object', properties: props, additionalProperties: resolved.node.additionalProperties === false ? false : true };
    } else {
      partialProps[key] = ref(`/properties/${key}`);
    }
  }
  const ids = [...builtinIds].sort(compareIds);
  const schema: JsonObject = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ai-clauses playbook',
    description:
      'A firm playbook: clauses that add to or override the built-in catalogue. Data only; signals use the phrase syntax, never regular expressions. Generated by `npm run generate`.',
    type: 'object',
    required: ['clauses'],
    properties: {
      $schema: { type: 'string' },
      clauses: {
        type: 'array',
        description: 'An entry whose id is a built-in clause overrides only the fields it gives; an entry with a new id adds a complete clause.',
        items: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' } },
          if: { properties: { id: { enum: ids } } },
          then: { properties: { id: { type: 'string' }, ...partialProps }, additionalProperties: false },
          else: ref(''),
        },
      },
    },
    additionalProperties: false,
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

/** The `aiClauses.rules` settings property's new `properties`: one per rule id. */
export function settingsRuleProperties(rules: readonly RuleMeta[]): JsonObject {
  const props: JsonObject = {};
  for (const r of [...rules].sort((a, b) => compareIds(a.id, b.id))) {
    props[r.id] = { type: 'string', enum: SEVERITY_OR_OFF, description: r.title };
  }
  return props;
}

/**
 * Finds the `aiClauses.rules` property in package.json's `contributes.configuration` (an object or an array of
 * objects) and returns it, or undefined when it does not exist (yet).
 */
export function findRulesSetting(pkg: JsonObject): JsonObject | undefined {
  const contributes = pkg.contributes;
  if (!contributes || typeof contributes !== 'object' || Array.isArray(contributes)) return undefined;
  const configuration = contributes.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  for (const section of sections) {
    if (!section || typeof section !== 'object' || Array.isArray(section)) continue;
    const properties = section.properties;
    if (!properties || typeof properties !== 'object' || Array.isArray(properties)) continue;
    const prop = properties['aiClauses.rules'];
    if (prop && typeof prop === 'object' && !Array.isArray(prop)) return prop;
  }
  return undefined;
}

export type { Json, JsonObject };
