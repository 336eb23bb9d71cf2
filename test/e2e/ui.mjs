// @ts-check
// Browser UI test on a real VS Code (code-server) with the extension loaded from source, driven like a person would:
// open a draft, see squiggles and the Problems panel list the ai-clauses findings, hover a squiggle for the
// explanation, open the lightbulb menu (Ctrl+.) and apply a quick fix, then check the text changed; then compare two
// rounds of an agreement ("Compare Clause Positions With…"), read the changes view and open the diff on a clause.
// Screenshots go to test-output/screenshots/; every step waits on the DOM (playwright locators), never on sleeps.
//
//   node test/e2e/ui.mjs [--draft vague-ai-licence.md] [--phrase promptly]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { OUTPUT_DIR, ROOT, copyTree, forwardConsole, launchBrowser, makeRunDir, startCodeServer, workbenchUrl } from './lib/code-server.mjs';

const { values: args } = parseArgs({
  options: {
    draft: { type: 'string', default: 'vague-ai-licence.md' },
    phrase: { type: 'string', default: 'promptly' },
    timeout: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: !!process.env.E2E_KEEP },
  },
});
const draft = String(args.draft);
const phrase = String(args.phrase);
const stepTimeout = Number(args.timeout) * 1000;
const shots = path.join(OUTPUT_DIR, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const log = (/** @type {string} */ m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
let passed = 0;
let failed = 0;
/** @type {string[]} */
const consoleLines = [];

const run = makeRunDir('ui', {
  'editor.hover.delay': 200,
  'editor.lightbulb.enabled': 'on',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'breadcrumbs.enabled': false,
  'editor.wordWrap': 'on',
});
copyTree(path.join(ROOT, 'examples'), run.ws);
// Two rounds of one agreement, reviewed for the licensee, for "Compare Clause Positions With…".
copyTree(path.join(ROOT, 'test/e2e/fixtures/compare'), path.join(run.ws, 'negotiation'));
fs.writeFileSync(path.join(run.ws, 'negotiation', '.ai-clauses.json'), JSON.stringify({ perspective: 'licensee' }, null, 2));
if (!fs.existsSync(path.join(run.ws, draft))) {
  console.error(`[ui] examples/${draft} does not exist`);
  process.exit(1);
}

const server = await startCodeServer(run);
const browser = await launchBrowser({ width: 1280, height: 760 });
const { page } = browser;
forwardConsole(page, (line) => consoleLines.push(line));
page.setDefaultTimeout(stepTimeout);

/**
 * One checked step: runs `fn`, counts it, and on failure saves a screenshot of what the screen showed.
 * @param {string} name
 * @param {() => Promise<void>} fn
 */
async function step(name, fn) {
  try {
    await fn();
    passed++;
    log(`ok   ${name}`);
  } catch (e) {
    failed++;
    const file = path.join(shots, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    log(`FAIL ${name}: ${e instanceof Error ? e.message : String(e)}\n     screen: ${path.relative(ROOT, file)}`);
    throw e;
  }
}

/** @param {string} name */
const shoot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`) });

/** Resolves when the element's CSS animations (the workbench fades hovers and menus in) have finished. */
const settled = (/** @type {import('playwright-core').Locator} */ loc) =>
  loc.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => undefined));

const editor = page.locator('.editor-instance .monaco-editor').first();
const squiggles = editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint');

try {
  await step('workbench loads with the extension from source', async () => {
    await page.goto(workbenchUrl({ host: server.host, folder: run.ws, devPath: ROOT }));
    await page.locator('.monaco-workbench .part.sidebar .explorer-folders-view').waitFor();
    // The file tree lists the drafts once the workspace is read.
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: draft }).first().waitFor();
  });

  await step(`open ${draft}: squiggles appear`, async () => {
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: draft }).first().click();
    await page.locator('.tabs-container .tab').filter({ hasText: draft }).first().waitFor();
    await editor.locator('.view-lines').filter({ hasText: phrase }).waitFor();
    await squiggles.first().waitFor();
  });

  await step('the AI Clause Coverage view lists the clauses', async () => {
    const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /AI Clause Coverage/i }) });
    const header = pane.locator('.pane-header');
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    // Groups and their clauses with a status (present / incomplete / missing).
    await pane.locator('.monaco-list-row').filter({ hasText: /missing/i }).first().waitFor();
    const rows = await pane.locator('.monaco-list-row').count();
    if (rows < 4) throw new Error(`only ${rows} rows in the coverage view`);
  });

  await step('the Problems panel lists the ai-clauses findings', async () => {
    await editor.click({ position: { x: 200, y: 10 } }); // focus the editor, so Ctrl+Shift+M is a workbench key press
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor();
    const rows = panel.locator('.monaco-list-row');
    const ours = rows.filter({ has: page.locator('.marker-source', { hasText: 'ai-clauses' }) });
    await ours.first().waitFor();
    const count = await ours.count();
    // The missing clauses are one summary row (aiClauses.missingClauses: "grouped") with a related-information row per
    // clause under it, so fewer finding rows fit in the panel.
    const related = await rows.filter({ hasText: /Missing clause: .+ \((?:error|warning|information|hint)\)/ }).count();
    if (count < 2) throw new Error(`only ${count} ai-clauses rows in the Problems panel`);
    if (related < 3) throw new Error(`only ${related} related-information rows under the missing-clause summary`);
    await shoot('problems');
    // The list is virtualised: filter it to find the finding for the phrase, then clear the filter.
    const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    await filter.fill(phrase);
    await ours
      .filter({ hasText: `Vague time limit "${phrase}"` })
      .filter({ has: page.locator('.marker-code', { hasText: 'vague-time' }) })
      .first()
      .waitFor();
    await filter.fill('');
  });

  /** The on-screen box of the phrase, found with the editor's own Find widget (it selects the match). */
  async function selectPhrase() {
    await editor.click({ position: { x: 200, y: 10 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+F');
    const find = page.locator('.find-widget .input').first();
    await find.waitFor();
    await find.fill(phrase);
    await page.locator('.find-widget .matchesCount').filter({ hasText: /of/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('.statusbar-item').filter({ hasText: `(${phrase.length} selected)` }).first().waitFor();
    // The selection's highlight, once rendered inside the editor's viewport (checked on every animation frame).
    const box = await page.waitForFunction(() => {
      const ed = document.querySelector('.editor-instance .monaco-editor');
      const el = ed?.querySelector('.selected-text');
      if (!ed || !el) return null;
      const r = el.getBoundingClientRect();
      const v = ed.getBoundingClientRect();
      return r.width > 0 && r.top >= v.top && r.bottom <= v.bottom ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    });
    return /** @type {{ x: number, y: number, width: number, height: number }} */ (await box.jsonValue());
  }

  await step('hovering the squiggle shows the explanation', async () => {
    const box = await selectPhrase();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: `Vague time limit "${phrase}"` }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    if (!/ai-clauses/.test(text)) throw new Error(`the hover does not name ai-clauses: ${text.slice(0, 300)}`);
    await settled(hover);
    await shoot('hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' });
  });

  await step('the lightbulb (Ctrl+.) applies a quick fix and the text changes', async () => {
    const lineOf = () => editor.locator('.view-line').filter({ hasText: phrase }).first();
    const before = await lineOf().innerText();
    const problemsBefore = Number(await page.locator('.part.panel .composite-bar .action-item.checked .badge-content').innerText());
    if (!(problemsBefore > 0)) throw new Error('the Problems badge shows no count');
    await selectPhrase();
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible' });
    const fix = menu.locator('.monaco-list-row.action').filter({ hasText: /^Replace with/ }).first();
    await fix.waitFor();
    const title = (await fix.innerText()).trim();
    // Walk the menu with the keyboard, as the pointer is captured while it is open.
    const focused = menu.locator('.monaco-list-row.action.focused');
    for (let i = 0; i < 30 && (await focused.innerText()).trim() !== title; i++) await page.keyboard.press('ArrowDown');
    if ((await focused.innerText()).trim() !== title) throw new Error(`cannot move to "${title}" in the menu`);
    await settled(menu);
    await shoot('quick-fix');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    // The line that held the phrase now holds the replacement.
    const replacement = /^Replace with "(.+)"$/.exec(title)?.[1];
    if (!replacement) throw new Error(`unexpected fix title "${title}"`);
    const after = editor.locator('.view-line').filter({ hasText: replacement }).first();
    await after.waitFor();
    const afterText = await after.innerText();
    if (afterText.includes(phrase) && afterText === before) throw new Error('the line did not change');
    log(`applied "${title}"`);
    // ... and the finding is gone from the Problems panel: its badge count drops.
    await page.waitForFunction(
      (n) => {
        const badge = document.querySelector('.part.panel .composite-bar .action-item.checked .badge-content');
        return !!badge && Number(badge.textContent) < n;
      },
      problemsBefore,
      { timeout: stepTimeout },
    );
    await shoot('after-fix');
  });

  /** Runs a command from the command palette by its title. */
  async function runCommand(/** @type {string} */ title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /** A pane of the explorer, by its title or its content, expanded (or collapsed) by clicking its header. */
  async function pane(/** @type {RegExp | string} */ title, expanded = true) {
    const p =
      typeof title === 'string'
        ? page.locator('.pane').filter({ has: page.locator(title) })
        : page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
    const header = p.locator('.pane-header').first();
    await header.waitFor();
    if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
    return p;
  }

  await step('Compare Clause Positions With… lists the clause changes and opens the diff editor', async () => {
    const draftV2 = 'licence-v2.md';
    // Wide enough for the side bar's rows and a side-by-side diff (narrower diff editors switch to the inline view).
    await page.setViewportSize({ width: 1760, height: 860 });
    await editor.click({ position: { x: 200, y: 10 } });
    // Hide the Problems panel (still open from the steps above).
    if (await page.locator('.part.panel').isVisible()) {
      await runCommand('View: Toggle Panel Visibility');
      await page.locator('.part.panel').waitFor({ state: 'hidden' });
    }
    // Open round 2 with Quick Open.
    await page.keyboard.press('Control+P');
    const quick = page.locator('.quick-input-widget input').first();
    await quick.fill(draftV2);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: draftV2 }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab').filter({ hasText: draftV2 }).first().waitFor();
    await editor.locator('.view-lines').filter({ hasText: 'may use Customer Data' }).waitFor();
    // Make room for the changes view: fold the file tree and the coverage view.
    await pane('.explorer-folders-view', false);
    await pane(/AI Clause Coverage/i, false);
    const changes = await pane(/AI Clause Changes/i, true);

    await runCommand('AI Clauses: Compare Clause Positions With…');
    // The picker offers the workspace's other Markdown files (and Git revisions where Git is on): choose round 1.
    const pick = page.locator('.quick-input-widget');
    await pick.locator('.quick-input-title').filter({ hasText: /Compare clause positions of licence-v2\.md/ }).waitFor();
    await pick.locator('input').first().fill('licence-v1');
    await pick.locator('.monaco-list-row').filter({ hasText: 'licence-v1.md' }).first().waitFor();
    await page.keyboard.press('Enter');

    const rows = changes.locator('.monaco-list-row');
    const against = changes.locator('.monaco-list-row').filter({ hasText: /Against the licensee/ });
    await against.waitFor();
    const training = rows.filter({ hasText: 'Restriction on training with customer data — towards licensor' }).first();
    await training.waitFor();
    const texts = await rows.allInnerTexts();
    // Changes against the licensee come first: the first group row, then its rows.
    if (!/Against the licensee/.test(texts[0] ?? '')) throw new Error(`the first row is not the "against" group: ${JSON.stringify(texts)}`);
    if (!texts.some((x) => /Limitation of liability — towards licensee/.test(x))) throw new Error(`no liability row: ${JSON.stringify(texts)}`);
    if (!/licensee → licensor/.test(await training.innerText())) throw new Error('the row does not say whom the clause favoured before and after');

    // Widen the side bar so that the rows read in full.
    const side = await page.locator('.part.sidebar').boundingBox();
    if (side) {
      await page.mouse.move(side.x + side.width - 1, side.y + side.height / 2);
      await page.mouse.down();
      await page.mouse.move(side.x + 650, side.y + side.height / 2, { steps: 5 });
      await page.mouse.up();
    }

    await training.click();
    const diff = page.locator('.editor-instance .monaco-diff-editor');
    await diff.waitFor({ state: 'visible' });
    await page.locator('.tabs-container .tab').filter({ hasText: /Restriction on training with customer data/ }).first().waitFor();
    // The changed sentence on both sides: the old wording on the left, the new one (selected) on the right.
    await diff.locator('.editor.original .view-lines').filter({ hasText: 'shall not use Customer Data' }).waitFor();
    await diff.locator('.editor.modified .view-lines').filter({ hasText: 'may use Customer Data' }).waitFor();
    await diff.locator('.editor.modified .selected-text').first().waitFor();
    await diff.locator('.editor.original .selected-text').first().waitFor();
    await settled(diff);
    await shoot('compare');
  });
} catch {
  // already reported by step()
} finally {
  await browser.close();
  await server.stop();
}

if (failed > 0 || process.env.E2E_VERBOSE) {
  console.log(`[ui] workbench console (last lines):\n  ${consoleLines.slice(-40).join('\n  ')}`);
}
log(`screenshots in ${path.relative(ROOT, shots)}/`);
log(`${passed} passed, ${failed} failed`);
if (!args.keep && failed === 0) fs.rmSync(run.dir, { recursive: true, force: true });
else log(`run state kept in ${run.dir}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
