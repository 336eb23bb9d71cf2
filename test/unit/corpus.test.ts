/**
 * Snapshot tests over real agreements written by others (../shared/corpus) and our examples. The expected output
 * is committed in test/corpus/snapshots/ and was read finding by finding: each one must be a finding a careful
 * lawyer would agree with. Regenerate with UPDATE_SNAPSHOTS=1 and review the diff before committing.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { analyzeText, LineIndex } from '../../server/src/engine/index.js';

const root = process.cwd();
const corpusDir = join(root, '..', 'shared', 'corpus');
const snapshotDir = join(root, 'test', 'corpus', 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function snapshotOf(text: string) {
  const a = analyzeText(text);
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
      const actual = snapshotOf(readFileSync(file, 'utf8'));
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
      const a = analyzeText(readFileSync(join(corpusDir, name), 'utf8'));
      assert.equal(a.findings.filter((f) => f.rule === 'missing-clause' || f.rule === 'incomplete-clause').length, 0, name);
    }
  });

  test('clauses worded differently from the catalogue are still found', () => {
    const copilot = analyzeText(readFileSync(join(corpusDir, 'github-terms-for-additional-products-and-features.md'), 'utf8'));
    const status = (a: typeof copilot, id: string) => a.coverage.find((c) => c.clause === id)!.status;
    assert.notEqual(status(copilot, 'output-ownership'), 'missing', '"GitHub does not own Suggestions" is output ownership');
    const csa = analyzeText(readFileSync(join(corpusDir, 'commonpaper-cloud-service-agreement.md'), 'utf8'));
    assert.ok(['present', 'incomplete'].includes(status(csa, 'no-training-on-customer-data')), 'aggregated and de-identified training data');
    assert.ok(['present', 'incomplete'].includes(status(csa, 'operational-data')), 'Usage Data');
    const sla = analyzeText(readFileSync(join(corpusDir, 'basecamp-sla.md'), 'utf8'));
    assert.equal(status(sla, 'service-availability-sla'), 'present', '99.99% monthly uptime with credits');
  });
});
