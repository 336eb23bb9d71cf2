import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, CompletionList, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TestClient, docUri, fixture, positionOf } from './harness.js';

/** The server adapts its answers to what the client says it can do. */
describe('client capabilities', () => {
  const uri = docUri('draft.md');

  async function vagueFix(client: TestClient): Promise<CodeAction> {
    await client.open(uri, fixture('draft.md'));
    const target = (await client.diagnostics(uri)).find((d) => d.code === 'vague-time')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix);
    return fix;
  }

  it('sends snippet edits (tab stops) only to clients with snippetEditSupport', async () => {
    const plain = await TestClient.start();
    try {
      const edit = ((await vagueFix(plain)).edit!.documentChanges![0] as TextDocumentEdit).edits[0] as { newText: string; snippet?: unknown };
      assert.equal(edit.snippet, undefined);
      assert.ok(!edit.newText.includes('${'), edit.newText);
      assert.match(edit.newText, /^within 2 /);
    } finally {
      await plain.stop();
    }
    const snippets = await TestClient.start({ snippetEdits: true });
    try {
      const fix = await vagueFix(snippets);
      const edit = (fix.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as { newText: string; snippet?: { kind: string; value: string } };
      assert.deepEqual(edit.snippet?.kind, 'snippet');
      assert.match(edit.snippet!.value, /^within \$\{1:2\} /);
      // Applying it (tab stops at their defaults) still removes the finding.
      await snippets.applyEdit(fix.edit!);
      assert.ok(!(await snippets.diagnostics(uri)).some((d) => d.code === 'vague-time'));
    } finally {
      await snippets.stop();
    }
  });

  it('uses the server command for rule documentation when the client has none (window/showDocument)', async () => {
    const client = await TestClient.start();
    try {
      await client.open(uri, fixture('draft.md'));
      const target = (await client.diagnostics(uri)).find((d) => d.code === 'and-or')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
      const doc = actions.find((a) => a.command);
      assert.equal(doc?.command?.command, 'aiClauses.server.showRuleDocumentation');
      await client.request('workspace/executeCommand', { command: doc!.command!.command, arguments: doc!.command!.arguments });
      assert.equal(client.shownDocuments.length, 1);
      assert.match(client.shownDocuments[0], /^file:\/\/.*\/docs\/rules\/and-or\.md$/);
    } finally {
      await client.stop();
    }
  });

  it('sends plain-text clause completions to clients without snippet support', async () => {
    const client = await TestClient.start({ completionSnippets: false });
    try {
      await client.open(uri, fixture('draft.md'));
      const at = positionOf(client.doc(uri), '## 4. Confidentiality');
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: at.line - 1, character: 0 } });
      assert.ok(list.items.length > 0);
      for (const item of list.items) {
        assert.equal(item.insertTextFormat, 1);
        assert.ok(!/\$\{\d+:/.test((item.textEdit as { newText: string }).newText));
      }
    } finally {
      await client.stop();
    }
  });

  it('sends plain-text hovers to clients that do not render Markdown', async () => {
    const client = await TestClient.start({ markdownHover: false });
    try {
      await client.open(uri, fixture('draft.md'));
      const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(client.doc(uri), 'promptly', 2),
      });
      assert.equal(hover.contents.kind, 'plaintext');
      assert.match(hover.contents.value, /vague-time/);
      assert.ok(!hover.contents.value.includes('**'), 'no Markdown markup');
    } finally {
      await client.stop();
    }
  });
});
