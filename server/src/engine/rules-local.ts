/**
 * The chunk rules of one chunk: each phrase of a rule found by the one-pass phrase scan goes to its rule (`onPhrase`,
 * else one finding), then every rule with a `scan` reads the chunk's prose blocks (see rules/). Results are relative
 * to the chunk and cached with it; document-level conditions (the rules' gates) are applied per analysis.
 */
import type { BlockFact, ChunkFacts } from './parse.js';
import type { PhraseEntry } from './catalogue.js';
import type { BlockView, LocalFinding, PhraseHit } from './rules/types.js';
import { lastAtOrBefore } from './search.js';
import { chunkScanners, ruleFor } from './rules/registry.js';
import { emitPhrase } from './rules/phrase-rule.js';

export type { LocalFinding, PhraseHit } from './rules/types.js';

export function localFindings(facts: ChunkFacts, hits: PhraseHit[], table: PhraseEntry[]): LocalFinding[] {
  const out: LocalFinding[] = [];
  const emit = (f: LocalFinding) => {
    out.push(f);
  };
  const mask = facts.mask;
  const blocks = facts.blocks;
  const blockAt = blockFinder(blocks);

  for (const hit of hits) {
    const owner = table[hit.entry].owner;
    if (owner.type !== 'rule') continue;
    const block = blockAt(hit.start);
    if (!block) continue;
    const input = { start: hit.start, end: hit.end, phrase: owner.phrase, text: mask.slice(hit.start, hit.end), block, mask };
    const rule = ruleFor(owner.rule);
    if (rule.onPhrase) rule.onPhrase(input, emit);
    else emitPhrase(owner.rule, input, emit);
  }

  const views: BlockView[] = [];
  for (const block of blocks) {
    if (block.type === 'heading') continue;
    const text = mask.slice(block.start, block.end);
    views.push({ block, text, lower: text.toLowerCase() });
  }
  const chunk = { mask, blocks: views };
  for (const rule of chunkScanners()) rule.scan!(chunk, emit);
  return out;
}

function blockFinder(blocks: BlockFact[]): (pos: number) => BlockFact | undefined {
  return (pos) => {
    const found = blocks[lastAtOrBefore(blocks, pos, (b) => b.start)];
    return found && found.end >= pos ? found : undefined;
  };
}
