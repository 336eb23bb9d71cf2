import * as assert from 'node:assert/strict';
import { activateExtension, applyCodeAction, openDraft, revertAndCloseAll, ruleOf, waitForCodeAction, waitForDiagnostics } from './helpers.js';

describe('a vague phrase (examples/vague-ai-licence.md)', () => {
  before(activateExtension);
  afterEach(revertAndCloseAll);

  it('the vague-time quick fix replaces only the phrase', async () => {
    const { document } = await openDraft('vague-ai-licence.md');
    const uri = document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'vague-time'), 'a vague-time diagnostic');
    const target = ds.find((d) => ruleOf(d) === 'vague-time')!;
    const before = document.getText();
    const start = document.offsetAt(target.range.start);
    const end = document.offsetAt(target.range.end);
    const phrase = before.slice(start, end);
    assert.ok(phrase.trim().length > 0, 'the diagnostic covers no text');

    const action = await waitForCodeAction(
      uri,
      target.range,
      (a) => /^Replace\b/.test(a.title) && !!a.edit,
      `replacing "${phrase}"`,
    );
    await applyCodeAction(action);

    const after = document.getText();
    assert.equal(after.slice(0, start), before.slice(0, start), 'text before the phrase changed');
    const tail = before.length - end;
    assert.equal(after.slice(after.length - tail), before.slice(end), 'text after the phrase changed');
    const replacement = after.slice(start, after.length - tail);
    assert.notEqual(replacement, phrase, 'the phrase was not replaced');
    assert.ok(replacement.trim().length > 0, 'the phrase was deleted, not replaced');
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'vague-time' && document.offsetAt(x.range.start) === start),
      'the vague-time diagnostic to go away',
    );
  });
});
