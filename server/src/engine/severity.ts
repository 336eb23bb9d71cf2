import type { Severity } from './types.js';
import type { ResolvedConfig } from './config.js';

/** Effective severity: rule setting (config file or settings) over the clause or rule default; undefined = off. */
export function severityFor(rule: string, config: ResolvedConfig, downgrade: boolean, fallback?: Severity | 'off'): Severity | undefined {
  const setting = config.rules[rule] ?? config.rules['*'];
  const meta = config.catalogue.rule(rule);
  let severity = setting ?? fallback ?? meta?.severity ?? 'warning';
  if (severity === 'off') return undefined;
  if (downgrade && !setting) severity = severity === 'error' ? 'warning' : severity === 'warning' ? 'information' : 'hint';
  return severity;
}

