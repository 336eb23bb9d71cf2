/**
 * Drives fuzz documents through one running language server: open, pull diagnostics, ask for code actions on the
 * first diagnostics, apply a random incremental change, pull again, close. Checks every range against the client's
 * own copy of the text and that the server still answers afterwards.
 */

import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { LineIndex } from '../../server/src/engine/index.js';
import { Rand, type FuzzDoc } from './generate.js';
import { checkLspCodeActions, checkLspDiagnostics } from './check.js';
import type { LspDriver } from './lsp-driver.js';

export interface LspFuzzStats {
  documents: number;
  diagnostics: number;
  codeActions: number;
}

/** An offset where an LSP client could place a cursor: not inside a CRLF pair or a surrogate pair. */
function cursorOffset(text: string, offset: number): number {
  let o = Math.max(0, Math.min(text.length, offset));
  while (o > 0 && o < text.length) {
    const a = text.charCodeAt(o - 1);
    const b = text.charCodeAt(o);
    if ((a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff)) o--;
    else break;
  }
  return o;
}

export async function fuzzOneOverLsp(driver: LspDriver, doc: FuzzDoc, stats: LspFuzzStats): Promise<string[]> {
  const where = `lsp seed ${doc.seed} #${doc.index} (${doc.origin})`;
  const problems: string[] = [];
  const uri = pathToFileURL(join(tmpdir(), 'ai-clauses-fuzz', `doc-${doc.index}.md`)).href;
  const r = new Rand((doc.seed ^ (doc.index * 7919)) >>> 0);
  let text = doc.text;
  await driver.open(uri, text, 1);
  let diags = await driver.diagnostics(uri);
  problems.push(...checkLspDiagnostics(text, diags, `${where} open`));
  stats.diagnostics += diags.length;
  if (driver.capabilities.codeActionProvider) {
    for (const d of diags.slice(0, 2)) {
      const actions = await driver.request<any[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], triggerKind: 1 },
      });
      stats.codeActions += actions?.length ?? 0;
      problems.push(...checkLspCodeActions(text, uri, actions, `${where} codeAction`));
    }
  }
  // One or two incremental changes, checked against our own copy.
  for (let c = r.between(1, 2); c > 0; c--) {
    const a = cursorOffset(text, r.int(text.length + 1));
    const b = cursorOffset(text, a + r.int(200));
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    const insert = r.pick(['', 'x', '\n', '\r\n', '## 9. Heading\n', 'reasonable efforts ', '**"Term"** means ', '|a|b|\n|-|-|\n', '\u{1F600}', '\t']);
    const index = new LineIndex(text);
    const range = index.range(start, end);
    text = text.slice(0, start) + insert + text.slice(end);
    await driver.change(uri, [{ range, text: insert }]);
  }
  diags = await driver.diagnostics(uri);
  problems.push(...checkLspDiagnostics(text, diags, `${where} after change`));
  stats.diagnostics += diags.length;
  await driver.close(uri);
  stats.documents++;
  if (driver.exited) problems.push(`${where}: the server exited (code ${driver.exitCode})`);
  return problems;
}
