/**
 * What the VS Code coverage tree, status bar and clause picker show (client/src/coverage-items.ts, plain data):
 * a selection never inserts, incomplete clauses are not counted as covered, icons follow the findings' severity,
 * element titles instead of ids, and group names from the catalogue's one list.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clauseCommand, clauseIcon, countsText, coverageCounts, groupedClauses, statusLabel } from '../../client/src/coverage-items.js';
import { builtinCatalogue } from '../../server/src/engine/index.js';
import { clauseGroups, groupTitles, type CoverageItem } from '../../server/src/lsp/protocol.js';
import { CLAUSE_GROUPS } from '../../server/src/engine/vocabulary.js';
import { formatHtml, toFileResult } from '../../server/src/cli/format.js';
import { analyzeText, LineIndex, resolveConfig } from '../../server/src/engine/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function item(over: Partial<CoverageItem>): CoverageItem {
  return { clause: 'x', title: 'X', group: 'ownership', status: 'missing', missingElements: [], missingElementTitles: [], why: 'Why.', variants: [], ...over };
}

const range = { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } };

describe('coverage view items', () => {
  it('a plain selection of a missing clause does nothing to the draft; present and incomplete ones are revealed', () => {
    assert.equal(clauseCommand(item({ status: 'missing' }), 'file:///d.md'), undefined);
    assert.equal(clauseCommand(item({ status: 'not-applicable' }), 'file:///d.md'), undefined);
    for (const status of ['present', 'incomplete'] as const) {
      const command = clauseCommand(item({ status, range }), 'file:///d.md');
      assert.equal(command?.command, 'aiClauses.revealClause');
      assert.deepEqual(command?.arguments, ['file:///d.md', range]);
    }
  });

  it('the package.json offers insertion of a missing clause as an inline button of its row', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const inline = manifest.contributes.menus['view/item/context'].find((m: { command: string }) => m.command === 'aiClauses.insertClause');
    assert.equal(inline.group, 'inline');
    assert.match(inline.when, /viewItem == clause\.missing/);
  });

  it('incomplete clauses are not counted as covered', () => {
    const items = [item({ status: 'present' }), item({ status: 'incomplete' }), item({ status: 'missing' }), item({ status: 'not-applicable' })];
    assert.deepEqual(coverageCounts(items), { covered: 1, applicable: 3, incomplete: 1, missing: 1 });
    assert.equal(countsText(items), '1/3, 1 incomplete');
    assert.equal(countsText([item({ status: 'present' })]), '1/1');
  });

  it('icons follow the severity of the finding: no red error icon for a warning-level missing clause', () => {
    assert.equal(clauseIcon(item({ status: 'missing', severity: 'warning' })).id, 'warning');
    assert.equal(clauseIcon(item({ status: 'missing', severity: 'error' })).id, 'error');
    assert.equal(clauseIcon(item({ status: 'missing', severity: 'information' })).id, 'info');
    assert.equal(clauseIcon(item({ status: 'incomplete', severity: 'warning' })).id, 'warning');
    assert.equal(clauseIcon(item({ status: 'missing' })).id, 'circle-outline', 'not reported (switched off)');
    assert.equal(clauseIcon(item({ status: 'present' })).id, 'pass');
  });

  it('an incomplete clause names the missing elements by title, not by id', () => {
    const label = statusLabel(item({ status: 'incomplete', missingElements: ['cap-amount'], missingElementTitles: ['a cap amount'] }));
    assert.equal(label, 'incomplete: lacks a cap amount');
  });

  it('groups are named and ordered from the one vocabulary (server/src/engine/vocabulary.ts)', () => {
    assert.deepEqual(clauseGroups, CLAUSE_GROUPS);
    for (const clause of builtinCatalogue().clauses) assert.ok(groupTitles[clause.group], `${clause.id}: group "${clause.group}" has no title in the vocabulary`);
    const shuffled = [item({ group: 'ai-additions' }), item({ group: 'ownership' }), item({ group: 'responsible-ai' })];
    assert.deepEqual(groupedClauses(shuffled).map((g) => g.title), [groupTitles.ownership, groupTitles['responsible-ai'], groupTitles['ai-additions']]);
    // The README, the generated clause index and the HTML report use the same titles.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const docs = fs.readFileSync(path.join(ROOT, 'docs/clauses/README.md'), 'utf8');
    const text = fs.readFileSync(path.join(ROOT, 'examples/gappy-ai-licence.md'), 'utf8');
    const config = resolveConfig({});
    const html = formatHtml([toFileResult('gappy.md', analyzeText(text, config), new LineIndex(text), config)]);
    for (const g of CLAUSE_GROUPS) {
      assert.ok(readme.includes(`| ${g.title} |`), `README lacks the group "${g.title}"`);
      assert.ok(docs.includes(g.title), `docs/clauses/README.md lacks the group "${g.title}"`);
      assert.ok(html.includes(g.title.replace(/'/g, '&#39;')), `the HTML report lacks the group "${g.title}"`);
    }
  });
});
