/**
 * `npm run devset`: measures the engine against the hand-labelled development set (test/devset/, see its README).
 *
 * Runs the built CLI's JSON report on every labelled document and on each position passage of positions.json and
 * positions-heldout.json (held out: labelled blind, never tuned to), each wrapped in a minimal two-party draft, then prints per document and in total: clause-status agreement with the
 * labels, false "missing", false "present", warning and error findings per 10,000 words, agreement kind and AI-ness,
 * party roles and clause positions (where the report has the fields), and the list of disagreements.
 *
 * It measures; it does not gate: the exit code is always 0. Options: --build (rebuild dist first), --no-positions,
 * --quiet-disagreements (totals only).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DEVSET = join(ROOT, 'test', 'devset');
const CLI = join(ROOT, 'dist', 'cli.cjs');
type Status = 'present' | 'incomplete' | 'missing' | 'not-applicable';
type Side = 'licensee' | 'balanced' | 'licensor';

interface LabelledDoc {
  path: string;
  source: 'others' | 'own';
  agreementKind: string;
  isAI: boolean;
  parties: { name: string; role: string }[];
  clauses: Record<string, Status | { status: Status; byReference?: boolean }>;
  positions?: Record<string, { favours: Side; position: string }>;
  note?: string;
}
interface Passage {
  clause: string;
  text: string;
  favours: Side;
  parties: { licensor: string; licensee: string };
  source?: string;
}
/** One file of the CLI's JSON report (version 1); the optional fields are those issues 13 and 14 add. */
interface ReportFile {
  path: string;
  error?: string;
  isContract: boolean;
  isAIAgreement: boolean;
  agreementKind?: string;
  parties?: { name: string; role: string }[];
  coverage: { clause: string; status: Status; missingElements?: string[]; byReference?: boolean; position?: { id?: string; favours?: Side } }[];
  findings: { rule: string; clause?: string; severity: string }[];
}

const args = new Set(process.argv.slice(2));
const out: string[] = [];
const say = (line = '') => out.push(line);
const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const statusOf = (v: LabelledDoc['clauses'][string]): Status => (typeof v === 'string' ? v : v.status);
const isPresent = (s: Status) => s === 'present' || s === 'incomplete';
const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const stale = !existsSync(CLI) || args.has('--build') || Math.max(newestMtime(join(ROOT, 'server', 'src')), newestMtime(join(ROOT, 'server', 'catalogue'))) > statSync(CLI).mtimeMs;
  if (stale) {
    process.stderr.write('devset: building dist (node scripts/build.mjs)\n');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

function runCli(files: string[]): Map<string, ReportFile> {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [CLI, 'check', '--quiet', '--format', 'json', '--threshold', 'none', '--jobs', '1', ...files], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? '');
    if (!stdout) throw error;
  }
  const report = JSON.parse(stdout) as { version: number; files: ReportFile[] };
  return new Map(report.files.map((f) => [resolve(ROOT, f.path), f]));
}

function catalogueIds(): string[] {
  const dir = join(ROOT, 'server', 'catalogue', 'clauses');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string }).id)
    .sort();
}

/** The coarse class the current report can express: not-contract, contract, or an AI agreement. */
const coarseKind = (kind: string) => (kind === 'not-contract' ? 'not-contract' : kind === 'contract' ? 'contract' : 'ai');
const reportedCoarse = (r: ReportFile) => (r.agreementKind ? coarseKind(r.agreementKind) : !r.isContract ? 'not-contract' : r.isAIAgreement ? 'ai' : 'contract');

function measureDocuments(): void {
  const labels = JSON.parse(readFileSync(join(DEVSET, 'labels.json'), 'utf8')) as { documents: LabelledDoc[] };
  const ids = catalogueIds();
  const docs = labels.documents;
  const report = runCli(docs.map((d) => d.path));

  const fieldsSeen = { agreementKind: false, parties: false, position: false, byReference: false };
  interface Row { doc: LabelledDoc; agree: number; total: number; labelledPresent: number; falseMissing: number; labelledAbsent: number; falsePresent: number; per10k: number; words: number; kindRight: boolean; coarseRight: boolean; aiRight: boolean; partiesRight?: number }
  const rows: Row[] = [];
  const disagreements: string[] = [];
  const positionTally = new Map<string, { right: number; total: number; reported: number }>();
  const confusion = new Map<string, number>();

  for (const doc of docs) {
    const r = report.get(resolve(ROOT, doc.path));
    const text = readFileSync(resolve(ROOT, doc.path), 'utf8');
    if (!r || r.error) {
      say(`${doc.path}: no report (${r?.error ?? 'missing from the CLI output'})`);
      continue;
    }
    if (r.agreementKind !== undefined) fieldsSeen.agreementKind = true;
    if (r.parties !== undefined) fieldsSeen.parties = true;
    const tool = new Map(r.coverage.map((c) => [c.clause, c]));
    let agree = 0;
    let labelledPresent = 0;
    let falseMissing = 0;
    let labelledAbsent = 0;
    let falsePresent = 0;
    for (const id of ids) {
      const label = doc.clauses[id];
      if (label === undefined) continue;
      const want = statusOf(label);
      const entry = tool.get(id);
      const got: Status = entry?.status ?? 'not-applicable';
      if (entry?.byReference !== undefined) fieldsSeen.byReference = true;
      confusion.set(`${want}>${got}`, (confusion.get(`${want}>${got}`) ?? 0) + 1);
      if (want === got) agree++;
      else disagreements.push(`${doc.path}\t${id}\tlabel ${want}${typeof label === 'object' && label.byReference ? ' (by reference)' : ''}\ttool ${got}${entry?.status === 'incomplete' ? ` (lacks ${entry.missingElements?.join(', ') ?? '?'})` : ''}`);
      if (isPresent(want)) {
        labelledPresent++;
        if (!isPresent(got)) falseMissing++;
      } else {
        labelledAbsent++;
        if (isPresent(got)) falsePresent++;
      }
      const pos = doc.positions?.[id];
      if (pos && isPresent(want)) {
        const t = positionTally.get(id) ?? { right: 0, total: 0, reported: 0 };
        t.total++;
        const favours = entry?.position?.favours;
        if (entry?.position !== undefined) fieldsSeen.position = true;
        if (favours) {
          t.reported++;
          if (favours === pos.favours) t.right++;
          else disagreements.push(`${doc.path}\t${id}\tposition ${pos.favours} (${pos.position})\ttool ${favours}`);
        }
        positionTally.set(id, t);
      }
    }
    const n = words(text);
    const serious = r.findings.filter((f) => f.severity === 'warning' || f.severity === 'error').length;
    let partiesRight: number | undefined;
    if (r.parties) {
      const got = new Map(r.parties.map((p) => [p.name.toLowerCase(), p.role]));
      partiesRight = doc.parties.filter((p) => got.get(p.name.toLowerCase()) === p.role).length / Math.max(1, doc.parties.length);
    }
    rows.push({
      doc,
      agree,
      total: ids.length,
      labelledPresent,
      falseMissing,
      labelledAbsent,
      falsePresent,
      per10k: (10000 * serious) / Math.max(1, n),
      words: n,
      kindRight: r.agreementKind !== undefined ? r.agreementKind === doc.agreementKind : reportedCoarse(r) === coarseKind(doc.agreementKind),
      coarseRight: reportedCoarse(r) === coarseKind(doc.agreementKind),
      aiRight: r.isAIAgreement === doc.isAI,
      partiesRight,
    });
    if (!(r.isAIAgreement === doc.isAI)) disagreements.push(`${doc.path}\t(document)\tisAI ${doc.isAI}\ttool isAIAgreement ${r.isAIAgreement}`);
    if (reportedCoarse(r) !== coarseKind(doc.agreementKind)) disagreements.push(`${doc.path}\t(document)\tkind ${doc.agreementKind}\ttool ${r.agreementKind ?? reportedCoarse(r)}`);
  }

  say('== Documents');
  say(`${'document'.padEnd(68)} ${'src'.padEnd(6)} ${'kind'.padEnd(15)} agree  f.miss f.pres  w+e/10kw kind AI parties`);
  for (const x of rows) {
    say(
      `${x.doc.path.padEnd(68)} ${x.doc.source.padEnd(6)} ${x.doc.agreementKind.padEnd(15)} ${pct(x.agree, x.total)} ${String(x.falseMissing).padStart(3)}/${String(x.labelledPresent).padEnd(3)}${String(x.falsePresent).padStart(3)}/${String(x.labelledAbsent).padEnd(3)} ${x.per10k.toFixed(1).padStart(7)}  ${x.kindRight ? 'yes ' : 'NO  '} ${x.aiRight ? 'yes' : 'NO '} ${x.partiesRight === undefined ? '-' : pct(x.partiesRight, 1)}`,
    );
  }

  const total = (sel: Row[], label: string) => {
    const sum = (f: (r: Row) => number) => sel.reduce((a, r) => a + f(r), 0);
    say(
      `${label.padEnd(34)} docs ${String(sel.length).padStart(2)}  agreement ${pct(sum((r) => r.agree), sum((r) => r.total))}  false missing ${pct(sum((r) => r.falseMissing), sum((r) => r.labelledPresent))} (${sum((r) => r.falseMissing)}/${sum((r) => r.labelledPresent)})  false present ${pct(sum((r) => r.falsePresent), sum((r) => r.labelledAbsent))} (${sum((r) => r.falsePresent)}/${sum((r) => r.labelledAbsent)})  kind right ${sum((r) => (r.kindRight ? 1 : 0))}/${sel.length}  AI-ness right ${sum((r) => (r.aiRight ? 1 : 0))}/${sel.length}`,
    );
  };
  say();
  say('== Totals');
  total(rows, 'all');
  total(rows.filter((r) => r.doc.source === 'others'), 'by others');
  total(rows.filter((r) => r.doc.source === 'others' && r.doc.isAI), 'AI agreements by others');
  total(rows.filter((r) => r.doc.source === 'own'), 'own drafts');
  const aiOthers = rows.filter((r) => r.doc.source === 'others' && r.doc.isAI);
  say(`warning+error findings per 10,000 words: median over AI agreements by others ${median(aiOthers.map((r) => r.per10k)).toFixed(1)} (${aiOthers.length} documents); over all documents ${median(rows.map((r) => r.per10k)).toFixed(1)}`);
  say(`label > tool status counts: ${[...confusion.entries()].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  say();
  const missingFields = Object.entries(fieldsSeen).filter(([, seen]) => !seen).map(([k]) => k);
  say(
    missingFields.length
      ? `Report fields not present in this report: ${missingFields.join(', ')}. Agreement kind is compared as not-contract / contract / AI agreement (from isContract and isAIAgreement); party roles are ${fieldsSeen.parties ? 'compared' : 'not reported'}.`
      : 'All report fields present (agreementKind, parties, position, byReference).',
  );
  say();
  say('== Positions in the documents (per clause type: reported side right / reported / labelled)');
  if (!fieldsSeen.position) say('positions not reported');
  for (const [id, t] of [...positionTally.entries()].sort()) say(`${id.padEnd(32)} ${t.right}/${t.reported}/${t.total}`);

  if (!args.has('--quiet-disagreements')) {
    say();
    say(`== Disagreements (${disagreements.length}): document, clause, label, tool`);
    for (const d of disagreements) say(d);
  }
}

function wrap(p: Passage): string {
  const { licensor, licensee } = p.parties;
  const preamble =
    licensor.toLowerCase() === 'we'
      ? `These terms are an agreement between you and Example Services Inc. ("we", "us"). They apply to your use of our service.`
      : `This agreement is made between ${licensor} Limited ("${licensor}") and ${licensee} Limited ("${licensee}"). ${licensor} provides a software service to ${licensee}.`;
  // Declared an AI agreement: a passage is too short for the tool to tell what it is, and the question here is only
  // which position it takes.
  return `---\nai-clauses: ai-agreement\n---\n# Agreement\n\n${preamble}\n\n## 1. Terms\n\n1.1 ${p.text}\n`;
}

function measurePositions(file: string, title: string): void {
  const { passages } = JSON.parse(readFileSync(join(DEVSET, file), 'utf8')) as { passages: Passage[] };
  const dir = mkdtempSync(join(tmpdir(), 'ai-clauses-devset-'));
  try {
    const files = passages.map((p, i) => {
      const f = join(dir, `passage-${String(i).padStart(3, '0')}.md`);
      writeFileSync(f, wrap(p));
      return f;
    });
    const report = runCli(files);
    const tally = new Map<string, { detected: number; reported: number; right: number; total: number }>();
    const wrong: string[] = [];
    let positionSeen = false;
    passages.forEach((p, i) => {
      const r = report.get(resolve(files[i]));
      const entry = r?.coverage.find((c) => c.clause === p.clause);
      const t = tally.get(p.clause) ?? { detected: 0, reported: 0, right: 0, total: 0 };
      t.total++;
      if (entry && isPresent(entry.status)) t.detected++;
      const favours = entry?.position?.favours;
      if (entry?.position !== undefined) positionSeen = true;
      if (favours) {
        t.reported++;
        if (favours === p.favours) t.right++;
        else wrong.push(`passage ${i} ${p.clause}: label ${p.favours}, tool ${favours}: ${p.text.slice(0, 90)}`);
      }
      tally.set(p.clause, t);
    });
    say();
    say(`== ${title} (${file}, ${passages.length}, each wrapped in a minimal two-party draft)`);
    if (!positionSeen) say('positions not reported');
    say(`${'clause'.padEnd(32)} detected  side right / reported / passages`);
    let d = 0, rep = 0, right = 0, tot = 0;
    for (const [id, t] of [...tally.entries()].sort()) {
      say(`${id.padEnd(32)} ${String(t.detected).padStart(3)}/${String(t.total).padEnd(3)}   ${t.right}/${t.reported}/${t.total}`);
      d += t.detected; rep += t.reported; right += t.right; tot += t.total;
    }
    say(`${'total'.padEnd(32)} ${String(d).padStart(3)}/${String(tot).padEnd(3)}   ${right}/${rep}/${tot}  (side right ${pct(right, rep)} of reported, ${pct(right, tot)} of all)`);
    for (const w of wrong) say(w);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  ensureBuilt();
  measureDocuments();
  if (!args.has('--no-positions')) {
    measurePositions('positions.json', 'Position passages');
    // Written and labelled by someone who never saw the tool's output; read, never tuned to.
    measurePositions('positions-heldout.json', 'Held-out position passages');
  }
} catch (error) {
  say(`devset: ${(error as Error).stack ?? String(error)}`);
}
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = 0;
