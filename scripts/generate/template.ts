/**
 * The catalogue's template syntax (server/catalogue/README.md): `{Licensor}`, `{Licensee}`, `{shall}` and `[[value]]`.
 * Split into parts once; the snippet and documentation writers render the parts their own way.
 */

export type TemplatePart =
  | { type: 'text'; text: string }
  | { type: 'party'; party: 'Licensor' | 'Licensee' }
  | { type: 'verb' }
  | { type: 'value'; value: string };

const TOKEN = /\{(Licensor|Licensee|shall)\}|\[\[([^\]\n]{0,60})\]\]/g;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    if (m.index > last) parts.push({ type: 'text', text: template.slice(last, m.index) });
    if (m[1] === 'Licensor' || m[1] === 'Licensee') parts.push({ type: 'party', party: m[1] });
    else if (m[1] === 'shall') parts.push({ type: 'verb' });
    else parts.push({ type: 'value', value: m[2] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ type: 'text', text: template.slice(last) });
  return parts;
}

/** `{Word}` tokens that are not template syntax: almost certainly a typo in the catalogue (`{licensor}`, `{Shall}`). */
export function unknownTemplateTokens(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(/\{([A-Za-z][\w-]*)\}/g)) {
    if (m[1] !== 'Licensor' && m[1] !== 'Licensee' && m[1] !== 'shall') out.push(m[0]);
  }
  return out;
}

/** The template as the engine inserts it into a draft whose parties are called Licensor and Licensee. */
export function renderPlain(template: string, names = { licensor: 'Licensor', licensee: 'Licensee', verb: 'shall' }): string {
  return parseTemplate(template)
    .map((p) => (p.type === 'text' ? p.text : p.type === 'party' ? (p.party === 'Licensor' ? names.licensor : names.licensee) : p.type === 'verb' ? names.verb : p.value))
    .join('');
}

/** Escapes literal text for VS Code / LSP snippet syntax (`$`, `}` and `\` are special). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

export const SNIPPET_STOPS = { Licensor: 1, Licensee: 2, verb: 3, firstValue: 4 } as const;

/**
 * Renders templates as one snippet: `{Licensor}` → `${1:Licensor}` and `{Licensee}` → `${2:Licensee}` wherever
 * they occur (one tab stop each, so typing the name once fills every occurrence), `{shall}` → `${3|shall,will|}`,
 * and each `[[value]]` → its own tab stop from 4 upwards. Pass several templates to number values across them.
 */
export function renderSnippet(templates: string[]): string[] {
  let next: number = SNIPPET_STOPS.firstValue;
  return templates.map((template) =>
    parseTemplate(template)
      .map((p) => {
        switch (p.type) {
          case 'text':
            return escapeSnippet(p.text);
          case 'party':
            return `\${${SNIPPET_STOPS[p.party]}:${p.party}}`;
          case 'verb':
            return `\${${SNIPPET_STOPS.verb}|shall,will|}`;
          case 'value':
            return `\${${next++}:${escapeSnippet(p.value)}}`;
        }
      })
      .join(''),
  );
}
