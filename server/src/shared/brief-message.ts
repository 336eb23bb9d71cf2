/**
 * A finding's message without its explanation. The engine writes each message as "what is wrong" followed by why it
 * matters and what to write instead (or, for clauses, why the clause matters). Editors show the explanation in the
 * hover and the CLI with `--verbose`, so the diagnostic and the report line carry only the first part.
 */
import type { Catalogue, Finding } from '../engine/index.js';

export function briefMessage(finding: Pick<Finding, 'message' | 'rule' | 'clause' | 'why'>, catalogue: Catalogue): string {
  const explanations = [finding.why, catalogue.rule(finding.rule)?.why, finding.clause ? catalogue.clause(finding.clause)?.why : undefined];
  let cut = finding.message.length;
  for (const why of explanations) {
    if (!why) continue;
    const at = finding.message.indexOf(` ${why}`);
    if (at > 0 && at < cut) cut = at;
  }
  return finding.message.slice(0, cut).trimEnd();
}
