import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { TestClient, docUri, positionOf, serveDraft } from './harness.js';

describe('completion', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  async function complete(position: { line: number; character: number }, triggerCharacter?: string): Promise<CompletionItem[]> {
    const list = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position,
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    return list?.items ?? [];
  }

  it('offers clause snippets at the start of a line, missing clauses first', async () => {
    // An empty line between two sections.
    const doc = client.doc(uri);
    const at = positionOf(doc, '## 4. Confidentiality');
    const items = await complete({ line: at.line - 1, character: 0 });
    const snippets = items.filter((i) => i.kind === 15);
    assert.ok(snippets.length > 0, 'clause snippets are offered');
    for (const s of snippets) {
      assert.equal(s.insertTextFormat, 2, 'snippet syntax');
      const doc = s.documentation as { kind: string; value: string };
      assert.equal(doc.kind, 'markdown');
      assert.match(doc.value, /Why it matters/);
      const edit = s.textEdit as { newText: string };
      assert.ok(edit.newText.trim().length > 0);
    }
    const sorted = [...snippets].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    const statuses = sorted.map((s) => (s.data as { status: string }).status);
    const firstNonMissing = statuses.findIndex((s) => s !== 'missing');
    assert.ok(statuses.includes('missing'), 'the draft lacks clauses');
    assert.ok(firstNonMissing === -1 || !statuses.slice(firstNonMissing).includes('missing'), `missing clauses sort first: ${statuses.join(',')}`);
    // The inserted text uses the draft's party names, not the template's.
    const text = sorted.map((s) => (s.textEdit as { newText: string }).newText).join('\n');
    assert.ok(!text.includes('{Licensor}') && !text.includes('{Licensee}'));
  });

  it('offers section numbers after "Section "', async () => {
    await client.replace(uri, 'Section 9 applies', 'Section  applies');
    const pos = positionOf(client.doc(uri), 'Section  applies', 'Section '.length);
    const items = await complete(pos, ' ');
    const labels = items.map((i) => i.label);
    const top = labels.filter((l) => /^\d+$/.test(l));
    assert.deepEqual(top, ['1', '2', '3', '4', '5', '6'], 'every numbered section, in document order');
    assert.equal(new Set(labels).size, labels.length, 'no duplicates');
    assert.equal(items.find((i) => i.label === '3')?.detail, '3 Customer Data');
    assert.ok(items.every((i) => i.kind === 18), 'reference items');
  });

  it('offers defined terms while typing a capitalised word', async () => {
    await client.replace(uri, 'Neither party shall', 'Neither party shall use Cust');
    const pos = positionOf(client.doc(uri), 'use Cust', 'use Cust'.length);
    const items = await complete(pos);
    const item = items.find((i) => i.label === 'Customer Data');
    assert.ok(item, items.map((i) => i.label).join(', '));
    assert.equal(item.detail, 'Defined term');
    const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.equal(edit.range.end.character - edit.range.start.character, 'Cust'.length, 'replaces what was typed');
    assert.ok((item.documentation as { value: string }).value.includes('means all data'));
  });

  it('offers clause snippets in an empty document, but not in a Markdown file that is no contract', async () => {
    const empty = docUri('empty.md');
    await client.open(empty, '');
    const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: empty }, position: { line: 0, character: 0 } });
    assert.ok((list?.items.length ?? 0) > 0, 'starting a draft');
    const readme = docUri('README.md');
    await client.open(readme, '# Project\n\nThis project builds a website. Run the build script and open the page in a browser to see the result of the build.\n\nMore notes follow here, about the build, the tests, the deployment and the people who maintain the project.\n\nThe website shows photographs of birds, a map of where they were seen, and a page per species with notes.\n\n');
    const none = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: readme }, position: { line: 8, character: 0 } });
    assert.equal(none, null);
  });

  it('renders clause snippets in the draft\'s "we"/"you" and in its short names, never the catalogue\'s role words', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'terms-of-use.md',
        '# Quillwise Terms of Use\n\nThese terms apply when you use Quillwise, our AI writing assistant. Quillwise generates text with a large language model from the prompts you type.\n\n## 1. Using Quillwise\n\nYou may use Quillwise for personal and business writing. You must not use Quillwise to break the law. We will keep Quillwise available as far as we reasonably can, and we may change it at any time. You are responsible for what you publish.\n\n\n\n## 2. Fees\n\nYou will pay the fees shown when you subscribe. We may change the fees by telling you 30 days in advance.\n',
        /We will not use Your Data, including Input, or Output to train/,
      ],
      [
        'larkspur.md',
        '# Summarisation Services Agreement\n\nThis agreement is made between **Larkspur Systems Limited**, a company registered in England ("**Larkspur**"), and **Kestrel Analytics plc**, a company registered in Scotland ("**Kestrel**").\n\n## 1. The Service\n\n1.1 Larkspur will make its machine learning summarisation service available to Kestrel, and Kestrel will pay the fees. Larkspur will host and operate the service and provide its generated summaries to Kestrel.\n\n\n\n## 2. Fees\n\n2.1 Kestrel will pay the fees within 30 days.\n',
        /Larkspur will not use Kestrel Data, including Input, or Output to train/,
      ],
    ];
    for (const [name, text, expected] of cases) {
      const doc = docUri(name);
      await client.open(doc, text);
      const line = text.split('\n').findIndex((l, i, all) => l === '' && all[i - 1] === '' && all[i + 1] === '');
      const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: doc }, position: { line, character: 0 } });
      const snippets = (list?.items ?? []).filter((i) => i.kind === 15);
      assert.ok(snippets.length > 20, `${name}: clause snippets offered`);
      const all = snippets.map((s) => (s.textEdit as { newText: string }).newText).join('\n');
      assert.doesNotMatch(all, /(?<!Model )\b(?:Provider|Customer|Licensor|Licensee)\b/, name);
      const training = snippets.find((s) => (s.data as { clause: string }).clause === 'no-training-on-customer-data');
      assert.match((training?.textEdit as { newText: string }).newText, expected);
    }
  });

  it('offers nothing in the middle of lower-case prose', async () => {
    const pos = positionOf(client.doc(uri), 'retains all rights', 'retains al'.length);
    assert.deepEqual(await complete(pos), []);
    assert.deepEqual(await complete(pos, ' '), []);
  });
});
