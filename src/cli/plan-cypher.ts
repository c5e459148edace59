// The Cypher statements `up` sends to Neo4j, for `plan`: the graph schema files (sql/neo4j/*.cypher)
// of neo4j-schema, then the statements of neo4j-seed (each run with its rows in batches).
import { relative, sep } from 'node:path';
import type { Config } from '../config/load.js';

export interface PlannedCypher {
  phase: 'neo4j-schema' | 'neo4j-seed';
  /** The schema file and the statement's first line; the seed's statements name their step instead. */
  file?: string;
  line?: number;
  step?: string;
  text: string;
}

/** Loads the graph modules (and with them neo4j-driver) only when plan needs them. Files are named relative to `root`. */
export async function plannedCypher(config: Config, root: string): Promise<PlannedCypher[]> {
  const [{ readCypherDir }, { graphSchemaDir }, seed] = await Promise.all([
    import('../neo4j/cypher-files.js'),
    import('../neo4j/schema.js'),
    import('../neo4j/graph-seed.js'),
  ]);
  const schema = readCypherDir(graphSchemaDir(config.paths.sqlDir)).map(
    (s): PlannedCypher => ({ phase: 'neo4j-schema', file: relative(root, s.file).split(sep).join('/'), line: s.line, text: s.text }),
  );
  const steps: [string, string][] = [
    ['billing plans', seed.UPSERT_PLANS],
    ['the tenant', seed.UPSERT_TENANT],
    ['atoms with their embeddings', seed.UPSERT_ATOMS],
    ['seed atoms no longer generated', seed.REMOVE_STALE_ATOMS],
    ['SIMILAR_TO edges', seed.REPLACE_SIMILAR],
  ];
  return [...schema, ...steps.map(([step, text]): PlannedCypher => ({ phase: 'neo4j-seed', step, text: text.trim() }))];
}
