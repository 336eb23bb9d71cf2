/**
 * Snapshot tests over real agreements written by others (../shared/corpus) and our examples. The expected output
 * is committed in test/corpus/snapshots/ and was read finding by finding: each one must be a finding a careful
 * lawyer would agree with. Regenerate with UPDATE_SNAPSHOTS=1 and review the diff before committing.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { analyzeText, LineIndex, type DocumentAnalysis } from '../../server/src/engine/index.js';

const root = process.cwd();
const corpusDir = join(root, '..', 'shared', 'corpus');
const snapshotDir = join(root, 'test', 'corpus', 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';

/** Each file is analysed once: the snapshot and the checks below read the same analysis (analyzeText is deterministic). */
const analyses = new Map<string, { text: string; analysis: DocumentAnalysis }>();
function analysisOf(path: string): { text: string; analysis: DocumentAnalysis } {
  let known = analyses.get(path);
  if (!known) {
    const text = readFileSync(path, 'utf8');
    analyses.set(path, (known = { text, analysis: analyzeText(text) }));
  }
  return known;
}

function snapshotOf(path: string) {
  const { text, analysis: a } = analysisOf(path);
  const lines = new LineIndex(text);
  return {
    isContract: a.applicability.isContract,
    isAIAgreement: a.applicability.isAIAgreement,
    coverage: Object.fromEntries(a.coverage.map((c) => [c.clause, c.status === 'incomplete' ? `incomplete: ${c.missingElements.join(', ')}` : c.status])),
    findings: a.findings.map((f) => {
      const p = lines.positionAt(f.start);
      const excerpt = text.slice(f.start, Math.min(f.end, f.start + 80)).replace(/\s+/g, ' ');
      const elements = (f.data?.elements as string[] | undefined)?.join('+');
      return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.rule}${f.clause ? `(${f.clause}${elements ? `: ${elements}` : ''})` : ''} "${excerpt}"`;
    }),
  };
}

const files = [
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => join(corpusDir, f)),
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'examples', f)),
];

describe('corpus snapshots', () => {
  test('the corpus is there', () => assert.ok(files.length >= 12, `found ${files.length} files`));
  for (const file of files) {
    const name = `${basename(file, '.md')}.json`;
    test(basename(file), () => {
      const actual = snapshotOf(file);
      const path = join(snapshotDir, name);
      if (update || !existsSync(path)) {
        assert.ok(update, `no snapshot for ${basename(file)}: run UPDATE_SNAPSHOTS=1 and review it`);
        mkdirSync(snapshotDir, { recursive: true });
        writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
    });
  }

  test('the NDA and the plain terms of service get no missing-clause warnings', () => {
    for (const name of ['commonpaper-mutual-nda.md', 'github-terms-of-service.md', 'basecamp-terms.md', 'bonterms-cloud-terms.md']) {
      const a = analysisOf(join(corpusDir, name)).analysis;
      assert.equal(a.findings.filter((f) => f.rule === 'missing-clause' || f.rule === 'incomplete-clause').length, 0, name);
    }
  });

  test('clauses worded differently from the catalogue are still found', () => {
    const copilot = analysisOf(join(corpusDir, 'github-terms-for-additional-products-and-features.md')).analysis;
    const status = (a: typeof copilot, id: string) => a.coverage.find((c) => c.clause === id)!.status;
    assert.notEqual(status(copilot, 'output-ownership'), 'missing', '"GitHub does not own Suggestions" is output ownership');
    const csa = analysisOf(join(corpusDir, 'commonpaper-cloud-service-agreement.md')).analysis;
    assert.ok(['present', 'incomplete'].includes(status(csa, 'no-training-on-customer-data')), 'aggregated and de-identified training data');
    assert.ok(['present', 'incomplete'].includes(status(csa, 'operational-data')), 'Usage Data');
    const sla = analysisOf(join(corpusDir, 'basecamp-sla.md')).analysis;
    assert.equal(status(sla, 'service-availability-sla'), 'present', '99.99% monthly uptime with credits');
  });
});
