/** Pure helpers of the LSP adapter (no server process). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindRequested } from '../../server/src/lsp/code-actions.js';
import { completionContext, typedPartOfTerm } from '../../server/src/lsp/completion.js';
import { normalizeSettings } from '../../server/src/lsp/settings.js';
import { stripSnippet } from './harness.js';

describe('adapter helpers', () => {
  it('tells what the user is completing from the line before the cursor', () => {
    assert.deepEqual(completionContext('as set out in Section '), { kind: 'section', typed: '' });
    assert.deepEqual(completionContext('see Clause 4.'), { kind: 'section', typed: '4.' });
    assert.deepEqual(completionContext(''), { kind: 'clause', typed: '' });
    assert.deepEqual(completionContext('  Own'), { kind: 'clause', typed: 'Own' });
    assert.equal(completionContext('the Customer Da').kind, 'term');
    assert.equal(completionContext('means "').kind, 'term');
    assert.equal(completionContext('the customer da').kind, 'none');
    assert.equal(completionContext('costs, ').kind, 'none');
  });

  it('replaces exactly the typed start of a multi-word term', () => {
    assert.equal(typedPartOfTerm('use of Customer Da', 'Customer Data'), 'Customer Da'.length);
    assert.equal(typedPartOfTerm('use of Cu', 'Customer Data'), 2);
    assert.equal(typedPartOfTerm('use of XCu', 'Customer Data'), 0, 'only at a word start');
    assert.equal(typedPartOfTerm('use of ', 'Customer Data'), 0);
  });

  it('matches requested code action kinds hierarchically', () => {
    assert.equal(kindRequested(undefined, 'quickfix'), true);
    assert.equal(kindRequested(['source'], 'source.fixAll.aiClauses'), true);
    assert.equal(kindRequested(['source.fixAll'], 'source.fixAll.aiClauses'), true);
    assert.equal(kindRequested(['source.fixAll.eslint'], 'source.fixAll.aiClauses'), false);
    assert.equal(kindRequested(['quickfix'], 'source.fixAll.aiClauses'), false);
    assert.equal(kindRequested(['source.fix'], 'source.fixAll.aiClauses'), false, 'prefixes end at a dot');
  });

  it('normalises whatever the client sends as settings', () => {
    const s = normalizeSettings({ rules: { 'and-or': 'off', bad: 'loud', x: 3 }, perspective: 'licensee', maxDocumentSize: -1, playbooks: ['a.json', 3, ''], fixAll: 'yes' });
    assert.deepEqual(s.rules, { 'and-or': 'off' });
    assert.equal(s.perspective, 'licensee');
    assert.equal(s.maxDocumentSize, null);
    assert.deepEqual(s.playbooks, ['a.json']);
    assert.equal(s.fixAll, false);
    assert.equal(s.enable, true);
    assert.deepEqual(normalizeSettings(null).codeActions, { disableComments: true });
  });

  it('the test client strips snippet syntax the way an editor inserts defaults', () => {
    assert.equal(stripSnippet('within ${1:5} calendar days'), 'within 5 calendar days');
    assert.equal(stripSnippet('cost \\$5 and $0'), 'cost $5 and ');
    assert.equal(stripSnippet('a \\} b'), 'a } b');
  });
});
