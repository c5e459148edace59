// Emptying the graph for `reset`: a batched DETACH DELETE in its own inner transactions
// (CALL { … } IN TRANSACTIONS needs an implicit transaction, so session.run, not executeQuery),
// with progress from a count polled beside it. Constraints and indexes stay; the schema phase
// re-applies them anyway.
import neo4j, { type Driver } from 'neo4j-driver';
import { InterruptedError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import type { Neo4jEndpoint } from './endpoint.js';
import { queryError } from './errors.js';
import { checkResetAllowed } from './external-endpoint.js';

export interface ResetOptions {
  signal: AbortSignal;
  report?: PhaseReporter;
  /** --yes: needed to empty a Neo4j that is not on this machine. */
  yes: boolean;
  /** Nodes deleted per inner transaction. */
  batchSize?: number;
}

export const DELETE_ALL = 'MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS';

async function countNodes(driver: Driver): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n');
  const value: unknown = records[0]?.get('n');
  return neo4j.isInt(value) ? value.toNumber() : 0;
}

export async function resetGraph(driver: Driver, endpoint: Neo4jEndpoint, options: ResetOptions): Promise<{ deleted: number }> {
  checkResetAllowed(endpoint, options.yes);
  throwIfAborted(options.signal);
  const before = await countNodes(driver);
  if (before === 0) return { deleted: 0 };
  options.report?.status(`Deleting ${before} nodes`);
  options.report?.progress({ done: 0, total: before, unit: 'nodes' });
  let polling = true;
  const poll = (async (): Promise<void> => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!polling) break;
      const left = await countNodes(driver).catch(() => undefined);
      if (left !== undefined && polling) options.report?.progress({ done: before - left, total: before, unit: 'nodes' });
    }
  })();
  const session = driver.session();
  // Closing the session stops the query; the inner transactions already committed stay deleted,
  // which is fine for a reset (running it again finishes the job).
  const onAbort = (): void => void session.close();
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await session.run(DELETE_ALL, { batch: neo4j.int(options.batchSize ?? 5_000) });
  } catch (error) {
    if (options.signal.aborted) throw new InterruptedError();
    throw queryError('Deleting the graph', error);
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    polling = false;
    await poll;
    await session.close();
  }
  options.report?.progress({ done: before, total: before, unit: 'nodes' });
  return { deleted: before };
}
