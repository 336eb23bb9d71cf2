import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSymbol, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient, positionOf, serveDraft } from './harness.js';

describe('navigation', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  const usePosition = () => positionOf(client.doc(uri), 'Customer Data', 3, client.text(uri).indexOf('## 3.') + 10);

  it('the outline has no gaps: blank lines and the end of the draft are inside the section they follow', async () => {
    // VS Code's breadcrumbs use the first outline whose symbols enclose the cursor and otherwise fall back to its own
    // Markdown outline: a gap made the breadcrumb alternate between the two while typing.
    const doc = client.doc(uri);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const inside = (r: Range, line: number, character: number) =>
      (r.start.line < line || (r.start.line === line && r.start.character <= character)) && (r.end.line > line || (r.end.line === line && r.end.character >= character));
    const sections = (list: DocumentSymbol[]): DocumentSymbol[] => list.filter((s) => s.detail !== 'defined term').flatMap((s) => [s, ...sections(s.children ?? [])]);
    const first = symbols[0].range.start.line;
    for (let line = first; line < doc.lineCount; line++) {
      assert.ok(symbols.some((s) => inside(s.range, line, 0)), `line ${line + 1} ("${doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim()}") is in no section`);
    }
    // A blank line right after a sub-section belongs to it, not only to its parent.
    const withText = sections(symbols).filter((s) => s.range.end.line > s.range.start.line);
    const blankAfter = withText.filter((s) => s.range.end.line < doc.lineCount - 1 && doc.getText({ start: { line: s.range.end.line, character: 0 }, end: { line: s.range.end.line + 1, character: 0 } }).trim() === '');
    assert.ok(blankAfter.length > 0, 'sections end with their blank lines');
  });

  it('outlines sections, with the terms each defines', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1, 'the title is the root');
    assert.equal(symbols[0].name, 'AI Model Licence Agreement');
    const names = symbols[0].children!.map((s) => s.name).filter((n) => /^\d/.test(n));
    assert.deepEqual(names, ['1 Definitions', '2 Licence', '3 Customer Data', '4 Confidentiality', '5 Liability', '6 Governing Law']);
    const definitions = symbols[0].children!.find((s) => s.name === '1 Definitions')!;
    assert.deepEqual(definitions.children!.map((c) => c.name), ['AI System', 'Customer Data', 'Output']);
    const contains = (outer: Range, inner: Range) =>
      (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
      (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection inside range`);
      for (const c of s.children ?? []) {
        assert.ok(contains(s.range, c.range), `${c.name} inside ${s.name}`);
        check(c);
      }
    };
    symbols.forEach(check);
  });

  it('goes to the definition of a defined term and of a cross-reference', async () => {
    const doc = client.doc(uri);
    const def = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: usePosition() });
    assert.ok(def);
    assert.equal(doc.getText(def.range), 'Customer Data');
    assert.equal(doc.offsetAt(def.range.start), doc.getText().indexOf('**"Customer Data"**') + 3);
    const ref = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(doc, 'Section 2 (Licence)', 2) });
    assert.ok(ref);
    assert.match(doc.getText(ref.range), /^(?:2\.? )?Licence$/, 'the target heading');
    assert.equal(ref.range.start.line, positionOf(doc, '## 2. Licence').line);
  });

  it('finds every use of a defined term', async () => {
    const doc = client.doc(uri);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: usePosition(), context: { includeDeclaration: true } });
    const expected = doc.getText().split('Customer Data').length - 1;
    assert.equal(refs.length, expected);
    for (const r of refs) assert.equal(doc.getText(r.range), 'Customer Data');
    const withoutDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: usePosition(), context: { includeDeclaration: false } });
    assert.equal(withoutDecl.length, expected - 1);
    // "Customer" alone is a defined term too, but its references exclude the uses inside "Customer Data".
    const customer = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(doc, 'Customer a non-exclusive', 2),
      context: { includeDeclaration: true },
    });
    assert.ok(customer.length > 0);
    for (const r of customer) assert.notEqual(doc.getText({ start: r.range.start, end: { line: r.range.end.line, character: r.range.end.character + 5 } }), 'Customer Data');
  });

  it('renames a defined term everywhere (prepareRename + rename), whole words only', async () => {
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: usePosition() });
    assert.equal(prepared.placeholder, 'Customer Data');
    assert.equal(client.doc(uri).getText(prepared.range), 'Customer Data');
    const count = client.text(uri).split('Customer Data').length - 1;
    const before = await client.diagnostics(uri);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: usePosition(), newName: 'Client Content' });
    await client.applyEdit(edit);
    const text = client.text(uri);
    assert.equal(text.split('Customer Data').length - 1, 0);
    assert.equal(text.split('Client Content').length - 1, count);
    assert.ok(text.includes('**"Client Content"** means'));
    assert.ok(text.includes('Contoso Retail plc ("Customer")'), 'the other term "Customer" is untouched');
    const after = await client.diagnostics(uri);
    assert.equal(after.length, before.length, 'renaming adds no finding');
  });

  it('refuses to rename what is not a defined term', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(client.doc(uri), 'retains all rights', 2) }),
      /Only a defined term can be renamed/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: usePositionAfterRename(), newName: 'Output' }),
      /already a defined term/,
    );
  });

  const usePositionAfterRename = () => positionOf(client.doc(uri), 'Client Content', 3, client.text(uri).indexOf('## 3.') + 10);
});
