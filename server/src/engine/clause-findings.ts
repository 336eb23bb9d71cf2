/**
 * From clause detection and the reading layer to coverage and clause findings, under the configuration's clause
 * settings: a clause is expected where its `appliesTo` names the agreement's kind; a position found by the reading
 * layer makes a clause present and, when it favours the other side of the user's perspective, a finding.
 */
import type { Applicability, ClauseCoverage, Finding } from './types.js';
import type { ResolvedConfig } from './config.js';
import type { ClauseDetection } from './clauses.js';
import type { ClauseEntry } from './catalogue-types.js';
import { clauseMessage } from './messages.js';
import { severityFor } from './severity.js';
import { AI_KINDS, incorporatedClauses, readPositions, type DocumentReading } from './reading/index.js';
import type { PlacedSentence } from './reading/positions.js';
import { lastAtOrBefore } from './search.js';
import type { ContractModel } from './types.js';
import type { LinkedClause } from './linked.js';

/** The coverage of every catalogue clause, and the missing-, incomplete-clause and position findings (pushed to `findings`). */
export function clauseFindings(
  detections: ClauseDetection[],
  applicability: Applicability,
  config: ResolvedConfig,
  anchor: { start: number; end: number },
  findings: Finding[],
  reading: DocumentReading | undefined,
  model: ContractModel,
  linked?: ReadonlyMap<string, LinkedClause>,
): ClauseCoverage[] {
  const required = config.requiredClauses ? new Set(config.requiredClauses) : undefined;
  const kind = applicability.agreementKind;
  const detected = new Map(detections.map((d) => [d.clause.id, d]));
  const defs = model.definitionsSection !== undefined ? model.sections[model.definitionsSection] : undefined;
  const found = reading ? readPositions(reading, (id) => (detected.get(id)?.detected ? detected.get(id)!.scopes : undefined), defs) : [];
  const positions = new Map(found.map((p) => [p.clause, p]));
  const byReference = reading ? incorporatedClauses(reading.sentences, reading.catalogue) : new Map();
  const coverage: ClauseCoverage[] = [];
  for (const d of detections) {
    const clause = d.clause;
    const clauseSetting = config.clauses[clause.id];
    const expected = appliesTo(clause).includes(kind) && d.expected;
    const isRequired = clauseSetting !== 'off' && (required ? required.has(clause.id) : applicability.isAIAgreement && expected);
    // A sentence that allocates the clause's right or duty shows it; only a position of the catalogue is reported.
    // Where the kind of agreement does not call for the clause, only its own words show it: "we may use your prompts
    // to improve our models" in terms of use is the training clause, not also a model-improvements clause.
    const read = positions.get(clause.id);
    const shown = read && (d.detected || appliesTo(clause).includes(kind)) ? read : undefined;
    const found = shown?.allocation ? undefined : shown;
    // A sentence that allocates the right or duty shows the clause, whatever words it uses.
    // Held by another document the draft incorporates: present by reference, and that document is taken to hold the
    // elements (the draft cannot show them).
    // A detected clause that lacks elements but makes another document part of it in its own text ("uptime as set
    // out in the SLA", "the DPA in Annex 2 forms part of this Agreement") leaves the elements to that document; a
    // linked file of the deal folder that holds the clause (linked.ts) is the most specific reference.
    const complete = d.detected && !d.missingElements.length;
    const link = complete ? undefined : linked?.get(clause.id);
    const reference = complete ? undefined : (link ?? byReference.get(clause.id) ?? (d.detected && reading ? pointerWithin(reading.sentences, d.scopes) : undefined));
    const detected = d.detected || shown !== undefined || reference !== undefined;
    const settled = found?.position.settles;
    const missingElements = d.detected && !reference ? d.missingElements.filter((id) => requiredHere(clause, id, kind) && !settled?.includes(id)) : [];
    const span = d.anchor ?? (shown ? { start: shown.start, end: shown.end } : reference ? { start: reference.start, end: reference.end } : undefined);
    // An addendum leaves what main agreements hold (liability, governing law ...) to its main agreement: not expected
    // here, but worth a note that the main agreement should hold it.
    const leftToMain = kind === 'ai-addendum' && clause.mainAgreementClause === true && !required;
    let status: ClauseCoverage['status'];
    if (detected) status = missingElements.length ? 'incomplete' : 'present';
    else status = isRequired && !leftToMain ? 'missing' : 'not-applicable';
    coverage.push({
      clause: clause.id,
      title: clause.title,
      group: clause.group,
      status,
      missingElements: status === 'incomplete' ? missingElements : [],
      span,
      variant: d.variant,
      position: found ? { id: found.position.id, title: found.position.title, favours: found.position.favours, span: { start: found.start, end: found.end } } : undefined,
      ...(reference ? { byReference: true } : {}),
      ...(link ? { referencedIn: { file: link.file, ...(link.section ? { section: link.section } : {}) } } : {}),
    });
    // Clause findings are for AI agreements (or an explicit required set); other contracts get drafting checks only.
    if (clauseSetting === 'off' || (!applicability.isAIAgreement && !required)) continue;
    if (status === 'missing' || (!detected && leftToMain)) {
      const inMainAgreement = leftToMain;
      const severity = inMainAgreement ? severityFor('missing-clause', config, false, 'information') : severityFor('missing-clause', config, false, clauseSetting ?? clause.severity);
      if (!severity) continue;
      findings.push({
        rule: 'missing-clause',
        clause: clause.id,
        severity,
        start: anchor.start,
        end: anchor.end,
        message: inMainAgreement
          ? `Not in this addendum: ${clause.title}. Main agreements usually hold it: check that the main agreement does, and that it covers the AI services. ${clause.why}`
          : clauseMessage('missing', clause, [], config.perspective),
        why: clause.why,
        instead: `Insert the model clause "${clause.model.heading}".`,
        data: { clause: clause.id },
      });
    } else if (status === 'incomplete' && d.anchor) {
      // No more severe than the clause's absence would be: a clause whose absence is information is not a warning
      // for lacking one element.
      const severity = severityFor('incomplete-clause', config, false, clauseSetting ?? (clause.importance === 'low' || clause.severity !== 'warning' ? 'information' : 'warning'));
      if (!severity) continue;
      // One finding per clause, naming every missing element; each element gets its own quick fix.
      const elements = missingElements.map((id) => clause.elements.find((e) => e.id === id)!).filter(Boolean);
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
    if (found) {
      const finding = positionFinding(clause, found, config);
      if (finding) findings.push(finding);
    }
  }
  return coverage;
}

/**
 * A position that favours the other side of the user's (`perspective`) is a warning; in `neutral`, a one-sided
 * position is information. The message says what the draft gives away, the usual alternatives, and who accepts what.
 */
function positionFinding(clause: ClauseEntry, found: { position: NonNullable<ClauseEntry['positions']>[number]; start: number; end: number }, config: ResolvedConfig): Finding | undefined {
  const perspective = config.perspective;
  const favours = found.position.favours;
  const against = perspective === 'licensee' ? favours === 'licensor' : perspective === 'licensor' ? favours === 'licensee' : favours !== 'balanced';
  if (!against) return undefined;
  const side = perspective === 'neutral' ? (favours === 'licensor' ? 'licensee' : 'licensor') : perspective;
  const alternatives = (clause.positions ?? []).filter((p) => p.id !== found.position.id && p.favours !== favours);
  const plan = clause.playbook?.[side];
  const byId = (id: string | undefined) => alternatives.find((p) => p.id === id);
  // Neutral: the usual compromise first. A side: its playbook's preferred position, then its fallback.
  const balanced = alternatives.find((p) => p.favours === 'balanced');
  const preferred = perspective === 'neutral' ? (balanced ?? byId(plan?.preferred)) : (byId(plan?.preferred) ?? alternatives.find((p) => p.favours === side) ?? balanced);
  const fallback = perspective === 'neutral' ? byId(plan?.fallback) : (byId(plan?.fallback) ?? (balanced !== preferred ? balanced : undefined));
  const unacceptable = perspective !== 'neutral' && (plan?.unacceptable ?? []).includes(found.position.id);
  const severity = severityFor('unfavourable-position', config, false, perspective === 'neutral' ? 'information' : unacceptable ? 'error' : undefined);
  if (!severity) return undefined;
  const who = perspective === 'neutral' ? `It favours the ${favours}.` : `It favours the ${favours}, not you (the ${perspective}).`;
  const options = alternatives.map((p) => `${lowerFirst(p.title)} (${p.favours === 'balanced' ? 'balanced' : `favours the ${p.favours}`})`).join('; ');
  return {
    rule: 'unfavourable-position',
    clause: clause.id,
    severity,
    start: found.start,
    end: found.end,
    message: `${clause.title}: ${found.position.title}. ${who} ${found.position.explain[side]}${options ? ` Usual alternatives: ${options}.` : ''}`,
    why: found.position.explain[side],
    instead: preferred ? preferred.text : undefined,
    data: { clause: clause.id, position: found.position.id, favours, preferred: preferred?.id, fallback: fallback?.id },
  };
}

/** The kinds of agreement a clause is expected in: its `appliesTo`, else every AI kind (and plain contracts too for
 * a clause every commercial contract should have). */
export function appliesTo(clause: ClauseEntry): readonly string[] {
  return clause.appliesTo ?? (clause.aiSpecific ? AI_KINDS : [...AI_KINDS, 'contract']);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The first sentence inside `scopes` that makes another document part of the agreement. */
function pointerWithin(sentences: readonly PlacedSentence[], scopes: readonly { start: number; end: number }[]): PlacedSentence | undefined {
  for (const sc of scopes) {
    for (let i = Math.max(0, lastAtOrBefore(sentences, sc.start, (x) => x.start)); i < sentences.length && sentences[i].start < sc.end; i++) {
      if (sentences[i].makesPart && sentences[i].end > sc.start) return sentences[i];
    }
  }
  return undefined;
}

/** Whether a required element is required in this kind of agreement (`requiredIn`, default every kind). */
function requiredHere(clause: ClauseEntry, id: string, kind: Applicability['agreementKind']): boolean {
  const element = clause.elements.find((e) => e.id === id);
  return !element?.requiredIn || (element.requiredIn as readonly string[]).includes(kind);
}
