/**
 * Incorporation by a Markdown link to another file of the deal folder (engine/linked.ts): the engine names the
 * relative links, the adapter passes the linked texts in, and the clauses a linked file holds count for the draft,
 * present by reference in that file. Pure: every text is passed in.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalyzer, builtinCatalogue, defaultConfig, documentLinks } from '../../server/src/engine/index.js';
import { LinkedDocuments } from '../../server/src/engine/linked.js';
import { aiDraft } from './helpers.js';
import { render } from './assemble.js';

const catalogue = builtinCatalogue();
const modelClause = (id: string) => render(catalogue.clause(id)!.model.text);
const dpa = aiDraft(`## 3. Data Protection\n\n${modelClause('data-protection')}`);
const addendum = aiDraft(`## 3. Model Changes\n\n${modelClause('model-change-notice')}`);
const main = aiDraft(
  '## 9. Other documents\n\n9.1 The parties have also signed [further terms](dpa.md) and [an addendum](./ai-addendum.md#changes), which apply to the AI System. See also [our website](https://example.com/terms.md).',
);

describe('documentLinks', () => {
  test('names relative links to Markdown files, each once, without fragments', () => {
    assert.deepEqual(
      documentLinks(main).map((l) => l.target),
      ['dpa.md', './ai-addendum.md'],
    );
    const link = documentLinks(main)[0];
    assert.equal(main.slice(link.start, link.end), '[further terms](dpa.md)');
  });

  test('leaves out absolute paths, other schemes, other file types and links in code', () => {
    const text = 'See [a](/etc/x.md), [b](file:///x.md), [c](notes.txt), `[d](d.md)` and\n\n```\n[e](e.md)\n```\n\n[f](<deal folder/f.md> "F") and [g](g%20h.md).';
    assert.deepEqual(
      documentLinks(text).map((l) => l.target),
      ['deal folder/f.md', 'g h.md'],
    );
  });
});

describe('clauses held by linked files', () => {
  test('a clause the draft lacks is present by reference in the linked file, linked from its section', () => {
    const analyzer = new DocumentAnalyzer();
    const alone = analyzer.update(main);
    assert.equal(alone.coverage.find((c) => c.clause === 'data-protection')?.status, 'missing');
    analyzer.setLinkedDocuments(new Map([['dpa.md', dpa], ['./ai-addendum.md', addendum]]));
    const analysis = analyzer.update(main);
    const dp = analysis.coverage.find((c) => c.clause === 'data-protection')!;
    assert.equal(dp.status, 'present');
    assert.equal(dp.byReference, true);
    assert.deepEqual(dp.referencedIn, { file: 'dpa.md', section: 'Section 9.1' });
    assert.equal(main.slice(dp.span!.start, dp.span!.end), '[further terms](dpa.md)');
    const change = analysis.coverage.find((c) => c.clause === 'model-change-notice')!;
    assert.deepEqual(change.referencedIn, { file: './ai-addendum.md', section: 'Section 9.1' });
    assert.ok(!analysis.findings.some((f) => f.rule === 'missing-clause' && (f.clause === 'data-protection' || f.clause === 'model-change-notice')));
    // Forgotten again: the clause is missing.
    analyzer.setLinkedDocuments(new Map());
    assert.equal(analyzer.update(main).coverage.find((c) => c.clause === 'data-protection')?.status, 'missing');
  });

  test('one level: the linked file\'s own links are not followed', () => {
    const middle = aiDraft('## 3. More\n\nThe parties also signed [the other terms](dpa.md).');
    const draft = aiDraft('## 9. Other documents\n\nThe parties also signed [the middle terms](middle.md).');
    const analyzer = new DocumentAnalyzer();
    analyzer.setLinkedDocuments(new Map([['middle.md', middle], ['dpa.md', dpa]]));
    assert.equal(analyzer.update(draft).coverage.find((c) => c.clause === 'data-protection')?.status, 'missing');
  });

  test('a linked file that is no contract holds nothing', () => {
    const analyzer = new DocumentAnalyzer();
    analyzer.setLinkedDocuments(new Map([['dpa.md', '# Notes\n\nData protection matters. We should talk about it.\n']]));
    assert.equal(analyzer.update(main).coverage.find((c) => c.clause === 'data-protection')?.status, 'missing');
  });

  test('each linked text is analysed once: edits of the draft re-analyse nothing, a changed file is analysed again', () => {
    const linked = new LinkedDocuments();
    const config = defaultConfig();
    let runs = 0;
    const analyse = (text: string) => {
      runs++;
      return { isContract: true, clauses: text.includes('DPA') ? ['data-protection'] : [] };
    };
    const model = new DocumentAnalyzer().update(main).model;
    linked.set(new Map([['dpa.md', 'the DPA']]));
    assert.equal(linked.clausesFor(main, model, config, analyse).get('data-protection')?.file, 'dpa.md');
    linked.clausesFor(main + '\n\nMore text.', model, config, analyse);
    linked.set(new Map([['dpa.md', 'the DPA']]));
    linked.clausesFor(main, model, config, analyse);
    assert.equal(runs, 1);
    linked.set(new Map([['dpa.md', 'nothing here']]));
    assert.equal(linked.clausesFor(main, model, config, analyse).size, 0);
    assert.equal(runs, 2);
  });
});
