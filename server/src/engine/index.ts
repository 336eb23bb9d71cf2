/**
 * The engine's public API. Pure and editor-independent: the LSP adapter (server/src/lsp) and the CLI
 * (server/src/cli) use only what this file exports (the LSP adapter also imports vocabulary.ts, which has no
 * dependencies). Tests use it too, and reach into modules where they test one (rules/, phrases.ts, analyzer.ts'
 * fault hook `__testing`).
 */
export * from './types.js';
export type * from './catalogue-types.js';
export { LineIndex } from './line-index.js';
export { applyEdits } from './edits.js';
export { Catalogue, builtinCatalogue, phraseProblems } from './catalogue.js';
export { defaultConfig, resolveConfig, playbookPathsOf, DEFAULT_MAX_DOCUMENT_SIZE, type ConfigInput, type ResolvedConfig } from './config.js';
export { DocumentAnalyzer, analyzeText, lineIndexOf, timingsOf } from './analyzer.js';
export { fixesFor, insertClauseFix, renderForDraft, type FixOptions } from './fixes.js';
export { compiledPatterns } from './phrases.js';
export { compareAnalyses, compareTexts, type ChangeDirection, type ClauseChange, type ComparedClauseSide, type Comparison, type CompareOptions } from './compare.js';
export { documentLinks, type DocumentLink } from './linked.js';
