/** From clause detection to coverage and clause findings, under the configuration's clause settings. */
import type { Applicability, ClauseCoverage, Finding } from './types.js';
import type { ResolvedConfig } from './config.js';
import type { ClauseDetection } from './clauses.js';
import { clauseMessage } from './messages.js';
import { severityFor } from './severity.js';

/** The coverage of every catalogue clause, and the missing- and incomplete-clause findings (pushed to `findings`). */
export function clauseFindings(
  detections: ClauseDetection[],
  applicability: Applicability,
  config: ResolvedConfig,
  anchor: { start: number; end: number },
  findings: Finding[],
): ClauseCoverage[] {
  const required = config.requiredClauses ? new Set(config.requiredClauses) : undefined;
  const coverage: ClauseCoverage[] = [];
  for (const d of detections) {
    const clause = d.clause;
    const clauseSetting = config.clauses[clause.id];
    const isRequired = clauseSetting !== 'off' && (required ? required.has(clause.id) : applicability.isAIAgreement);
    let status: ClauseCoverage['status'];
    if (d.detected) status = d.missingElements.length ? 'incomplete' : 'present';
    else status = isRequired ? 'missing' : 'not-applicable';
    coverage.push({
      clause: clause.id,
      title: clause.title,
      group: clause.group,
      status,
      missingElements: status === 'incomplete' ? d.missingElements : [],
      span: d.anchor,
      variant: d.variant,
    });
    // Clause findings are for AI agreements (or an explicit required set); other contracts get drafting checks only.
    if (clauseSetting === 'off' || (!applicability.isAIAgreement && !required)) continue;
    if (status === 'missing') {
      const severity = severityFor('missing-clause', config, false, clauseSetting ?? clause.severity);
      if (!severity) continue;
      findings.push({
        rule: 'missing-clause',
        clause: clause.id,
        severity,
        start: anchor.start,
        end: anchor.end,
        message: clauseMessage('missing', clause, [], config.perspective),
        why: clause.why,
        instead: `Insert the model clause "${clause.model.heading}".`,
        data: { clause: clause.id },
      });
    } else if (status === 'incomplete' && d.anchor) {
      const severity = severityFor('incomplete-clause', config, false, clauseSetting ?? (clause.importance === 'low' ? 'information' : 'warning'));
      if (!severity) continue;
      // One finding per clause, naming every missing element; each element gets its own quick fix.
      const elements = d.missingElements.map((id) => clause.elements.find((e) => e.id === id)!).filter(Boolean);
      findings.push({
        rule: 'incomplete-clause',
        clause: clause.id,
        element: elements[0]?.id,
        severity,
        start: d.anchor.start,
        end: d.anchor.end,
        message: clauseMessage('incomplete', clause, elements.map((e) => e.title), config.perspective).replace(clause.why, elements.map((e) => e.why).join(' ')),
        why: elements.map((e) => e.why).join(' '),
        instead: elements.map((e) => e.text).join(' '),
        data: { clause: clause.id, elements: elements.map((e) => e.id), section: d.section },
      });
    }
  }
  return coverage;
}

