import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient, docUri, fixture, missingClauses, positionOf } from './harness.js';

async function changeSettings(client: TestClient, settings: Record<string, unknown>): Promise<void> {
  const refreshes = client.refreshRequests;
  client.settings = settings;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(() => client.refreshRequests > refreshes, 5000, 'workspace/diagnostic/refresh');
}

async function hoverValue(client: TestClient, uri: string, search: string): Promise<string> {
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.doc(uri), search, 2) });
  assert.ok(h);
  return (h.contents as { value: string }).value;
}

describe('settings', () => {
  let client: TestClient;
  const uri = docUri('draft.md');

  before(async () => {
    client = await TestClient.start({ settings: { rules: { 'vague-time': 'error' } } });
    await client.open(uri, fixture('draft.md'));
  });
  after(async () => {
    await client.stop();
  });

  it('asks the client for the aiClauses settings of the document and applies them', async () => {
    const items = await client.diagnostics(uri);
    assert.ok(client.configurationRequests > 0);
    assert.equal(items.find((d) => d.code === 'vague-time')?.severity, 1, 'raised to error by the setting');
    assert.match(await hoverValue(client, uri, 'promptly'), /Severity set by the `aiClauses.rules` setting/);
  });

  it('re-diagnoses when the settings change', async () => {
    const before = await client.pull(uri);
    await changeSettings(client, { rules: { 'and-or': 'off' } });
    const after = await client.pull(uri, (before as { resultId?: string }).resultId);
    assert.equal(after.kind, 'full', 'a new configuration epoch invalidates the result id');
    const items = (after as { items: { code?: unknown; severity?: number }[] }).items;
    assert.ok(!items.some((d) => d.code === 'and-or'), 'and-or is off');
    assert.equal(items.find((d) => d.code === 'vague-time')?.severity, 3, 'back to its default');
  });

  it('reports a document over aiClauses.maxDocumentSize with one information diagnostic', async () => {
    await changeSettings(client, { maxDocumentSize: 1000 });
    const items = await client.diagnostics(uri);
    assert.equal(items.length, 1);
    assert.equal(items[0].code, 'document-too-large');
    assert.equal(items[0].severity, 3);
    assert.match(items[0].message, /maxDocumentSize/);
    await changeSettings(client, {});
    assert.ok((await client.diagnostics(uri)).length > 1);
  });

  it('can be disabled', async () => {
    await changeSettings(client, { enable: false });
    assert.deepEqual(await client.diagnostics(uri), []);
    await changeSettings(client, {});
  });
});

describe('configuration file and workspace trust', () => {
  let dir: string;
  let folderUri: string;
  let configPath: string;
  let docPath: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-lsp-'));
    folderUri = pathToFileURL(dir).href;
    configPath = path.join(dir, '.ai-clauses.json');
    fs.mkdirSync(path.join(dir, 'contracts'));
    docPath = path.join(dir, 'contracts', 'draft.md');
    fs.writeFileSync(docPath, fixture('draft.md'));
    fs.writeFileSync(configPath, '{\n  // team policy\n  "rules": { "and-or": "off", "vague-time": "warning" },\n}\n');
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies the nearest .ai-clauses.json and names it in hovers', async () => {
    const client = await TestClient.start({ workspaceFolders: [{ uri: folderUri, name: 'ws' }] });
    try {
      const uri = pathToFileURL(docPath).href;
      await client.open(uri, fixture('draft.md'));
      const items = await client.diagnostics(uri);
      assert.ok(!items.some((d) => d.code === 'and-or'), 'and-or is off in the config file');
      assert.equal(items.find((d) => d.code === 'vague-time')?.severity, 2);
      const value = await hoverValue(client, uri, 'promptly');
      assert.ok(value.includes(`the configuration file \`${configPath}\``), value);

      // The file changes on disk: the client reports it, the server refreshes.
      fs.writeFileSync(configPath, '{ "rules": { "vague-time": "off" } }');
      const refreshes = client.refreshRequests;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
      await client.waitFor(() => client.refreshRequests > refreshes, 5000, 'a refresh after the config file changed');
      const now = await client.diagnostics(uri);
      assert.ok(now.some((d) => d.code === 'and-or'));
      assert.ok(!now.some((d) => d.code === 'vague-time'));

      // Problems in the configuration file are reported on it while it is open.
      const configUri = pathToFileURL(configPath).href;
      await client.open(configUri, '{ "rules": { "no-such-rule": "off" }, "colour": 1 }', 'json');
      const problems = await client.diagnostics(configUri);
      assert.equal(problems.length, 2, JSON.stringify(problems));
      const configDoc = client.doc(configUri);
      assert.deepEqual(problems.map((p) => configDoc.getText(p.range)).sort(), ['"colour"', '"no-such-rule"']);
      for (const p of problems) assert.equal(p.code, 'config-error');
    } finally {
      await client.stop();
    }
  });

  it('ignores configuration files in an untrusted workspace until trust is granted', async () => {
    fs.writeFileSync(configPath, '{ "rules": { "and-or": "off" } }');
    const client = await TestClient.start({ workspaceFolders: [{ uri: folderUri, name: 'ws' }], initializationOptions: { trusted: false } });
    try {
      const uri = pathToFileURL(docPath).href;
      await client.open(uri, fixture('draft.md'));
      assert.ok((await client.diagnostics(uri)).some((d) => d.code === 'and-or'), 'the config file is ignored');
      const refreshes = client.refreshRequests;
      await client.connection.sendNotification('aiClauses/didChangeTrust', { trusted: true });
      await client.waitFor(() => client.refreshRequests > refreshes, 5000, 'a refresh after trust was granted');
      assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'and-or'), 'now the config file applies');
    } finally {
      await client.stop();
    }
  });
});

describe('multi-root workspaces', () => {
  it('keeps settings per workspace folder (nothing leaks between folders)', async () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-a-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-b-'));
    const aUri = pathToFileURL(a).href;
    const bUri = pathToFileURL(b).href;
    const scopes: string[] = [];
    const client = await TestClient.start({
      workspaceFolders: [
        { uri: aUri, name: 'a' },
        { uri: bUri, name: 'b' },
      ],
      settingsFor: (scope) => {
        scopes.push(scope ?? '');
        return scope?.startsWith(aUri) ? { rules: { 'and-or': 'off' } } : { rules: { 'vague-time': 'error' } };
      },
    });
    try {
      const docA = pathToFileURL(path.join(a, 'draft.md')).href;
      const docB = pathToFileURL(path.join(b, 'draft.md')).href;
      await client.open(docA, fixture('draft.md'));
      await client.open(docB, fixture('draft.md'));
      const inA = await client.diagnostics(docA);
      const inB = await client.diagnostics(docB);
      assert.ok(!inA.some((d) => d.code === 'and-or'));
      assert.equal(inA.find((d) => d.code === 'vague-time')?.severity, 3);
      assert.ok(inB.some((d) => d.code === 'and-or'));
      assert.equal(inB.find((d) => d.code === 'vague-time')?.severity, 1);
      assert.ok(scopes.some((s) => s.startsWith(aUri)) && scopes.some((s) => s.startsWith(bUri)), 'asked per resource');
      // A second document in folder A reuses A's settings (cached per folder).
      const before = scopes.length;
      const docA2 = pathToFileURL(path.join(a, 'other.md')).href;
      await client.open(docA2, fixture('draft.md'));
      assert.ok(!(await client.diagnostics(docA2)).some((d) => d.code === 'and-or'));
      assert.equal(scopes.length, before, 'no new configuration request for the same folder');
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });
});

describe('code action settings', () => {
  it('aiClauses.logTimings logs, per version, when its diagnostics were ready and where the time went', async () => {
    const uri = docUri('timed.md');
    const timed = await TestClient.start({ settings: { logTimings: true } });
    const quiet = await TestClient.start();
    try {
      for (const c of [timed, quiet]) {
        await c.open(uri, fixture('draft.md'));
        await c.diagnostics(uri);
        await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
        await c.diagnostics(uri);
      }
      await timed.waitFor(() => timed.logs.some((l) => / v2: /.test(l)), 5000, 'the timings line of version 2');
      const line = timed.logs.find((l) => / v2: /.test(l))!;
      assert.match(line, /timings file:\S+timed\.md v2: \d+ diagnostics ready \d+\.\d+ ms after the change, \d+\.\d+ ms of it garbage collection \(waiting [\d.]+; prepare [\d.]+; analysis: parse [\d.]+, phrases [\d.]+, model [\d.]+, terms [\d.]+, clauses [\d.]+, wording [\d.]+, final [\d.]+; LSP diagnostics [\d.]+\)/);
      assert.ok(!quiet.logs.some((l) => /timings /.test(l)), 'nothing is logged when the setting is off');
    } finally {
      await timed.stop();
      await quiet.stop();
    }
  });

  it('aiClauses.codeActions.disableComments: false hides the disable-comment fixes', async () => {
    const client = await TestClient.start({ settings: { codeActions: { disableComments: false } } });
    try {
      const uri = docUri('draft.md');
      await client.open(uri, fixture('draft.md'));
      const target = (await client.diagnostics(uri)).find((d) => d.code === 'and-or')!;
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
      assert.ok(actions.length > 0);
      assert.ok(!actions.some((a) => a.title.startsWith('Disable')), actions.map((a) => a.title).join(' | '));
    } finally {
      await client.stop();
    }
  });
});

describe('playbooks', () => {
  it('reads the playbooks named in the settings, watches them and re-diagnoses when they change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-playbook-'));
    const folderUri = pathToFileURL(dir).href;
    const playbook = path.join(dir, 'firm-playbook.json');
    const client = await TestClient.start({ workspaceFolders: [{ uri: folderUri, name: 'ws' }], settings: { playbooks: ['firm-playbook.json'] } });
    try {
      fs.writeFileSync(playbook, JSON.stringify({ clauses: [{ id: 'export-control-sanctions', severity: 'error' }] }));
      const uri = pathToFileURL(path.join(dir, 'draft.md')).href;
      await client.open(uri, fixture('draft.md'));
      const items = await client.diagnostics(uri);
      const exportControl = missingClauses(items).find((d) => /export control/i.test(d.title));
      assert.ok(exportControl, 'the draft lacks an export-control clause');
      assert.equal(exportControl.severity, 1, 'the playbook raised it from information to error');
      await client.waitFor(
        () => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('firm-playbook.json')),
        5000,
        'a file watcher for the playbook',
      );

      fs.writeFileSync(playbook, JSON.stringify({ clauses: [{ id: 'export-control-sanctions', severity: 'hint' }] }));
      const refreshes = client.refreshRequests;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(playbook).href, type: 2 }] });
      await client.waitFor(() => client.refreshRequests > refreshes, 5000, 'a refresh after the playbook changed');
      const now = missingClauses(await client.diagnostics(uri)).find((d) => /export control/i.test(d.title));
      assert.equal(now?.severity, 4);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
