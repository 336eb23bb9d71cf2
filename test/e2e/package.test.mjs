// @ts-check
// Checks the packaged extension (dist-vsix/ai-clauses.vsix, made by `npm run package`): its size and what it ships.
//   node --test test/e2e/package.test.mjs            (VSIX=path overrides the file)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VSIX = path.resolve(process.env.VSIX || path.join(ROOT, 'dist-vsix/ai-clauses.vsix'));
const MAX_BYTES = 1_500_000; // 1.5 MB

/**
 * The entries of a zip file, read from its central directory (a .vsix is a zip).
 * @param {Buffer} buf
 * @returns {Map<string, { size: number, read: () => Buffer }>}
 */
function zipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'corrupt central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    };
    entries.set(name, { size, read });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

test('the .vsix exists', () => {
  assert.ok(fs.existsSync(VSIX), `${VSIX} does not exist; run: npm run package`);
});

test('the .vsix is under 1.5 MB', () => {
  const size = fs.statSync(VSIX).size;
  console.log(`${path.relative(ROOT, VSIX)}: ${(size / 1024).toFixed(0)} KiB (${size} bytes; limit ${MAX_BYTES})`);
  assert.ok(size < MAX_BYTES, `the .vsix is ${size} bytes, over the 1.5 MB limit`);
});

test('the .vsix ships the bundles and data, and no sources, tests, node_modules or maps', () => {
  const entries = zipEntries(fs.readFileSync(VSIX));
  const files = [...entries.keys()].filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  // vsce stores README.md as readme.md, CHANGELOG.md as changelog.md and LICENSE as LICENSE.txt.
  const lower = new Set(files.map((f) => f.toLowerCase()));
  const present = (name) => lower.has(name.toLowerCase()) || lower.has(`${name.toLowerCase()}.txt`);
  for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/client.cjs', 'dist/server.cjs', 'dist/cli.cjs', 'server/catalogue/rules.json']) {
    assert.ok(present(required), `${required} is missing from the .vsix`);
  }
  for (const prefix of ['snippets/', 'docs/rules/', 'server/catalogue/clauses/', 'syntaxes/']) {
    assert.ok(files.some((f) => f.startsWith(prefix)), `nothing under ${prefix} in the .vsix`);
  }
  const forbidden = files.filter(
    (f) =>
      f.startsWith('node_modules/') ||
      f.includes('/node_modules/') ||
      /\.(ts|map|mts|cts)$/.test(f) ||
      /^(client|test|bench|scripts|examples|\.vscode-test|test-output|\.ci)\//.test(f) ||
      f.startsWith('server/src/'),
  );
  assert.deepEqual(forbidden, [], `files that must not ship: ${forbidden.join(', ')}`);
  console.log(`${files.length} files in the .vsix`);
});

test('the packaged manifest points at the bundled client and declares the contributions', () => {
  const entries = zipEntries(fs.readFileSync(VSIX));
  const pkg = JSON.parse(entries.get('extension/package.json')?.read().toString('utf8') ?? '{}');
  assert.equal(pkg.main, './dist/client.cjs');
  assert.ok(pkg.contributes?.commands?.length > 0, 'no commands contributed');
  const client = entries.get('extension/dist/client.cjs')?.read().toString('utf8') ?? '';
  assert.ok(!client.includes('sourceMappingURL=client.cjs.map'), 'the packaged client refers to a source map that is not shipped');
});
