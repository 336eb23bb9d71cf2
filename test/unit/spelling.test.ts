/** Inserted text follows the draft's spelling: the catalogue is British, a US draft gets American spelling. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, insertClauseFix, builtinCatalogue } from '../../server/src/engine/index.js';
import { draftSpelling, toUsSpelling } from '../../server/src/engine/spelling.js';

const draft = (spelling: 'us' | 'uk') =>
  [
    '# AI Platform Agreement',
    '',
    'This AI Platform Agreement is between Northwind Analytics Inc. ("Provider") and Contoso Retail Inc. ("Customer").',
    '',
    '## 1. Services',
    '',
    `1.1 Provider shall make the AI System, including its machine learning models, available to Customer. Customer shall pay the fees and is ${spelling === 'us' ? 'authorized' : 'authorised'} to use the AI System for its internal ${spelling === 'us' ? 'organization' : 'organisation'}. Either party may terminate this Agreement for breach.`,
    '',
    `1.2 Provider shall monitor the ${spelling === 'us' ? 'behavior' : 'behaviour'} of the AI System and shall ${spelling === 'us' ? 'analyze' : 'analyse'} incidents.`,
    '',
  ].join('\n');

test('the draft’s spelling habit is read from the words that differ', () => {
  assert.equal(draftSpelling(draft('us')), 'us');
  assert.equal(draftSpelling(draft('uk')), 'uk');
  assert.equal(toUsSpelling('The licence authorises the Centre to analyse behaviour.'), 'The license authorizes the Center to analyze behavior.');
  assert.equal(toUsSpelling('Licensee is licensed; the emphasis stays.'), 'Licensee is licensed; the emphasis stays.');
});

test('every model clause inserted into a US draft is in American spelling, and stays British in a British draft', () => {
  const us = analyzeText(draft('us'));
  const uk = analyzeText(draft('uk'));
  let british = 0;
  for (const clause of builtinCatalogue().clauses) {
    const ukText = insertClauseFix(uk, clause.id)?.edits.map((e) => e.newText).join('') ?? '';
    const usText = insertClauseFix(us, clause.id)?.edits.map((e) => e.newText).join('') ?? '';
    if (/\blicence|authoris|behaviour|organis/i.test(ukText)) british++;
    assert.doesNotMatch(usText, /\blicences?\b|\bauthoris|\bbehaviour|\borganis|\bminimis|\banonymis/i, `${clause.id}: British spelling in a US draft`);
  }
  assert.ok(british > 0, 'the British draft keeps the catalogue’s British spelling (so the check above means something)');
});
