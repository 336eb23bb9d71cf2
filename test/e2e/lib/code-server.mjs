// @ts-check
// Shared pieces of the real-VS-Code tests: start code-server (VS Code's own server + web workbench) with fresh,
// isolated state on a free loopback port, build workbench URLs, and drive Debian's chromium with playwright-core.
// Everything waits on events (process output, page callbacks, DOM state), never on fixed sleeps.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CS_VERSION = process.env.CS_VERSION || '4.100.3';
export const CS_DIR = path.join(process.env.E2E_CACHE || path.join(ROOT, '.vscode-test'), `code-server-${CS_VERSION}`);
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const OUTPUT_DIR = path.join(ROOT, 'test-output');

/** The code-server launcher, or a loud error telling how to install it. */
export function codeServerBin() {
  const bin = path.join(CS_DIR, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(path.join(CS_DIR, '.ai-clauses-installed')) || !fs.existsSync(bin)) {
    throw new Error(`code-server ${CS_VERSION} is not installed in ${CS_DIR}; run: bash scripts/e2e/install-vscode.sh`);
  }
  return bin;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the socket is closed again before code-server binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Settings for a quiet, deterministic workbench: no welcome page, trust prompts, telemetry, updates or AI chat. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
};

/**
 * A fresh state folder for one run: user data (with settings.json), extensions, XDG dirs, and a workspace copy.
 * @param {string} name
 * @param {Record<string, unknown>} [settings] extra user settings
 */
export function makeRunDir(name, settings = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ai-clauses-e2e-${name}-`));
  for (const sub of ['user-data/User', 'extensions', 'xdg/config', 'xdg/data', 'xdg/cache', 'ws']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.writeFileSync(
    path.join(dir, 'user-data/User/settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2),
  );
  return {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    ws: path.join(dir, 'ws'),
    log: path.join(dir, 'code-server.log'),
  };
}

/** Environment that keeps code-server from touching ~/.config, ~/.local/share and ~/.cache. */
function isolatedEnv(/** @type {string} */ runDir, /** @type {Record<string,string>} */ extra) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    // code-server >= 4.134 needs this for the `payload` dev options; older versions ignore it.
    VSCODE_OPTIONS: process.env.VSCODE_OPTIONS || 'enable-smoke-test-driver',
    ...extra,
  };
}

/**
 * Installs a .vsix into an extensions folder with code-server's own CLI.
 * @param {{ dir: string, extensions: string, userData: string }} run
 * @param {string} vsix
 */
export function installExtension(run, vsix) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      codeServerBin(),
      ['--extensions-dir', run.extensions, '--user-data-dir', run.userData, '--install-extension', vsix, '--force'],
      { env: isolatedEnv(run.dir, {}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && /successfully installed/i.test(out)) resolve(out.trim());
      else reject(new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${out}`));
    });
  });
}

/**
 * Starts code-server and resolves once it listens (read from its own output, then confirmed on /healthz).
 * The process gets its own process group so that stop() ends it and the extension hosts it forked, and nothing else.
 * @param {{ dir: string, userData: string, extensions: string, log: string }} run
 * @param {{ env?: Record<string, string>, timeoutMs?: number, port?: number }} [opts]
 */
export async function startCodeServer(run, opts = {}) {
  const bin = codeServerBin();
  const port = opts.port ?? (await freePort());
  const host = `127.0.0.1:${port}`;
  const logStream = fs.createWriteStream(run.log);
  const child = spawn(
    bin,
    [
      '--auth', 'none',
      '--bind-addr', host,
      '--user-data-dir', run.userData,
      '--extensions-dir', run.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env: isolatedEnv(run.dir, opts.env || {}), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });

  let exited = false;
  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));

  const timeoutMs = opts.timeoutMs ?? 60_000;
  await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`code-server did not start listening within ${timeoutMs} ms`)), timeoutMs);
    const onData = (/** @type {Buffer} */ d) => {
      seen += d.toString();
      if (seen.includes('HTTP server listening on')) done(undefined);
    };
    const onExit = () => done(new Error('code-server exited before it listened'));
    function done(/** @type {Error|undefined} */ err) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(new Error(`${err.message}; log ${run.log}:\n${seen.slice(-4000)}`));
      else resolve(undefined);
    }
    child.stdout.on('data', onData);
    child.on('exit', onExit);
    child.on('error', (e) => done(e));
  });
  const health = await fetch(`http://${host}/healthz`);
  if (!health.ok) throw new Error(`code-server /healthz answered ${health.status}`);

  return {
    host,
    pid: child.pid,
    /** Ends code-server's process group (SIGTERM, then SIGKILL if it lingers) and waits for it. */
    async stop() {
      if (!exited && child.pid) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        const killer = setTimeout(() => { try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
        await exitPromise;
        clearTimeout(killer);
      }
      logStream.end();
    },
  };
}

/** A `vscode-remote://` URI for a path on the code-server machine (the workbench's remote authority is the host). */
export function remoteUri(/** @type {string} */ host, /** @type {string} */ p) {
  return `vscode-remote://${host}${path.resolve(p)}`;
}

/**
 * The workbench URL. `payload` carries the extension-development options (@vscode/test-web style).
 * @param {{ host: string, folder?: string, workspace?: string, devPath?: string, testsPath?: string }} o
 */
export function workbenchUrl(o) {
  const params = new URLSearchParams();
  if (o.folder) params.set('folder', path.resolve(o.folder));
  if (o.workspace) params.set('workspace', path.resolve(o.workspace));
  /** @type {[string, string][]} */
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (o.devPath) payload.push(['extensionDevelopmentPath', remoteUri(o.host, o.devPath)]);
  if (o.testsPath) payload.push(['extensionTestsPath', remoteUri(o.host, o.testsPath)]);
  params.set('payload', JSON.stringify(payload));
  return `http://${o.host}/?${params.toString()}`;
}

/**
 * Headless Debian chromium with a fresh profile.
 * @param {{ width?: number, height?: number }} [viewport]
 */
export async function launchBrowser(viewport) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; run: bash scripts/e2e/install-vscode.sh`);
  }
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-clauses-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: viewport ? { width: viewport.width ?? 1280, height: viewport.height ?? 800 } : { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const NOISE = /^(Creating a socket|Resolving connection|Resolved connection|Updating additional|\[Service Worker\]|ChatSessionStore|Failed to load resource|The web worker extension host|An iframe which has both|Overwriting extension|\[Extension Host\] \(node:\d+\) \[DEP|Ignoring the error while validating workspace folder|WebSocket connection to|Started local extension host|Extension host \(Remote\)|Found additional|getaddrinfo ENOTFOUND open-vsx\.org)/;

/**
 * Forwards the page's console (the extension host's console in test mode) to `sink`, without the workbench's
 * `%c` styling arguments.
 * @param {import('playwright-core').Page} page
 * @param {(line: string) => void} sink
 */
export function forwardConsole(page, sink) {
  page.on('console', async (msg) => {
    let args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
    if (process.env.E2E_RAW_CONSOLE) sink(`RAW ${JSON.stringify(args)}`);
    // The workbench logs as console.log('%c INFO', 'color: …', format, ...args): drop the level label and its CSS.
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
      const styles = (args[0].match(/%c/g) || []).length;
      args = args.slice(1 + styles);
    }
    const line = args.length ? format(...args) : msg.text();
    if (!line.trim()) return;
    if (process.env.E2E_VERBOSE || !NOISE.test(line)) sink(line);
  });
  page.on('pageerror', (e) => sink(`[pageerror] ${e.message}`));
}

/** Copies a folder tree (files only, symlinks followed). */
export function copyTree(/** @type {string} */ from, /** @type {string} */ to) {
  fs.cpSync(from, to, { recursive: true, dereference: true });
}

/** Rejects after `ms` with `message`; the timer does not keep the process alive. */
export function deadline(/** @type {number} */ ms, /** @type {string} */ message) {
  return new Promise((_, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    t.unref();
  });
}
