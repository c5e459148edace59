// Each script's schema skeleton (binder/skeleton.ts), kept for as long as the Script object lives, for
// callers that check a few scripts again and again against a payload that mostly stays the same
// (`watch`): the schema of the unchanged scripts is built from their skeletons, never from a new parse.
import { schemaSkeleton } from './binder/skeleton.js';
import { parsedBatches } from './parsed.js';
import type { ParsedBatch } from './parser/ast.js';
import type { Script } from './types.js';

const skeletons = new WeakMap<Script, ParsedBatch[]>();

/** Keeps the skeleton of a script whose trees (or skeleton: a skeleton's skeleton is itself) are at hand. */
export function rememberSkeleton(script: Script, batches: readonly ParsedBatch[]): void {
  if (!skeletons.has(script)) skeletons.set(script, batches.map(schemaSkeleton));
}

/** The script's skeleton: the kept one, else from its trees (parsed now when none are kept). */
export function skeletonOf(script: Script): ParsedBatch[] {
  let kept = skeletons.get(script);
  if (kept === undefined) {
    kept = parsedBatches(script, false).map(schemaSkeleton);
    skeletons.set(script, kept);
  }
  return kept;
}
