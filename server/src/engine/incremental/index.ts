/**
 * The incremental machinery of the engine, behind one API (how an edit flows and what is cached: README.md here).
 *
 * - `ChunkCache`: one per document; splits each version into chunks (`spansOf`), finds each chunk's cache entry or
 *   parses it (`place`), scans it for phrases and runs the chunk rules once per catalogue, places its findings at
 *   its offset (`scanPlaced`), finds the uses of defined terms (`scanTerms`), hands the document rules plain data
 *   (`ruleChunks`) and keeps the findings made from a chunk per configuration (`madeFindings`).
 * - `byIdentity`, `byIdentityWhile`, `lastPlacement`: values derived from one chunk's facts, kept as long as the facts
 *   (used by the document model and the document rules, which otherwise see plain data).
 * - `inSlices`, `allSteps`: run work written as steps in time slices, or in one go.
 */
export { ChunkCache, bodyOf, type ChunkEntry, type PlacedEntry, type Span, type CacheHooks } from './chunk-cache.js';
export { byIdentity, byIdentityWhile, lastPlacement } from './derived.js';
export { inSlices, allSteps, type SliceOptions } from './slices.js';
