import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { TestClient, docUri, fixture } from './harness.js';

/** Deterministic pseudo-random bytes decoded as UTF-8 (replacement characters, NULs, control characters...). */
function garbage(length: number): string {
  let seed = 12345;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = seed & 0xff;
  }
  return bytes.toString('utf8') + '\ud800 lone surrogate \r\r\n# Heading\u0000';
}

/** A long agreement: the fixture's body repeated to about `size` characters, sections renumbered. */
function large(size: number): string {
  const body = fixture('draft.md').split('## 1. Definitions')[1];
  const parts = [fixture('draft.md').split('## 1. Definitions')[0]];
  let n = 1;
  let length = parts[0].length;
  while (length < size) {
    const chunk = `## ${n}. Definitions${body}`.replace(/## (\d+)\./g, () => `## ${n++}.`);
    parts.push(chunk);
    length += chunk.length;
  }
  return parts.join('\n');
}

describe('robustness', () => {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function everyFeature(uri: string): Promise<void> {
    const position = { line: 0, character: 3 };
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    await client.request('textDocument/definition', { textDocument: { uri }, position });
    await client.request('aiClauses/coverage', { uri });
  }

  it('survives a binary / garbage document', async () => {
    const uri = docUri('garbage.md');
    await client.open(uri, garbage(20_000));
    const items = await client.diagnostics(uri);
    assert.ok(Array.isArray(items));
    await everyFeature(uri);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, text: '\u0000\u0001' }]);
    await client.diagnostics(uri);
    assert.ok(client.alive);
  });

  it('analyses a 5 MB document and still answers afterwards', { timeout: 120_000 }, async () => {
    const uri = docUri('large.md');
    const text = large(5_000_000);
    assert.ok(text.length >= 5_000_000);
    await client.open(uri, text);
    const items = await client.diagnostics(uri);
    assert.ok(items.length > 100, `findings all along the document (${items.length})`);
    // An edit near the end re-analyses only what changed and stays correct.
    const doc = client.doc(uri);
    const end = doc.positionAt(text.length);
    await client.change(uri, [{ range: { start: end, end }, text: '\n\nThe Provider shall promptly and/or quickly respond.\n' }]);
    const again = await client.diagnostics(uri);
    assert.ok(again.some((d) => d.range.start.line === end.line + 2 && d.code === 'and-or'));
    await everyFeature(uri);
    await client.close(uri);
    const small = docUri('after-large.md');
    await client.open(small, fixture('draft.md'));
    assert.ok((await client.diagnostics(small)).length > 0);
    assert.ok(client.alive);
  });
});
