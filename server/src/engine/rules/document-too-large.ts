/** A draft longer than maxDocumentSize: the analyzer reports it instead of analysing the text. */
import type { Rule } from './types.js';

export const rule: Rule = {
  id: 'document-too-large',
  scope: 'engine',
  // The finding is about the whole file: a comment cannot turn it off (the setting can).
  disableComments: false,
};
