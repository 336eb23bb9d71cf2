/** The CLI's reports (server/src/cli/format.ts): text, SARIF and HTML. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatHtml, toFileResult, type FileResult } from '../../server/src/cli/format.js';
import { analyzeText, builtinCatalogue, LineIndex, resolveConfig } from '../../server/src/engine/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function resultOf(relative: string): FileResult {
  const text = fs.readFileSync(path.join(ROOT, relative), 'utf8');
  const config = resolveConfig({});
  return toFileResult(relative, analyzeText(text, config), new LineIndex(text), config);
}

describe('HTML report', () => {
  it('names the elements an incomplete clause lacks by title, never by id', () => {
    const results = ['examples/gappy-ai-licence.md', 'examples/vague-ai-licence.md', 'test/lsp/fixtures/draft.md'].map(resultOf);
    const incomplete = results.flatMap((r) => r.coverage.filter((c) => c.status === 'incomplete'));
    assert.ok(incomplete.length > 0, 'some clause is incomplete');
    const html = formatHtml(results);
    const ids = new Set(builtinCatalogue().clauses.flatMap((c) => c.elements.map((e) => e.id)).filter((id) => id.includes('-')));
    for (const c of incomplete) {
      for (const title of c.missingElementTitles) assert.ok(html.includes(title.replace(/'/g, '&#39;').replace(/"/g, '&quot;')), `"${title}" is in the report`);
    }
    for (const id of ids) assert.ok(!new RegExp(`lacks[^<]*\\b${id}\\b`).test(html), `element id "${id}" in the report`);
  });
});
