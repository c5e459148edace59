// Each script's syntax trees (parseBatch of each batch), parsed once: loading a payload for `check`
// parses every script to summarise it (summary.ts) and keeps the trees here until the front end
// binds the script (front-end.ts), which takes them. `plan` summarises and lets the trees go.
import type { ParsedBatch } from './parser/ast.js';
import { parseBatch } from './parser/index.js';
import type { Script } from './types.js';

const kept = new WeakMap<Script, ParsedBatch[]>();

/** The trees of a script's batches: the kept ones, else parsed now. `keep`: hold them for takeParsed. */
export function parsedBatches(script: Script, keep: boolean): ParsedBatch[] {
  const trees = kept.get(script) ?? script.batches.map((b) => parseBatch(b.text));
  if (keep) kept.set(script, trees);
  return trees;
}

/** The kept trees of a script, handed over once (the cache lets go of them), else parsed now. */
export function takeParsed(script: Script): ParsedBatch[] {
  const trees = kept.get(script);
  if (trees === undefined) return script.batches.map((b) => parseBatch(b.text));
  kept.delete(script);
  return trees;
}
