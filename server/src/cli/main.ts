/**
 * The `ai-clauses` command line: `ai-clauses check [options] <files, folders or globs>` and
 * `ai-clauses compare [options] <before> <after>` (cli/compare.ts).
 * Same engine and configuration files as the editor. Files are checked in parallel on worker threads.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { expandInputs, readSharedOption, UsageError, type SharedOptions } from './inputs.js';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism, cpus } from 'node:os';
import { DocumentAnalyzer, documentLinks, resolveConfig, LineIndex, type ResolvedConfig, type Severity } from '../engine/index.js';
import { linkedFilesOf, readLinkedFiles } from '../linked-files.js';
import { playbookPathsOf } from '../engine/config.js';
import { formatText, formatJson, formatSarif, formatHtml, type FileResult, toFileResult } from './format.js';
import { runCompare } from './compare.js';

const VERSION = '0.1.0';
const USAGE = `Usage: ai-clauses check [options] <files, folders or globs>
       ai-clauses compare [options] <before> <after>

check: checks AI licensing agreements drafted in Markdown against the clause catalogue.
compare: what changed between two drafts of one agreement, clause by clause, and which way each change moved
(see ai-clauses compare --help).

Options of check:
  --format text|json|sarif|html   output format (default: text)
  --output FILE                   write the report to FILE instead of standard output
  --config FILE                   use this configuration file instead of the nearest .ai-clauses.json
  --perspective licensee|licensor|neutral
                                  whose side the positions are judged from (overrides the configuration file)
  --threshold error|warning|information|hint|none
                                  exit with 1 when a finding at or above this severity exists (default: warning)
  --jobs N                        worker threads (default: number of cores)
  --verbose                       text format: the whole explanation of each finding (why it matters, what to
                                  write instead), not just what is wrong
  --quiet                         no progress line
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes of check: 0 no findings at or above the threshold, 1 findings at or above it, 2 usage error.
Exit codes of compare: 0 no change against the chosen side, 1 a change against it, 2 usage error.`;


interface Options extends SharedOptions {
  format: 'text' | 'json' | 'sarif' | 'html';
  threshold: Severity | 'none';
  jobs: number;
  quiet: boolean;
  verbose: boolean;
  inputs: string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('-v') || argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  const options: Options = { format: 'text', threshold: 'warning', jobs: cores, quiet: false, verbose: false, inputs: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format "${f}" (text, json, sarif or html)`);
        options.format = f;
        break;
      }
      case '--threshold': {
        const t = value();
        if (t !== 'none' && !(t in RANK)) throw new UsageError(`unknown threshold "${t}"`);
        options.threshold = t as Options['threshold'];
        break;
      }
      case '--jobs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs needs a positive whole number');
        options.jobs = n;
        break;
      }
      case '--quiet':
        options.quiet = true;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      default:
        if (readSharedOption(arg, value, options)) break;
        if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
        options.inputs.push(arg);
    }
  }
  if (options.inputs.length === 0) throw new UsageError('no files given');
  return options;
}

/** Finds the nearest .ai-clauses.json (or .jsonc) from the file's folder upwards. */
function nearestConfig(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    for (const name of ['.ai-clauses.json', '.ai-clauses.jsonc']) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const configCache = new Map<string, ResolvedConfig>();

export function configFor(file: string, explicit: string | undefined, perspective?: Options['perspective']): ResolvedConfig {
  const path = explicit ?? nearestConfig(file);
  const key = `${path ?? ''}\u0000${perspective ?? ''}`;
  const settings = perspective ? { perspective } : undefined;
  const cached = configCache.get(key);
  if (cached) return cached;
  let config: ResolvedConfig;
  if (!path) config = resolveConfig({ settings });
  else {
    const text = readFileSync(path, 'utf8');
    const playbooks = playbookPathsOf(text).map((p) => {
      const full = resolve(dirname(path), p);
      return { path: full, text: existsSync(full) ? readFileSync(full, 'utf8') : '{}' };
    });
    config = resolveConfig({ files: [{ path, text }], playbooks, settings });
    for (const p of playbookPathsOf(text)) {
      if (!existsSync(resolve(dirname(path), p))) config.problems.push({ file: path, message: `Playbook "${p}" not found.`, start: 0, end: 1 });
    }
  }
  configCache.set(key, config);
  return config;
}

export function checkFile(file: string, explicitConfig?: string, perspective?: Options['perspective']): FileResult {
  let text: string;
  try {
    const bytes = readFileSync(file);
    text = bytes.toString('utf8');
  } catch (error) {
    return { path: file, error: (error as Error).message, isContract: false, isAIAgreement: false, agreementKind: 'not-contract', parties: [], coverage: [], findings: [], lines: [] };
  }
  const config = configFor(file, explicitConfig, perspective);
  const analyzer = new DocumentAnalyzer({ config });
  // Files of the deal folder the draft links to (same folder or below, one level): their clauses count for it.
  const links = documentLinks(text);
  if (links.length) analyzer.setLinkedDocuments(readLinkedFiles(linkedFilesOf(file, links.map((l) => l.target))));
  const analysis = analyzer.update(text);
  return toFileResult(file, analysis, new LineIndex(text), config);
}

async function checkAll(files: string[], options: Options): Promise<FileResult[]> {
  const jobs = Math.min(options.jobs, Math.ceil(files.length / 4));
  const progress = !options.quiet && process.stderr.isTTY;
  let done = 0;
  const tick = () => {
    done++;
    if (progress) process.stderr.write(`\rai-clauses: checked ${done}/${files.length} files`);
  };
  let results: FileResult[];
  if (jobs <= 1) {
    results = files.map((f) => {
      const r = checkFile(f, options.config, options.perspective);
      tick();
      return r;
    });
  } else {
    const self = typeof __filename !== 'undefined' ? __filename : process.argv[1];
    const byFile = new Map<string, FileResult>();
    const queue = [...files];
    await Promise.all(
      Array.from({ length: jobs }, () => {
        return new Promise<void>((resolvePromise, reject) => {
          const worker = new Worker(self, { workerData: { config: options.config, perspective: options.perspective } });
          const next = () => {
            const f = queue.shift();
            if (f === undefined) {
              void worker.terminate();
              resolvePromise();
            } else worker.postMessage(f);
          };
          worker.on('message', (r: FileResult) => {
            byFile.set(r.path, r);
            tick();
            next();
          });
          worker.on('error', reject);
          next();
        });
      }),
    );
    results = files.map((f) => byFile.get(f)!);
  }
  if (progress) process.stderr.write('\n');
  return results;
}

function exitCode(results: FileResult[], threshold: Options['threshold']): number {
  if (threshold === 'none') return 0;
  const limit = RANK[threshold];
  return results.some((r) => r.error || r.findings.some((f) => RANK[f.severity] <= limit)) ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'compare') {
    return runCompare(argv.slice(1), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }, configFor);
  }
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ai-clauses: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let files: string[];
  try {
    if (options.config && !existsSync(options.config)) throw new UsageError(`no such configuration file: ${options.config}`);
    files = expandInputs(options.inputs);
    if (files.length === 0) throw new UsageError(`no Markdown files match ${options.inputs.join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ai-clauses: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const results = await checkAll(files, options);
  const configProblems = [...configCache.values()].flatMap((c) => c.problems);
  const report =
    options.format === 'json'
      ? formatJson(results)
      : options.format === 'sarif'
        ? formatSarif(results, { version: VERSION })
        : options.format === 'html'
          ? formatHtml(results)
          : formatText(results, configProblems, { verbose: options.verbose });
  if (options.output) {
    writeFileSync(options.output, report);
    process.stdout.write(`wrote ${options.format} report to ${options.output}\n`);
  } else process.stdout.write(report);
  return exitCode(results, options.threshold);
}

// This file is the CLI's entry point (bundled to dist/cli.cjs); worker threads run the same file.
if (!isMainThread && parentPort) {
  const port = parentPort;
  const data = workerData as { config?: string; perspective?: Options['perspective'] };
  port.on('message', (file: string) => port.postMessage(checkFile(file, data.config, data.perspective)));
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`ai-clauses: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
