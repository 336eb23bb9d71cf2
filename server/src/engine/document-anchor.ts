import type { ContractModel } from './types.js';

/** Where document-level findings point: the title, else the first heading, else the first line with text. */
export function documentAnchor(title: { start: number; end: number } | undefined, model: ContractModel, text: string): { start: number; end: number } {
  if (title && title.end > title.start) return title;
  const heading = model.sections.find((s) => s.titleEnd > s.titleStart);
  if (heading) return { start: heading.titleStart, end: heading.titleEnd };
  const m = /\S[^\r\n]*/.exec(text.slice(0, 4000));
  return m ? { start: m.index, end: m.index + Math.min(m[0].length, 80) } : { start: 0, end: 0 };
}

