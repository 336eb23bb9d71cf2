import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, resolveConfig } from '../../server/src/engine/index.js';
import { aiDraft, excerpts, findings } from './helpers.js';

const VAGUE = 'Provider shall promptly notify Customer and/or its users.';

describe('configuration', () => {
  test('a config file turns a rule off and changes another rule severity', () => {
    const config = resolveConfig({ files: [{ path: '.ai-clauses.json', text: '{ "rules": { "vague-time": "off", "and-or": "error" } }' }] });
    const a = analyzeText(aiDraft(VAGUE), config);
    assert.equal(a.findings.filter((f) => f.rule === 'vague-time').length, 0);
    assert.equal(a.findings.find((f) => f.rule === 'and-or')?.severity, 'error');
    assert.deepEqual(config.problems, []);
  });

  test('settings override the config file', () => {
    const config = resolveConfig({
      files: [{ path: '.ai-clauses.json', text: '{ "rules": { "and-or": "error" } }' }],
      settings: { rules: { 'and-or': 'hint' } },
    });
    assert.equal(findings(aiDraft(VAGUE), 'and-or', config)[0].severity, 'hint');
  });

  test('a malformed config file yields one clear problem with its location, and the defaults still apply', () => {
    const text = '{ "rules": { "vague-time": "off", } ,, }';
    const config = resolveConfig({ files: [{ path: '/w/.ai-clauses.json', text }] });
    assert.ok(config.problems.length >= 1);
    const p = config.problems[0];
    assert.match(p.message, /JSON syntax error/);
    assert.ok(p.start > 0 && p.start < text.length);
    // The well-formed part still applied; everything else is default.
    assert.equal(findings(aiDraft(VAGUE), 'and-or', config).length, 1);
  });

  test('schema errors name the key and point at the value', () => {
    const text = '{ "rules": { "vague-time": "loud", "no-such-rule": "off" }, "perspective": "buyer", "colour": 1 }';
    const config = resolveConfig({ files: [{ path: 'c.json', text }] });
    const messages = config.problems.map((p) => p.message);
    assert.ok(messages.some((m) => /vague-time/.test(m)));
    assert.ok(messages.some((m) => /no-such-rule/.test(m)));
    assert.ok(messages.some((m) => /perspective/.test(m)));
    assert.ok(messages.some((m) => /colour/.test(m)));
    const loud = config.problems.find((p) => /vague-time/.test(p.message))!;
    assert.equal(text.slice(loud.start, loud.end), '"loud"');
    assert.equal(findings(aiDraft(VAGUE), 'vague-time', config)[0].severity, 'information');
  });

  test('required clause set: only listed clauses can be missing', () => {
    const config = resolveConfig({ settings: { requiredClauses: ['output-ownership'] } });
    const a = analyzeText(aiDraft('Text.'), config);
    const missing = a.findings.filter((f) => f.rule === 'missing-clause').map((f) => f.clause);
    assert.deepEqual(missing, ['output-ownership']);
  });

  test('perspective adds the side note to missing-clause messages', () => {
    const neutral = findings(aiDraft('Text.'), 'missing-clause')[0].message;
    const licensee = findings(aiDraft('Text.'), 'missing-clause', resolveConfig({ settings: { perspective: 'licensee' } }))[0].message;
    assert.ok(licensee.length > neutral.length && /For the licensee/.test(licensee));
  });

  test('a playbook adds a clause (data only) and a broken playbook entry is reported, not executed', () => {
    const playbook = JSON.stringify({
      clauses: [
        {
          id: 'escrow',
          title: 'Model escrow',
          group: 'ai-additions',
          importance: 'high',
          severity: 'warning',
          aiSpecific: true,
          why: 'Customers need the model if the vendor fails.',
          detection: { headings: ['escrow'], phrases: ['escrow agent'] },
          elements: [],
          model: { heading: 'Escrow', text: '{Licensor} {shall} deposit the model weights with the Escrow Agent every [[3]] months.' },
          terms: [{ term: 'Escrow Agent', definition: 'means the agent the parties appoint.' }],
          notes: { licensee: 'Ask for it.', licensor: 'Resist it.' },
          references: [],
          examples: { present: ['## Escrow'], absent: ['No deposit.'] },
        },
        { id: 'broken', title: 'Incomplete entry' },
        { id: 'output-ownership', detection: { headings: ['output'], phrases: ['own* ... (output|outputs)'] }, severity: 'error' },
      ],
    });
    const config = resolveConfig({ playbooks: [{ path: 'firm.json', text: playbook }] });
    assert.ok(config.catalogue.clause('escrow'));
    assert.equal(config.catalogue.clause('output-ownership')?.severity, 'error');
    assert.equal(config.problems.length, 1);
    assert.match(config.problems[0].message, /broken/);
    const missing = findings(aiDraft('Text.'), 'missing-clause', config).map((f) => f.clause);
    assert.ok(missing.includes('escrow'));
    assert.ok(!findings(aiDraft('## 7. Escrow\n\nThe escrow agent holds the weights.'), 'missing-clause', config).some((f) => f.clause === 'escrow'));
  });

  test('an untrusted workspace ignores config files and playbooks', () => {
    const config = resolveConfig({ trusted: false, files: [{ path: 'c.json', text: '{ "rules": { "and-or": "off" } }' }] });
    assert.equal(findings(aiDraft(VAGUE), 'and-or', config).length, 1);
  });

  test('documents over the size limit are not analysed, and the user is told why', () => {
    const config = resolveConfig({ settings: { maxDocumentSize: 100 } });
    const a = analyzeText(aiDraft(VAGUE), config);
    assert.equal(a.skipped, 'too-large');
    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0].rule, 'document-too-large');
    assert.match(a.findings[0].message, /maxDocumentSize/);
  });
});

describe('inline directives', () => {
  test('disable-next-line, disable-line, disable/enable blocks and disable-file', () => {
    const body = [
      '<!-- ai-clauses-disable-next-line and-or -->',
      'Customer may suspend and/or terminate.',
      '',
      'Provider may pause and/or stop. <!-- ai-clauses-disable-line and-or -->',
      '',
      '<!-- ai-clauses-disable vague-time -->',
      '',
      'Provider shall promptly act.',
      '',
      '<!-- ai-clauses-enable vague-time -->',
      '',
      'Provider shall promptly report and/or log.',
    ].join('\n');
    const t = aiDraft(body);
    assert.deepEqual(excerpts(t, 'and-or').length, 1);
    assert.equal(excerpts(t, 'vague-time').length, 1);
    const off = aiDraft(`<!-- ai-clauses-disable-file and-or vague-time -->\n\n${body}`);
    assert.equal(excerpts(off, 'and-or').length + excerpts(off, 'vague-time').length, 0);
  });

  test('a clause can be marked not needed in the file', () => {
    const t = aiDraft('<!-- ai-clauses-disable-file missing-clause:output-ownership -->\n\nText.');
    const missing = findings(t, 'missing-clause').map((f) => f.clause);
    assert.ok(!missing.includes('output-ownership'));
    assert.ok(missing.length > 0);
  });

  test('directives inside code blocks are ignored', () => {
    const t = aiDraft('```\n<!-- ai-clauses-disable-file and-or -->\n```\n\nCustomer may suspend and/or terminate.');
    assert.equal(excerpts(t, 'and-or').length, 1);
  });
});
