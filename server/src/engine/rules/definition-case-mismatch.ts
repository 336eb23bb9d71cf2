/** A defined term written in another mix of cases ("Pre-Release Materials" for "Pre-release Materials"). */
import type { Rule } from './types.js';
import { quote } from '../messages.js';
import { chunkTermUses } from './support/terms.js';

export const rule: Rule = {
  id: 'definition-case-mismatch',
  scope: 'document',
  detect({ chunks, terms }, out) {
    for (const chunk of chunks) {
      for (const m of chunkTermUses(chunk, terms).mismatches) {
        out.push({ rule: 'definition-case-mismatch', start: chunk.offset + m.start, end: chunk.offset + m.end, data: { term: terms[m.term], text: m.text } });
      }
    }
  },
  message: (d) => `${quote(String(d.text))} does not match the defined term "${d.term}".`,
  fixes: ({ finding, data }) => [{ title: `Write the defined term "${data.term}"`, kind: 'quickfix', edits: [{ start: finding.start, end: finding.end, newText: String(data.term) }], preferred: true, safe: true }],
};
