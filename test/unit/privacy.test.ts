/**
 * Privacy (issue 6): nothing leaves the machine. The shipped bundles (dist/client.cjs, dist/server.cjs,
 * dist/cli.cjs) and our own sources use no network module or API.
 *
 * The one exception is `net` in the client and server bundles: vscode-languageclient/-server's node transports
 * support stdio, IPC, named pipes and sockets, and the socket/pipe code requires `net`. Those transports only talk
 * to the other half of the extension on the same machine (a pipe path, or a port on 127.0.0.1 chosen by the client).
 * For those bundles the test therefore asserts, instead of "no `net`", that every `connect(` / `createConnection(` /
 * `createServer(` call site targets a pipe or a loopback address — never a host name taken from anywhere else — and
 * that none of http, https, http2, tls, dgram, fetch, WebSocket, XMLHttpRequest or undici appears at all.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ensureBuilt, BUNDLES } from '../fuzz/build.js';
import { REPO_ROOT } from '../fuzz/lsp-driver.js';

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'undici', 'node-fetch', 'axios', 'ws'];
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'];

/** Every module a bundle loads at run time: `require("x")` and `import("x")` with a literal name. */
function requiredModules(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/\b(?:require|import)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) out.add(m[1].replace(/^node:/, ''));
  return [...out].sort();
}

function lineOf(code: string, index: number): string {
  const start = code.lastIndexOf('\n', index) + 1;
  const end = code.indexOf('\n', index);
  return code.slice(start, end < 0 ? undefined : end).trim().slice(0, 300);
}

for (const bundle of BUNDLES) {
  const name = relative(REPO_ROOT, bundle);
  test(`${name}: no network module is required`, () => {
    ensureBuilt();
    const code = readFileSync(bundle, 'utf8');
    const modules = requiredModules(code);
    assert.ok(modules.length > 0, `found no require() in ${name}: the scan is broken`);
    const forbidden = modules.filter((m) => NETWORK_MODULES.includes(m) && !(m === 'net' && name !== 'dist/cli.cjs'));
    assert.deepEqual(forbidden, [], `${name} requires ${forbidden.join(', ')}`);
    // Non-literal requires could load anything: there must be none outside known-safe library code.
    const dynamic = [...code.matchAll(/\brequire\s*\(\s*(?!["'`])([^)]{0,80})\)/g)]
      .map((m) => m[1].trim())
      .filter((arg) => !/^(?:\w+\.)?(?:resolve|join)\(|^__filename|^id$|^mod$|^module$|^name$|^path$|^modulePath$|^file$/.test(arg));
    for (const arg of dynamic) {
      assert.ok(!/https?|net|tls|dgram|socket/i.test(arg), `${name}: a dynamic require(${arg}) may load a network module`);
    }
  });

  test(`${name}: no network API (fetch, WebSocket, XMLHttpRequest, undici, tls, dgram, http)`, () => {
    ensureBuilt();
    const code = readFileSync(bundle, 'utf8');
    const hits: string[] = [];
    for (const g of NETWORK_GLOBALS) {
      const re = new RegExp(`(?<![\\w.$'"])${g}\\s*\\(|new\\s+${g}\\b|\\b${g}\\s*=|globalThis\\.${g}\\b`, 'g');
      for (const m of code.matchAll(re)) hits.push(`${g}: ${lineOf(code, m.index!)}`);
    }
    for (const mod of ['undici', 'node:http', 'node:https', 'node:tls', 'node:dgram', 'node:http2']) {
      const i = code.indexOf(`"${mod}"`);
      if (i >= 0) hits.push(`${mod}: ${lineOf(code, i)}`);
    }
    assert.deepEqual(hits, []);
  });

  test(`${name}: every socket connects only to a pipe or to loopback`, () => {
    ensureBuilt();
    const code = readFileSync(bundle, 'utf8');
    const netNames = [...code.matchAll(/(?:var|let|const)\s+([\w$]+)\s*=\s*(?:__toESM\()?require\(\s*["'](?:node:)?net["']\s*\)/g)].map((m) => m[1]);
    if (name === 'dist/cli.cjs') {
      assert.deepEqual(netNames, [], 'the CLI loads no socket module at all');
      return;
    }
    const problems: string[] = [];
    let connects = 0;
    for (const net of netNames) {
      const esc = net.replace(/\$/g, '\\$');
      // Every use of the module: `net.x(...)` or esbuild's `(0, net.x)(...)`.
      for (const m of code.matchAll(new RegExp(`(?<![\\w$])${esc}\\.([\\w$]+)(\\)?)\\s*\\(`, 'g'))) {
        const member = m[1];
        const args = balancedArgs(code, m.index! + m[0].length - 1);
        const where = lineOf(code, m.index!);
        if (member === 'createServer') continue; // servers are checked through their listen() calls below
        if (member !== 'createConnection' && member !== 'connect') {
          problems.push(`net.${member} used: ${where}`);
          continue;
        }
        connects++;
        // Allowed: (pipeName) — a pipe path — or (port, "127.0.0.1" | "localhost" | "::1").
        const pipe = /^\s*[\w$]*(?:pipe|Pipe|path|Path)[\w$]*\s*$/.test(args);
        const loopback = /^\s*[\w$]+\s*,\s*["'](?:127\.0\.0\.1|localhost|::1)["']\s*$/.test(args);
        if (!pipe && !loopback) problems.push(`connection to a target that is neither a pipe nor loopback (${args}): ${where}`);
      }
      for (const m of code.matchAll(new RegExp(`(?<![\\w$])${esc}(?![\\w$.])`, 'g'))) {
        const after = code.slice(m.index!, m.index! + net.length + 2);
        if (!/^[\w$]+\s*=/.test(after)) problems.push(`the net module escapes as a value: ${lineOf(code, m.index!)}`);
      }
    }
    // listen(port, host) must name a loopback host; listen(pipeName) and listen(port) with a loopback host only.
    for (const m of code.matchAll(/\.listen\s*\(/g)) {
      const args = balancedArgs(code, m.index! + m[0].length - 1);
      const parts = splitTopLevel(args);
      if (parts.length >= 2 && /^["']/.test(parts[1]) && !/^["'](?:127\.0\.0\.1|localhost|::1)["']$/.test(parts[1])) problems.push(`listen on ${parts[1]}: ${lineOf(code, m.index!)}`);
    }
    assert.ok(netNames.length === 0 || connects > 0, 'net is required but no connection site was found: the scan is broken');
    assert.deepEqual(problems, []);
  });
}

/** Walks `text` from `from`, skipping string literals; calls `visit` with each other character and the bracket depth
 * before it. Stops when `visit` returns true or after `limit` characters; returns the index it stopped at. */
function walkOutsideStrings(text: string, from: number, limit: number, visit: (c: string, i: number, depth: number) => boolean | void): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length && i < from + limit; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    }
    if (visit(c, i, depth)) return i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return -1;
}

/** The text between the parenthesis at `open` and its matching close (strings are skipped). */
function balancedArgs(code: string, open: number): string {
  const close = walkOutsideStrings(code, open, 2000, (c, _i, depth) => depth === 1 && (c === ')' || c === ']' || c === '}'));
  return close >= 0 ? code.slice(open + 1, close) : code.slice(open + 1, open + 200);
}

function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkOutsideStrings(args, 0, args.length, (c, i, depth) => {
    if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  });
  if (args.trim()) parts.push(args.slice(start).trim());
  return parts;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(?:ts|mts|cts|js|mjs|cjs)$/.test(entry)) out.push(p);
  }
  return out;
}

test('server/src and client/src import no network module and use no network API', () => {
  const files = [...walk(join(REPO_ROOT, 'server', 'src')), ...walk(join(REPO_ROOT, 'client', 'src'))];
  assert.ok(files.length > 0, 'no source files found');
  const problems: string[] = [];
  let imports = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${relative(REPO_ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const checkSpecifier = (spec: string, node: ts.Node) => {
      imports++;
      const bare = spec.replace(/^node:/, '');
      if (NETWORK_MODULES.includes(bare) || /^(?:http|https|net|tls|dgram)\//.test(bare)) problems.push(`${where(node)} imports ${spec}`);
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        checkSpecifier(node.moduleSpecifier.text, node);
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        checkSpecifier(node.moduleReference.expression.text, node);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
        const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
        if (isRequire || isImport) {
          const arg = node.arguments[0];
          if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) checkSpecifier(arg.text, node);
          else problems.push(`${where(node)} loads a module by a computed name`);
        }
      } else if (ts.isIdentifier(node) && NETWORK_GLOBALS.includes(node.text)) {
        problems.push(`${where(node)} uses ${node.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.ok(imports > 0, 'found no import at all: the scan is broken');
  assert.deepEqual(problems, []);
});
