/**
 * The engine's public API. Pure and editor-independent: the LSP adapter (server/src/lsp), the CLI (server/src/cli)
 * and the tests use only what this file exports.
 */
export * from './types.js';
export type * from './catalogue-types.js';
export { LineIndex } from './line-index.js';
export { applyEdits } from './edits.js';
export { Catalogue, builtinCatalogue } from './catalogue.js';
export { defaultConfig, resolveConfig, playbookPathsOf, DEFAULT_MAX_DOCUMENT_SIZE, type ConfigInput, type ResolvedConfig } from './config.js';
export { DocumentAnalyzer, analyzeText, lineIndexOf, timingsOf } from './analyzer.js';
export { fixesFor, insertClauseFix, type FixOptions } from './fixes.js';
export { compiledPatterns } from './phrases.js';
