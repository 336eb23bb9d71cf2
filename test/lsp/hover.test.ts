import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, TestClient, missingClauses, positionOf, serveDraft } from './harness.js';

describe('hover', () => {
  let client: TestClient;
  const uri = serveDraft('draft.md', (started) => (client = started));

  async function hover(search: string, delta = 1, from = 0): Promise<{ value: string; range: string }> {
    const doc = client.doc(uri);
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(doc, search, delta, from) });
    assert.ok(result, `no hover on "${search}"`);
    const contents = result.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    return { value: contents.value, range: result.range ? doc.getText(result.range) : '' };
  }

  it('explains a finding: message, why, what instead, and where its severity comes from', async () => {
    const h = await hover('promptly', 3);
    assert.equal(h.range, 'promptly');
    assert.match(h.value, /vague-time/);
    const rule = (JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'catalogue', 'rules.json'), 'utf8')) as { id: string; why: string; instead: string }[]).find((r) => r.id === 'vague-time')!;
    assert.ok(h.value.includes(rule.why), 'says why it matters (once)');
    assert.equal(h.value.split(rule.why).length, 2, 'the why is not repeated');
    assert.ok(h.value.includes(`**What to write instead:** ${rule.instead}`));
    assert.match(h.value, /Severity set by the rule’s default/);
    assert.match(h.value, /Rule documentation\]\(file:\/\/.*docs\/rules\/vague-time\.md\)/);
  });

  it('the diagnostic says what is wrong; why and what instead are said once, in the hover', async () => {
    const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'catalogue', 'rules.json'), 'utf8')) as { id: string; why: string; instead: string }[];
    const items = await client.diagnostics(uri);
    for (const d of items) {
      const rule = rules.find((r) => r.id === d.code)!;
      assert.ok(!d.message.includes(rule.why), `${d.code}: the diagnostic repeats the rule's why: ${d.message}`);
      assert.ok(!d.message.includes(rule.instead), `${d.code}: the diagnostic repeats the rule's instead: ${d.message}`);
    }
    const vague = items.find((d) => d.code === 'vague-time')!;
    assert.equal(vague.message, 'Vague time limit "promptly".');
    const missing = items.find((d) => d.code === 'missing-clause')!;
    assert.match(missing.message, /^\d+ clauses missing: [^.]+ and \d+ more\.$/);
  });

  it('never shows element ids, only their titles', async () => {
    const catalogue = fs.readdirSync(path.join(ROOT, 'server', 'catalogue', 'clauses')).map(
      (f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'catalogue', 'clauses', f), 'utf8')) as { elements: { id: string }[] },
    );
    const ids = new Set(catalogue.flatMap((c) => c.elements.map((e) => e.id)).filter((id) => id.includes('-')));
    const items = await client.diagnostics(uri);
    const incomplete = items.filter((d) => d.code === 'incomplete-clause');
    assert.ok(incomplete.length > 0, 'the draft has an incomplete clause');
    for (const d of incomplete) {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
      const text = `${d.message}\n${(h!.contents as { value: string }).value}`;
      for (const id of ids) assert.ok(!new RegExp(`\\b${id}\\b`).test(text), `element id "${id}" shown: ${text}`);
    }
  });

  it('shows the definition of a defined term', async () => {
    const at = client.text(uri).indexOf('## 2.');
    const h = await hover('Customer Data', 2, at);
    assert.equal(h.range, 'Customer Data');
    assert.match(h.value, /\*\*Customer Data\*\* \(defined term, defined on line \d+\)/);
    assert.match(h.value, /means all data, prompts and content that Customer submits/);
  });

  it('shows the heading a cross-reference points to', async () => {
    const h = await hover('Section 2 (Licence)', 3);
    assert.equal(h.range, 'Section 2 (Licence)');
    assert.match(h.value, /Section 2\*\* → 2 Licence/);
    assert.match(h.value, /grants Customer a non-exclusive licence/);
  });

  it('says when a cross-reference points nowhere', async () => {
    const h = await hover('Section 9', 2);
    assert.match(h.value, /dangling-cross-reference/);
    assert.match(h.value, /Section 9\*\*: no such section/);
  });

  it('lists the missing clauses compactly on the title', async () => {
    const h = await hover('AI Model Licence Agreement', 3);
    const count = Number(/\*\*(\d+) clauses missing\*\*/.exec(h.value)?.[1]);
    const items = await client.diagnostics(uri);
    assert.equal(count, missingClauses(items).length);
    assert.equal(h.value.split('\n- **').length - 1, count, 'one line per missing clause');
  });

  it('has nothing to say about plain prose', async () => {
    const doc = client.doc(uri);
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(doc, 'Jane Smith', 3) });
    assert.equal(result, null);
  });

  it('on a position finding, lists the clause\'s positions and marks the draft\'s', async () => {
    const posUri = uri.replace(/draft\.md$/, 'position.md');
    const text =
      '# AI Services Agreement\n\nThis AI Services Agreement is between Northwind Analytics Ltd ("Provider") and Contoso Retail plc ("Customer").\n\n## 1. Services\n\nProvider will provide the AI System, a machine learning service with generative models, to Customer. Customer will pay the fees. Either party may terminate for breach.\n\n## 2. Data\n\nProvider may use Customer Data and Output to train and improve its models.\n';
    const doc = await client.open(posUri, text);
    const finding = (await client.diagnostics(posUri)).find((d) => d.code === 'unfavourable-position');
    assert.ok(finding, 'the permission to train is reported');
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: posUri }, position: positionOf(doc, 'may use Customer Data', 2) });
    const value = (result!.contents as { value: string }).value;
    assert.match(value, /\*\*Positions on this clause:\*\*/);
    assert.match(value, /\*\*Training on the licensee's data without limits\*\* \(favours the licensor\) ← this draft/);
    assert.match(value, /- No training on the licensee's data \(favours the licensee\)/);
  });
});
