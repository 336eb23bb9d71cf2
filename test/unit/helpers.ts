import { analyzeText, type DocumentAnalysis, type Finding, type ResolvedConfig } from '../../server/src/engine/index.js';

/** A small AI licence around the given body, so that contract and AI detection apply. */
export function aiDraft(body: string, opts: { verb?: 'shall' | 'will' } = {}): string {
  const v = opts.verb ?? 'shall';
  return [
    '# AI Platform Licence Agreement',
    '',
    'This AI Platform Licence Agreement (the "Agreement") is between Northwind Analytics Ltd ("Provider") and Contoso Retail plc ("Customer").',
    '',
    '## 1. Definitions',
    '',
    '**"AI System"** means the artificial-intelligence system, including its machine learning models, that Provider provides under this Agreement.',
    '',
    '**"Output"** means any content that the AI System generates in response to prompts.',
    '',
    '## 2. Licence',
    '',
    `2.1 Provider ${v} make the AI System available to Customer, and Customer ${v} pay the fees for the AI System and its Output under this Agreement. The parties agree that this Agreement is governed by the terms below, and either party may terminate it for breach.`,
    '',
    body,
    '',
  ].join('\n');
}

export function findings(text: string, rule: string, config?: ResolvedConfig): Finding[] {
  return analyzeText(text, config).findings.filter((f) => f.rule === rule);
}

export function excerpts(text: string, rule: string, config?: ResolvedConfig): string[] {
  return findings(text, rule, config).map((f) => text.slice(f.start, f.end));
}

export function analysisOf(text: string, config?: ResolvedConfig): DocumentAnalysis {
  return analyzeText(text, config);
}
