// The graph's journal, as hartdev.Journal is the database's: one (:HartDevJournal {path}) node per
// step of the kit, holding the hash of what that step wrote. The graph seed records its fingerprint
// there after its last batch, so a second `up` with the same settings writes nothing. `reset` empties
// the graph, journal node included, so the seed after it writes again; `hart-dev seed` writes anyway.
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { EmbeddingSettings } from '../seed/types.js';
import { BILLING_PLANS, DEFAULT_TENANT } from '../seed/fixed-data.js';
import { SAMPLE_KEY_PREFIX } from '../seed/embeddings.js';
import { queryError } from './errors.js';
import { REMOVE_STALE_ATOMS, REPLACE_SIMILAR, UPSERT_ATOMS, UPSERT_PLANS, UPSERT_TENANT } from './graph-seed.js';

export const GRAPH_JOURNAL_LABEL = 'HartDevJournal';

/** The journal node of the graph seed (the SQL journal's row of the seed is '@seed'). */
export const GRAPH_SEED_PATH = '@graph-seed';

export interface GraphJournalEntry {
  path: string;
  kind: string;
  hash: string;
  durationMs: number;
}

export const READ_GRAPH_JOURNAL = `
MATCH (j:${GRAPH_JOURNAL_LABEL} {path: $path})
RETURN j.hash AS hash`;

export const FORGET_GRAPH_JOURNAL = `
MATCH (j:${GRAPH_JOURNAL_LABEL} {path: $path})
DELETE j`;

export const RECORD_GRAPH_JOURNAL = `
MERGE (j:${GRAPH_JOURNAL_LABEL} {path: $path})
SET j.kind = $kind, j.hash = $hash, j.appliedAt = datetime(), j.durationMs = $durationMs`;

/**
 * Hash of what the graph seed writes: the generator settings, k, the fixed data, the key prefix and
 * every Cypher text. Same hash → this seed already ran. The vectors follow from the settings (the
 * generator is deterministic), so none is generated to compute it.
 */
export function graphSeedHash(settings: EmbeddingSettings, similarK: number): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        settings: [settings.count, settings.dim, settings.topics, settings.seed],
        similarK,
        tenant: DEFAULT_TENANT,
        plans: BILLING_PLANS,
        keyPrefix: SAMPLE_KEY_PREFIX,
        cypher: [UPSERT_PLANS, UPSERT_TENANT, UPSERT_ATOMS, REMOVE_STALE_ATOMS, REPLACE_SIMILAR],
      }),
    )
    .digest('hex');
}

/** The recorded hash of a step, or undefined when the step never finished on this graph. */
export async function readGraphJournal(driver: Driver, path: string): Promise<string | undefined> {
  try {
    const { records } = await driver.executeQuery(READ_GRAPH_JOURNAL, { path }, { routing: neo4j.routing.READ });
    const hash: unknown = records[0]?.get('hash');
    return typeof hash === 'string' ? hash : undefined;
  } catch (error) {
    throw queryError('Reading the graph journal', error);
  }
}

/** Removes a step's record before the step writes: a run stopped halfway is then not taken for done. */
export async function forgetGraphJournal(driver: Driver, path: string): Promise<void> {
  try {
    await driver.executeQuery(FORGET_GRAPH_JOURNAL, { path });
  } catch (error) {
    throw queryError('Clearing the graph journal', error);
  }
}

/** Records a step after its last write succeeded. */
export async function recordGraphJournal(driver: Driver, entry: GraphJournalEntry): Promise<void> {
  try {
    await driver.executeQuery(RECORD_GRAPH_JOURNAL, {
      path: entry.path,
      kind: entry.kind,
      hash: entry.hash,
      durationMs: neo4j.int(Math.max(0, Math.round(entry.durationMs))),
    });
  } catch (error) {
    throw queryError('Recording the graph seed in the graph journal', error);
  }
}
