// The graph schema: the Cypher files of sql/neo4j (constraints, the atom vector index), then a wait
// until every index is online. Idempotent; a vector index whose dimension no longer matches the
// embedding settings is dropped and created again (an index cannot change its dimension).
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { HartError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import { readCypherDir, type CypherStatement } from './cypher-files.js';
import { queryError } from './errors.js';

export interface SchemaOptions {
  /** The payload folder (config.paths.sqlDir); the Cypher files are in its neo4j/ folder. */
  sqlDir: string;
  /** Embedding dimension for the vector index ($embeddingDimension). */
  dimension: number;
  signal: AbortSignal;
  report?: PhaseReporter;
  /** Deadline for indexes to come online. */
  indexTimeoutMs?: number;
}

export interface SchemaResult {
  statements: number;
  /** Vector indexes dropped because their dimension changed. */
  recreated: string[];
}

export function graphSchemaDir(sqlDir: string): string {
  return join(sqlDir, 'neo4j');
}

function vectorIndexName(statement: CypherStatement): string | undefined {
  return /^CREATE\s+VECTOR\s+INDEX\s+`?(\w+)`?/i.exec(statement.text)?.[1];
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value)) return value.toNumber();
  return undefined;
}

/** The dimension of an existing vector index, or undefined when there is none. */
async function vectorIndexDimension(driver: Driver, name: string): Promise<number | undefined> {
  const { records } = await driver.executeQuery('SHOW VECTOR INDEXES YIELD name, options WHERE name = $name RETURN options', { name });
  const options: unknown = records[0]?.get('options');
  if (typeof options !== 'object' || options === null || !('indexConfig' in options)) return undefined;
  const config: unknown = options.indexConfig;
  if (typeof config !== 'object' || config === null) return undefined;
  return toNumber(Reflect.get(config, 'vector.dimensions'));
}

export async function applyGraphSchema(driver: Driver, options: SchemaOptions): Promise<SchemaResult> {
  const statements = readCypherDir(graphSchemaDir(options.sqlDir));
  const parameters = { embeddingDimension: neo4j.int(options.dimension) };
  const recreated: string[] = [];
  const session = driver.session();
  try {
    let done = 0;
    options.report?.progress({ done, total: statements.length, unit: 'statements' });
    for (const statement of statements) {
      throwIfAborted(options.signal);
      const index = vectorIndexName(statement);
      if (index !== undefined) {
        const existing = await vectorIndexDimension(driver, index);
        if (existing !== undefined && existing !== options.dimension) {
          options.report?.status(`Recreating vector index ${index} (${existing} → ${options.dimension} dimensions)`);
          await session.run(`DROP INDEX \`${index}\` IF EXISTS`);
          recreated.push(index);
        }
      }
      try {
        await session.run(statement.text, parameters);
      } catch (error) {
        throw queryError(`Schema statement at ${statement.file}:${statement.line}`, error, { file: statement.file, line: statement.line });
      }
      done += 1;
      options.report?.progress({ done, total: statements.length, unit: 'statements' });
    }
    options.report?.status('Waiting for indexes to come online');
    await awaitIndexes(driver, options.indexTimeoutMs ?? 120_000, options.signal);
  } finally {
    await session.close();
  }
  return { statements: statements.length, recreated };
}

/** db.awaitIndexes with a deadline; on failure names the indexes that are not online and why. */
export async function awaitIndexes(driver: Driver, timeoutMs: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  try {
    await driver.executeQuery('CALL db.awaitIndexes($seconds)', { seconds: neo4j.int(seconds) });
    return;
  } catch (error) {
    const { records } = await driver.executeQuery(
      "SHOW INDEXES YIELD name, state, populationPercent, failureMessage WHERE state <> 'ONLINE' RETURN name, state, populationPercent, failureMessage",
    );
    const lines = records.map((r) => {
      const failure: unknown = r.get('failureMessage');
      const percent: unknown = r.get('populationPercent');
      return `${String(r.get('name'))}: ${String(r.get('state'))}${typeof percent === 'number' ? ` (${percent.toFixed(0)}% populated)` : ''}${typeof failure === 'string' && failure !== '' ? ` — ${failure}` : ''}`;
    });
    const failed = records.some((r) => r.get('state') === 'FAILED');
    throw new HartError(
      failed ? 'A Neo4j index failed to build' : `Neo4j indexes are not online after ${seconds} s`,
      {
        hint: failed
          ? 'Drop the failed index (DROP INDEX <name>) and run the command again; the failure message says what went wrong.'
          : 'The server may be short of memory or CPU: raise HART_READY_TIMEOUT, or give the container more memory, then run again.',
        details: lines.length > 0 ? lines : [error instanceof Error ? error.message : String(error)],
        code: 'neo4j-index-offline',
        cause: error,
      },
    );
  }
}
