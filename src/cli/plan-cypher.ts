// The Cypher statements `up` sends to Neo4j, for `plan`: the graph schema files (sql/neo4j/*.cypher)
// of neo4j-schema (read from <sql dir>/neo4j as graphSchemaDir does), then the statements of neo4j-seed
// (the data ones run with their rows in batches), between reading and recording the seed's fingerprint.
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/load.js';

export interface PlannedCypher {
  phase: 'neo4j-schema' | 'neo4j-seed';
  /** The schema file and the statement's first line; the seed's statements name their step instead. */
  file?: string;
  line?: number;
  step?: string;
  text: string;
}

/**
 * Reads the schema files first (a payload without them fails here, before anything heavy loads), then
 * the seed's statements, whose module loads neo4j-driver. Files are named relative to `root`.
 */
export async function plannedCypher(config: Config, root: string): Promise<PlannedCypher[]> {
  const { readCypherDir } = await import('../neo4j/cypher-files.js');
  const schema = readCypherDir(join(config.paths.sqlDir, 'neo4j')).map(
    (s): PlannedCypher => ({ phase: 'neo4j-schema', file: relative(root, s.file).split(sep).join('/'), line: s.line, text: s.text }),
  );
  const seed = await import('../neo4j/graph-seed.js');
  const journal = await import('../neo4j/graph-journal.js');
  // The seed's fingerprint is read first (unchanged: nothing else is sent), forgotten before the
  // writes and recorded after the last one.
  const steps: [string, string][] = [
    ['the last seed\'s fingerprint', journal.READ_GRAPH_JOURNAL],
    ['forget the fingerprint', journal.FORGET_GRAPH_JOURNAL],
    ['billing plans', seed.UPSERT_PLANS],
    ['the tenant', seed.UPSERT_TENANT],
    ['atoms with their embeddings', seed.UPSERT_ATOMS],
    ['seed atoms no longer generated', seed.REMOVE_STALE_ATOMS],
    ['SIMILAR_TO edges', seed.REPLACE_SIMILAR],
    ['record the fingerprint', journal.RECORD_GRAPH_JOURNAL],
  ];
  return [...schema, ...steps.map(([step, text]): PlannedCypher => ({ phase: 'neo4j-seed', step, text: text.trim() }))];
}
