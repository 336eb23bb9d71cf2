/**
 * Negotiation rounds (issue 17): pairs of drafts that flip one position (modality, actor, an exception, a number) are
 * each reported once, with the right direction; reordering sections, renaming a defined term or a party, and
 * rewording without changing the meaning are not reported at all. The drafts are test/fixtures/compare/before.md and
 * edits of it made here, so each test shows exactly what changed.
 *
 * Then `ai-clauses compare` (server/src/cli/compare.ts): exit codes 0/1/2, the JSON contract, the text lines and the
 * HTML memo, run in this process (runCompare, as main.ts does), and once through the bundled CLI in a child process.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeText, builtinCatalogue, compareAnalyses, compareTexts, resolveConfig, type ClauseChange, type Comparison, type Perspective } from '../../server/src/engine/index.js';
import { highlightChanges, runCompare } from '../../server/src/cli/compare.js';
import { ensureBuilt } from '../fuzz/build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BEFORE_PATH = path.join(ROOT, 'test/fixtures/compare/before.md');
const BEFORE = fs.readFileSync(BEFORE_PATH, 'utf8');

/** The draft with each `[from, to]` replaced everywhere; fails when `from` is not in it (a stale test). */
export function edit(text: string, ...pairs: [string, string][]): string {
  for (const [from, to] of pairs) {
    assert.ok(text.includes(from), `the draft contains ${JSON.stringify(from)}`);
    text = text.split(from).join(to);
  }
  return text;
}

function compare(after: string, perspective: Perspective = 'licensee', before = BEFORE): Comparison {
  return compareTexts(before, after, { before: 'before.md', after: 'after.md', config: resolveConfig({ settings: { perspective } }) });
}

/** The one change a single edit makes, checked to be the only one. */
function only(c: Comparison, clause: string): ClauseChange {
  assert.deepEqual(
    c.changes.map((x) => x.clause),
    [clause],
    `exactly one change, to ${clause}: ${JSON.stringify(c.changes.map((x) => [x.clause, x.direction, x.details]))}`,
  );
  return c.changes[0];
}

function noChange(c: Comparison): void {
  assert.deepEqual(
    c.changes.map((x) => `${x.clause}: ${x.direction}: ${x.details.join('; ')}`),
    [],
  );
}

const TRAINING = 'Provider shall not use Customer Data to train, fine-tune or improve any AI model.';
const MAY_TRAIN = 'Provider may use Customer Data to train, fine-tune or improve any AI model.';

describe('compare: what is not a change', () => {
  it('the same draft twice', () => {
    const c = compare(BEFORE);
    assert.equal(c.version, 1);
    assert.equal(c.before, 'before.md');
    assert.equal(c.after, 'after.md');
    assert.equal(c.perspective, 'licensee');
    noChange(c);
  });

  it('sections reordered and renumbered, with their clause numbers', () => {
    // Move "4. Ownership of Output" and "5. Customer Data" to the end, before Governing Law, and renumber everything.
    const parts = BEFORE.split(/(?=^## )/m);
    assert.equal(parts.length, 9);
    const [head, defs, services, levels, output, data, changes, liability, law] = parts;
    const order = [defs, services, liability, changes, levels, data, output, law];
    const renumbered = order.map((p, i) => p.replace(/^## \d+\./, `## ${i + 1}.`).replace(/^\d+\.(\d+) /gm, `${i + 1}.$1 `));
    const after = head + renumbered.join('');
    assert.notEqual(after, BEFORE);
    assert.match(after, /^## 6\. Customer Data$/m);
    assert.match(after, /^6\.2 Provider shall not use/m);
    noChange(compare(after));
  });

  it('the last section moved to the middle (its text no longer runs to the end of the draft)', () => {
    const parts = BEFORE.split(/(?=^## )/m);
    const law = parts.pop()!.replace(/\n*$/, '\n\n');
    parts.splice(3, 0, law);
    const after = parts.join('').replace(/\n+$/, '\n');
    noChange(compare(after));
  });

  it('a defined term renamed consistently, definition included', () => {
    const after = edit(BEFORE, ['Customer Data', 'Client Data']);
    assert.ok(!after.includes('Customer Data'));
    noChange(compare(after));
  });

  it('a party\'s legal name changed in the preamble: no clause changed (its short name is not a definition)', () => {
    noChange(compare(edit(BEFORE, ['Northwind Analytics Ltd', 'Northwind AI Holdings Ltd'])));
  });

  it('both parties renamed', () => {
    noChange(compare(edit(BEFORE, ['("Provider")', '("Supplier")'], ['Provider', 'Supplier'], ['("Customer")', '("Client")'], ['Customer', 'Client'])));
  });

  it('rewording that keeps the meaning: passive voice, number in words, emphasis, line wrapping, plural', () => {
    const after = edit(
      BEFORE,
      [TRAINING, 'Customer Data will not be used by Provider to train, fine-tune or improve AI models.'],
      [
        "Each party's total liability under this Agreement shall not exceed the Fees paid in the 12 months before the claim.",
        'The total liability of each party under this\nAgreement shall not exceed the *Fees* paid in the twelve (12) months before the claim.',
      ],
      ['As between the parties, Customer owns all Output.', 'As between the parties, all Output is owned by **Customer**.'],
      ['within 48 hours of becoming aware of it', 'within forty-eight (48) hours of becoming aware of it'],
    );
    noChange(compare(after));
  });
});

describe('compare: positions that flip', () => {
  it('modality: "shall not use … to train" → "may use … to train" moves towards the licensor', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const c = only(compare(after, 'licensee'), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.against, true);
    assert.equal(c.before.favours, 'licensee');
    assert.equal(c.after.favours, 'licensor');
    assert.equal(c.before.position?.id, 'no-training');
    assert.equal(c.after.position?.id, 'unrestricted-training');
    assert.equal(c.after.excerpt, `5.2 ${MAY_TRAIN}`);
    assert.equal(after.slice(c.after.span!.start, c.after.span!.end), `5.2 ${MAY_TRAIN}`);
    assert.equal(BEFORE.slice(c.before.span!.start, c.before.span!.end), `5.2 ${TRAINING}`);
    assert.match(c.after.section!, /^5\.2\b.*Customer Data/);
    assert.ok(c.details.some((d) => d.startsWith('position: ')));
    // Judged from the other side, the same change helps; neutral never calls a change "against".
    assert.equal(only(compare(after, 'licensor'), 'no-training-on-customer-data').against, false);
    assert.equal(only(compare(after, 'neutral'), 'no-training-on-customer-data').against, false);
  });

  it('the reverse flip moves towards the licensee', () => {
    const permissive = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const c = only(compare(BEFORE, 'licensor', permissive), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensee');
    assert.equal(c.against, true);
  });

  it('actor: "Customer owns all Output" → "Provider owns all Output"', () => {
    const c = only(compare(edit(BEFORE, ['Customer owns all Output', 'Provider owns all Output'])), 'output-ownership');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.before.position?.id, 'licensee-owns-output');
    assert.equal(c.after.position?.id, 'licensor-owns-output');
    assert.equal(c.against, true);
  });

  it('an exception added to the prohibition moves it towards the licensor', () => {
    const c = only(compare(edit(BEFORE, [TRAINING, TRAINING.replace('.', ', except in aggregated and de-identified form.')])), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensor');
    assert.equal(c.after.favours, 'balanced');
    assert.ok(c.details.some((d) => d.includes('"except"') && d.includes('"aggregated"')), c.details.join('; '));
  });

  it('a condition added to the permission ("only on aggregated and de-identified data") moves it towards the licensee', () => {
    const permissive = edit(BEFORE, [TRAINING, MAY_TRAIN]);
    const after = edit(permissive, [MAY_TRAIN, MAY_TRAIN.replace('.', ', but only on aggregated and de-identified data.')]);
    const c = only(compare(after, 'licensor', permissive), 'no-training-on-customer-data');
    assert.equal(c.direction, 'towards-licensee');
    assert.equal(c.before.favours, 'licensor');
    assert.equal(c.after.favours, 'balanced');
    assert.equal(c.against, true);
  });
});

describe('compare: numbers that matter', () => {
  const cases: { name: string; clause: string; from: string; to: string; direction: ClauseChange['direction']; detail: RegExp }[] = [
    { name: 'liability cap period shortened', clause: 'limitation-of-liability', from: 'in the 12 months', to: 'in the 3 months', direction: 'towards-licensor', detail: /liability cap period 12 months → 3 months/ },
    { name: 'liability cap period lengthened', clause: 'limitation-of-liability', from: 'in the 12 months', to: 'in the 24 months', direction: 'towards-licensee', detail: /12 months → 24 months/ },
    { name: 'uptime lowered', clause: 'service-availability-sla', from: '99.9%', to: '99.5%', direction: 'towards-licensor', detail: /uptime 99\.9% → 99\.5%/ },
    { name: 'uptime raised', clause: 'service-availability-sla', from: '99.9%', to: '99.95%', direction: 'towards-licensee', detail: /uptime 99\.9% → 99\.95%/ },
    { name: 'service credit lowered', clause: 'service-availability-sla', from: 'credit of 10%', to: 'credit of 5%', direction: 'towards-licensor', detail: /service credit 10% → 5%/ },
    { name: 'notice period shortened', clause: 'model-change-notice', from: 'at least 30 calendar days', to: 'at least 10 calendar days', direction: 'towards-licensor', detail: /notice period 30 calendar days → 10 calendar days/ },
    { name: 'incident deadline lengthened', clause: 'ai-incident-notification', from: 'within 48 hours', to: 'within 72 hours', direction: 'towards-licensor', detail: /deadline 48 hours → 72 hours/ },
    { name: 'deletion deadline shortened', clause: 'data-return-deletion', from: 'within 30 days and', to: 'within 10 days and', direction: 'towards-licensee', detail: /deadline 30 days → 10 days/ },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const c = only(compare(edit(BEFORE, [k.from, k.to])), k.clause);
      assert.equal(c.direction, k.direction);
      assert.equal(c.against, k.direction === 'towards-licensor');
      assert.ok(c.details.some((d) => k.detail.test(d)), c.details.join('; '));
      // The sentence shown is the one holding the number.
      assert.ok(c.after.excerpt!.includes(k.to.replace(/^(?:in the|at least|within|credit of) /, '')), c.after.excerpt);
    });
  }

  it('a money cap lowered, in the draft\'s own currency', () => {
    const cap = edit(BEFORE, ['shall not exceed the Fees paid in the 12 months before the claim', 'shall not exceed USD 1,000,000']);
    const c = only(compare(edit(cap, ['USD 1,000,000', 'USD 250,000']), 'licensee', cap), 'limitation-of-liability');
    assert.equal(c.direction, 'towards-licensor');
    assert.ok(c.details.includes('liability cap USD 1,000,000 → USD 250,000'), c.details.join('; '));
  });

  it('a number whose direction is not obvious is reported as reworded, with the change', () => {
    const claims = edit(BEFORE, ['Neither party is liable for indirect or consequential loss.', 'Neither party is liable for indirect or consequential loss. Any claim must be brought within 2 years after it arises.']);
    const c = only(compare(edit(claims, ['within 2 years', 'within 1 year']), 'licensee', claims), 'limitation-of-liability');
    assert.equal(c.direction, 'reworded');
    assert.equal(c.against, false);
    assert.ok(c.details.includes('deadline 2 years → 1 year'), c.details.join('; '));
  });
});

describe('compare: clauses added, removed, moved and redefined', () => {
  const withoutTraining = edit(BEFORE, [`5.2 ${TRAINING}\n\n`, '']);

  it('a clause taken out is "removed"; against the side it favoured, with the earlier text to propose again', () => {
    const c = only(compare(withoutTraining, 'licensee'), 'no-training-on-customer-data');
    assert.equal(c.direction, 'removed');
    assert.equal(c.after.status, 'missing');
    assert.equal(c.after.span, undefined);
    assert.equal(c.against, true);
    assert.equal(c.fallbackPosition?.id, 'no-training');
    assert.match(c.fallback!, /^Provider shall not use Customer Data\b/);
    assert.equal(only(compare(withoutTraining, 'licensor'), 'no-training-on-customer-data').against, false);
  });

  it('a clause put in is "added"; against the side it does not favour', () => {
    const permissive = edit(withoutTraining, ['5.1 Customer retains all right, title and interest in Customer Data.', `5.1 Customer retains all right, title and interest in Customer Data.\n\n5.2 ${MAY_TRAIN}`]);
    const c = only(compare(permissive, 'licensee', withoutTraining), 'no-training-on-customer-data');
    assert.equal(c.direction, 'added');
    assert.equal(c.before.status, 'missing');
    assert.equal(c.after.favours, 'licensor');
    assert.equal(c.against, true);
  });

  it('a clause moved under another heading says where from and where to', () => {
    const moved = edit(BEFORE, [`5.2 ${TRAINING}\n\n`, ''], ['## 8. Governing Law', `## 8. General\n\n${TRAINING}\n\n## 9. Governing Law`]);
    const c = only(compare(moved), 'no-training-on-customer-data');
    assert.equal(c.direction, 'reworded');
    assert.ok(c.details.some((d) => /^moved from 5\.2 .*Customer Data.* to 8 General$/.test(d)), c.details.join('; '));
    assert.equal(c.after.section, '8 General');
  });

  it('a section retitled', () => {
    const c = only(compare(edit(BEFORE, ['## 7. Liability', '## 7. Limitation of Remedies'])), 'limitation-of-liability');
    assert.ok(c.details.includes('its section 7 is now titled "Limitation of Remedies" (was "Liability")'), c.details.join('; '));
  });

  it('a definition narrowed: every clause that uses the term says so, the others do not change', () => {
    const c = compare(edit(BEFORE, ['including prompts.', 'including prompts, but excluding usage logs and metadata.']));
    const clauses = c.changes.map((x) => x.clause).sort();
    assert.deepEqual(clauses, ['ai-incident-notification', 'customer-data-ownership', 'data-return-deletion', 'no-training-on-customer-data']);
    for (const x of c.changes) {
      assert.equal(x.direction, 'reworded');
      assert.ok(x.details.some((d) => d.startsWith('the definition of "Customer Data"') && d.includes('excluding usage logs')), x.details.join('; '));
    }
  });

  it('a term renamed in its definition only (the clauses still say the old name) is a change', () => {
    const c = compare(edit(BEFORE, ['**"Customer Data"** means', '**"Client Data"** means']));
    assert.ok(c.changes.length > 0);
    assert.ok(c.changes.some((x) => x.details.some((d) => d.includes('"Customer Data" is no longer defined'))), JSON.stringify(c.changes.map((x) => x.details)));
  });

  it('an element taken out makes the clause incomplete', () => {
    const c = only(compare(edit(BEFORE, [' If availability falls below that level, Provider shall give Customer a service credit of 10% of the monthly Fees.', ''])), 'service-availability-sla');
    assert.equal(c.before.status, 'present');
    assert.equal(c.after.status, 'incomplete');
    assert.ok(c.after.missingElements?.length);
    assert.ok(c.details.some((d) => d.startsWith('status: present → incomplete (now lacks ')), c.details.join('; '));
  });
});

describe('compare: order, explanations and proposals', () => {
  it('changes against the chosen side come first, then by direction and catalogue order', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN], ['in the 12 months', 'in the 24 months'], ['99.9%', '99.5%'], ['## 7. Liability', '## 7. Limitation of Remedies']);
    const c = compare(after, 'licensee');
    assert.deepEqual(
      c.changes.map((x) => [x.clause, x.direction, x.against]),
      [
        ['no-training-on-customer-data', 'towards-licensor', true],
        ['service-availability-sla', 'towards-licensor', true],
        ['limitation-of-liability', 'towards-licensee', false],
      ],
    );
    const catalogue = builtinCatalogue();
    assert.ok(catalogue.clauseIndex('no-training-on-customer-data') < catalogue.clauseIndex('service-availability-sla'));
  });

  it('explains the new position from the chosen side and proposes the side\'s fallback in the draft\'s names', () => {
    const after = edit(BEFORE, [TRAINING, MAY_TRAIN], ['Provider', 'Larkspur'], ['Customer Data', 'Kestrel Materials']);
    const c = only(compare(after, 'licensee'), 'no-training-on-customer-data');
    const entry = builtinCatalogue().clause('no-training-on-customer-data')!;
    const unrestricted = entry.positions!.find((p) => p.id === 'unrestricted-training')!;
    assert.equal(c.explanation, unrestricted.explain.licensee);
    assert.equal(c.fallbackPosition?.id, entry.playbook!.licensee!.fallback);
    assert.ok(c.fallback!.includes('Larkspur') && c.fallback!.includes('Kestrel Materials'), c.fallback);
    assert.ok(!/\{Licensor\}|\{Licensee\}|\[\[|Customer Data/.test(c.fallback!), c.fallback);
    // The licensor gains from the change: the memo explains it from that side and proposes nothing.
    const theirs = only(compare(after, 'licensor'), 'no-training-on-customer-data');
    assert.equal(theirs.explanation, unrestricted.explain.licensor);
    assert.equal(theirs.fallback, undefined);
  });

  it('a draft too large to analyse is named, not silently taken as empty', () => {
    const config = resolveConfig({ settings: { maxDocumentSize: 1000 } });
    const c = compareTexts(BEFORE, edit(BEFORE, ['99.9%', '99.5%']), { before: 'a', after: 'b', config });
    assert.deepEqual(c.changes, []);
    assert.match(c.skipped?.before ?? '', /more than the limit of 1,000; it was not checked/);
    assert.match(c.skipped?.after ?? '', /more than the limit of 1,000/);
    assert.equal(compare(BEFORE).skipped, undefined);
  });

  it('compareAnalyses takes the perspective it is given over the analyses\' configuration', () => {
    const config = resolveConfig({ settings: { perspective: 'licensor' } });
    const before = analyzeText(BEFORE, config);
    const after = analyzeText(edit(BEFORE, [TRAINING, MAY_TRAIN]), config);
    assert.equal(compareAnalyses(before, after, { before: 'a', after: 'b' }).perspective, 'licensor');
    const c = compareAnalyses(before, after, { before: 'a', after: 'b', perspective: 'licensee' });
    assert.equal(c.perspective, 'licensee');
    assert.equal(c.changes[0].against, true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The command line.

let dir: string;
let flipped: string;
let reordered: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-cli-'));
  flipped = path.join(dir, 'flipped.md');
  fs.writeFileSync(flipped, BEFORE.replace(TRAINING, MAY_TRAIN).replace('in the 12 months', 'in the 24 months'));
  // The same draft with its Liability and Governing Law sections swapped and renumbered: no change.
  reordered = path.join(dir, 'reordered.md');
  fs.writeFileSync(reordered, BEFORE.replace(/## 7\. Liability\n\n([^\n]*)\n\n## 8\. Governing Law\n\n([^\n]*)\n/, '## 7. Governing Law\n\n$2\n\n## 8. Liability\n\n$1\n'));
  assert.notEqual(fs.readFileSync(reordered, 'utf8'), BEFORE);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCompare(
    args,
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    (_file, _explicit, perspective?: Perspective) => resolveConfig({ settings: perspective ? { perspective } : undefined }),
  );
  return { code, stdout, stderr };
}

describe('ai-clauses compare: exit codes', () => {
  it('0 when nothing changed (sections reordered), with a one-line summary', () => {
    const r = run('--perspective', 'licensee', BEFORE_PATH, reordered);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), `0 clauses changed from ${BEFORE_PATH} to ${reordered}, 0 against the licensee`);
  });

  it('1 when a change moves against the chosen side, 0 when it moves for it or the side is neutral', () => {
    assert.equal(run('--perspective', 'licensee', BEFORE_PATH, flipped).code, 1);
    assert.equal(run('--perspective', 'licensor', BEFORE_PATH, flipped).code, 1, 'the higher cap is against the licensor');
    assert.equal(run('--perspective', 'neutral', BEFORE_PATH, flipped).code, 0);
    assert.equal(run('--perspective', 'licensor', BEFORE_PATH, BEFORE_PATH).code, 0);
  });

  it('2 on a usage error, with a clear message and the usage', () => {
    const cases: [string[], RegExp][] = [
      [[BEFORE_PATH], /compare needs two files.*\(got 1\)/],
      [[BEFORE_PATH, flipped, reordered], /compare needs two files.*\(got 3\)/],
      [[BEFORE_PATH, path.join(dir, 'nope.md')], /no such file: .*nope\.md/],
      [['--format', 'sarif', BEFORE_PATH, flipped], /unknown format "sarif" for compare/],
      [['--perspective', 'buyer', BEFORE_PATH, flipped], /unknown perspective "buyer"/],
      [['--threshold', 'error', BEFORE_PATH, flipped], /unknown option "--threshold" for compare/],
      [['--config', path.join(dir, 'none.json'), BEFORE_PATH, flipped], /no such configuration file/],
      [[BEFORE_PATH, flipped, '--output'], /--output needs a value/],
      [[dir, flipped], /is a folder/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: ai-clauses compare/);
      assert.equal(r.stdout, '');
    }
  });
});

describe('ai-clauses compare: formats', () => {
  it('text: one line per change at its place in the later draft, details indented', () => {
    const r = run('--perspective', 'licensee', BEFORE_PATH, flipped);
    const lines = r.stdout.trimEnd().split('\n');
    const line = fs.readFileSync(flipped, 'utf8').split('\n').findIndex((l) => l.includes(MAY_TRAIN)) + 1;
    assert.equal(
      lines[0],
      `${flipped}:${line}:1 towards the licensor, against the licensee no-training-on-customer-data: Restriction on training with customer data (favours the licensee → favours the licensor)`,
    );
    assert.ok(lines[1].startsWith('    position: '));
    const cap = lines.findIndex((l) => l.includes(' limitation-of-liability: '));
    assert.ok(cap > 0 && lines[cap].includes(' towards the licensee '), lines[cap]);
    assert.equal(lines[cap + 1], '    liability cap period 12 months → 24 months');
    assert.equal(lines.at(-1), `2 clauses changed from ${BEFORE_PATH} to ${flipped}, 1 against the licensee`);
  });

  it('json: the version 1 contract, ranges in each draft\'s own lines', () => {
    const r = run('--format', 'json', '--perspective', 'licensee', BEFORE_PATH, flipped);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['version', 'before', 'after', 'perspective', 'changes']);
    assert.equal(json.version, 1);
    assert.equal(json.before, BEFORE_PATH);
    assert.equal(json.after, flipped);
    assert.equal(json.perspective, 'licensee');
    const [first] = json.changes;
    assert.equal(first.clause, 'no-training-on-customer-data');
    assert.equal(first.direction, 'towards-licensor');
    assert.equal(first.against, true);
    assert.deepEqual(Object.keys(first.before).slice(0, 3), ['status', 'favours', 'range']);
    assert.equal(first.before.status, 'present');
    assert.equal(first.before.favours, 'licensee');
    assert.equal(first.after.favours, 'licensor');
    assert.ok(Array.isArray(first.details) && first.details.length > 0);
    assert.ok(!('span' in first.before) && !('span' in first.after), 'offsets are given as ranges');
    // The ranges point at the sentences, in each draft's own lines (0-based, as in LSP).
    const beforeLines = BEFORE.split('\n');
    const afterLines = fs.readFileSync(flipped, 'utf8').split('\n');
    const { start, end } = first.after.range;
    assert.equal(start.line, end.line);
    assert.equal(afterLines[start.line].slice(start.character, end.character), `5.2 ${MAY_TRAIN}`);
    assert.equal(beforeLines[first.before.range.start.line].slice(first.before.range.start.character, first.before.range.end.character), `5.2 ${TRAINING}`);
    assert.equal(typeof first.explanation, 'string');
    assert.equal(typeof first.fallback, 'string');
  });

  it('html: a negotiation memo, changes against the side first, changed words highlighted, explanation and fallback', () => {
    const out = path.join(dir, 'memo.html');
    const r = run('--format', 'html', '--perspective', 'licensee', '--output', out, BEFORE_PATH, flipped);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `wrote html comparison to ${out}\n`);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(!/<script|https?:\/\//i.test(html), 'self-contained: no scripts, nothing external');
    const against = html.indexOf('Changes against the licensee');
    const others = html.indexOf('Other changes');
    assert.ok(against > 0 && others > against, 'the changes against the chosen side come first');
    assert.ok(html.indexOf('Restriction on training') > against && html.indexOf('Restriction on training') < others);
    assert.ok(html.indexOf('Limitation of liability') > others);
    // The one flipped word: "shall not" out, "may" in; the cap's number.
    assert.match(html, /Provider <del>shall not<\/del> use Customer Data/);
    assert.match(html, /Provider <ins>may<\/ins> use Customer Data/);
    assert.match(html, /<ins>24<\/ins> months/);
    assert.match(html, /What it means for the licensee:/);
    assert.match(html, /Proposed response: /);
  });

  it('html: a change against the side with no catalogue position to offer proposes the earlier text', () => {
    const out = path.join(dir, 'memo-licensor.html');
    assert.equal(run('--format', 'html', '--perspective', 'licensor', '--output', out, BEFORE_PATH, flipped).code, 1);
    const html = fs.readFileSync(out, 'utf8');
    const cap = html.slice(html.indexOf('<h3>Limitation of liability'));
    assert.match(cap.slice(0, cap.indexOf('</li>\n')), /Proposed response: keep the earlier text<\/strong><blockquote>Each party&#39;s total liability [^<]* the Fees paid in the 12 months/);
  });

  it('the word diff escapes HTML and marks only what changed', () => {
    const h = highlightChanges('A & B shall not <use> data.', 'A & B may <use> data.');
    assert.equal(h.before, 'A &amp; B <del>shall not</del> &lt;use&gt; data.');
    assert.equal(h.after, 'A &amp; B <ins>may</ins> &lt;use&gt; data.');
  });
});

describe('ai-clauses compare through the bundled CLI', () => {
  it('the bundled CLI dispatches the command and returns its exit code', () => {
    // The shipped bundle (jsdiff included), not the sources through tsx: it starts in a fraction of the time.
    ensureBuilt();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.cjs'), 'compare', '--format', 'json', '--perspective', 'licensee', BEFORE_PATH, flipped], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).changes.length, 2);
  });

  it('compare --help describes the command; the main usage names it', () => {
    const r = run('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: ai-clauses compare \[options\] <before> <after>/);
    assert.match(r.stdout, /Exit codes: 0 no change moves against the chosen side, 1 some change does, 2 usage error\./);
    const main = fs.readFileSync(path.join(ROOT, 'server/src/cli/main.ts'), 'utf8');
    assert.match(main, /ai-clauses compare \[options\] <before> <after>/);
  });
});
