// The phases of `up`, in one list. The runner derives the parallelism from `needs`:
// preflight → { containers, clr-build } → database → … with the Neo4j chain beside the SQL Server chain.
import type { Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';
import { preflightPhase } from './preflight.js';

export function upPhases(): Phase<UpContext>[] {
  return [preflightPhase];
}
