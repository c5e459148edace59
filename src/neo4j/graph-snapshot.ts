// The graph part of a snapshot: every node and relationship with its labels, type and properties
// streamed through the driver into one gzip'd NDJSON file, and written back exactly.
//
// Why the driver and not `neo4j-admin database dump/load`: Neo4j Community has one database and no
// STOP DATABASE, so a dump needs the whole server stopped — the container down, a second container
// on its volume running neo4j-admin, then the server started again (half a minute of Neo4j start-up
// on every save and restore), and an existing server (HART_NEO4J_URL: Neo4j Desktop, a team server)
// could not be snapshotted at all. Streaming works online against either, with the server's own
// transaction semantics; it costs a pass over the data and index population on restore, which for a
// development graph (thousands to a few hundred thousand nodes) is seconds. Exactness is kept by
// graph-snapshot-values.ts (integers, float32 vectors, temporal values); constraints and indexes come
// from SHOW CONSTRAINTS / SHOW INDEXES at save time (their createStatement) and are applied after the
// data, then awaited online. The token LOOKUP indexes every database has are left as they are.
//
// File: line 1 a header (format, version, counts, schema); then ["n", labels, props] per node, node
// numbers being line order; then ["r", start, end, type, props] per relationship; last a trailer with
// the counts written, so a file cut short is refused rather than restored partly.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import neo4j, { type Driver } from 'neo4j-driver';
import { HartError, InterruptedError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import type { Neo4jEndpoint } from './endpoint.js';
import { queryError } from './errors.js';
import { checkResetAllowed } from './external-endpoint.js';
import { GRAPH_JOURNAL_LABEL, GRAPH_SEED_PATH } from './graph-journal.js';
import { decodeProperties, encodeProperties, type Encoded } from './graph-snapshot-values.js';
import { resetGraph } from './reset.js';
import { awaitIndexes } from './schema.js';

export const GRAPH_SNAPSHOT_FORMAT = 'hart-dev-graph';
export const GRAPH_SNAPSHOT_VERSION = 1;

export interface SchemaItem {
  name: string;
  createStatement: string;
}

export interface GraphSnapshotHeader {
  format: typeof GRAPH_SNAPSHOT_FORMAT;
  version: number;
  nodes: number;
  relationships: number;
  constraints: SchemaItem[];
  indexes: SchemaItem[];
}

export interface GraphSnapshotSaved {
  file: string;
  bytes: number;
  sha256: string;
  nodes: number;
  relationships: number;
  constraints: number;
  indexes: number;
  /** The graph seed's fingerprint from the graph journal, when the graph was seeded. */
  seedHash: string | undefined;
}

export interface GraphSnapshotOptions {
  signal: AbortSignal;
  report?: PhaseReporter;
}

export const SHOW_CONSTRAINTS = 'SHOW CONSTRAINTS YIELD name, createStatement RETURN name, createStatement ORDER BY name';
export const SHOW_INDEXES = "SHOW INDEXES YIELD name, type, owningConstraint, createStatement WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name, createStatement ORDER BY name";
export const COUNT_NODES = 'MATCH (n) RETURN count(n) AS n';
export const COUNT_RELATIONSHIPS = 'MATCH ()-[r]->() RETURN count(r) AS n';
export const READ_NODES = 'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props';
export const READ_RELATIONSHIPS = 'MATCH (a)-[r]->(b) RETURN elementId(a) AS s, elementId(b) AS e, type(r) AS type, properties(r) AS props';

function count(value: unknown): number {
  return neo4j.isInt(value) ? value.toNumber() : typeof value === 'number' ? value : 0;
}

async function readSchema(driver: Driver, query: string): Promise<SchemaItem[]> {
  const { records } = await driver.executeQuery(query, {}, { routing: neo4j.routing.READ });
  return records.map((r) => ({ name: String(r.get('name')), createStatement: String(r.get('createStatement')) }));
}

/** SHA-256 and size of a file, streamed. */
export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk instanceof Buffer ? chunk : Buffer.from(String(chunk)));
  return { bytes: statSync(file).size, sha256: hash.digest('hex') };
}

/** Streams the whole graph into `file` (written as `file.partial`, renamed when complete). */
export async function saveGraphSnapshot(driver: Driver, file: string, options: GraphSnapshotOptions): Promise<GraphSnapshotSaved> {
  const { signal, report } = options;
  let constraints: SchemaItem[];
  let indexes: SchemaItem[];
  try {
    constraints = await readSchema(driver, SHOW_CONSTRAINTS);
    indexes = await readSchema(driver, SHOW_INDEXES);
  } catch (error) {
    throw queryError('Reading the graph schema (SHOW CONSTRAINTS, SHOW INDEXES)', error);
  }
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial));
  written.catch(() => undefined);
  const write = async (line: unknown): Promise<void> => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  // One read transaction: nodes and relationships are read as one unit of work.
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  let nodes = 0;
  let relationships = 0;
  let seedHash: string | undefined;
  try {
    const tx = await session.beginTransaction();
    try {
      const nodeTotal = count((await tx.run(COUNT_NODES)).records[0]?.get('n'));
      const relationshipTotal = count((await tx.run(COUNT_RELATIONSHIPS)).records[0]?.get('n'));
      const total = nodeTotal + relationshipTotal;
      const header: GraphSnapshotHeader = { format: GRAPH_SNAPSHOT_FORMAT, version: GRAPH_SNAPSHOT_VERSION, nodes: nodeTotal, relationships: relationshipTotal, constraints, indexes };
      await write(header);
      report?.progress({ done: 0, total, unit: 'rows' });
      const numbers = new Map<string, number>();
      for await (const record of tx.run(READ_NODES)) {
        const labels: unknown = record.get('labels');
        const props: unknown = record.get('props');
        const labelList = Array.isArray(labels) ? labels.map(String) : [];
        const properties = typeof props === 'object' && props !== null ? Object.fromEntries(Object.entries(props)) : {};
        if (labelList.includes(GRAPH_JOURNAL_LABEL) && properties.path === GRAPH_SEED_PATH && typeof properties.hash === 'string') seedHash = properties.hash;
        numbers.set(String(record.get('id')), nodes);
        await write(['n', labelList, encodeProperties(properties)]);
        nodes += 1;
        if (nodes % 1000 === 0) {
          throwIfAborted(signal);
          report?.progress({ done: nodes, total, unit: 'rows' });
        }
      }
      for await (const record of tx.run(READ_RELATIONSHIPS)) {
        const start = numbers.get(String(record.get('s')));
        const end = numbers.get(String(record.get('e')));
        const props: unknown = record.get('props');
        if (start === undefined || end === undefined) continue;
        await write(['r', start, end, String(record.get('type')), encodeProperties(typeof props === 'object' && props !== null ? Object.fromEntries(Object.entries(props)) : {})]);
        relationships += 1;
        if (relationships % 1000 === 0) {
          throwIfAborted(signal);
          report?.progress({ done: nodes + relationships, total, unit: 'rows' });
        }
      }
      await tx.commit();
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
    await write({ end: true, nodes, relationships });
    gzip.end();
    await written;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    rmSync(partial, { force: true });
    if (signal.aborted) throw new InterruptedError();
    if (error instanceof HartError) throw error;
    throw queryError('Reading the graph', error);
  } finally {
    await session.close();
  }
  renameSync(partial, file);
  report?.progress({ done: nodes + relationships, total: nodes + relationships, unit: 'rows' });
  const digest = await fileDigest(file);
  return { file, ...digest, nodes, relationships, constraints: constraints.length, indexes: indexes.length, seedHash };
}

function damaged(file: string, what: string): HartError {
  return new HartError(`The graph snapshot ${file} ${what}`, { code: 'snapshot-graph-format', hint: 'Nothing can be restored from it: save the snapshot again, or delete it (hart-dev snapshot delete NAME).' });
}

function isPropertyMap(value: unknown): value is Record<string, Encoded> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaItems(value: unknown): SchemaItem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const name: unknown = Reflect.get(v, 'name');
    const createStatement: unknown = Reflect.get(v, 'createStatement');
    return typeof name === 'string' && typeof createStatement === 'string' ? [{ name, createStatement }] : [];
  });
  return items.length === value.length ? items : undefined;
}

/** The header line, checked field by field. */
export function headerOf(value: unknown): GraphSnapshotHeader | undefined {
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'format') !== GRAPH_SNAPSHOT_FORMAT) return undefined;
  const version: unknown = Reflect.get(value, 'version');
  const nodes: unknown = Reflect.get(value, 'nodes');
  const relationships: unknown = Reflect.get(value, 'relationships');
  const constraints = schemaItems(Reflect.get(value, 'constraints'));
  const indexes = schemaItems(Reflect.get(value, 'indexes'));
  if (typeof version !== 'number' || typeof nodes !== 'number' || typeof relationships !== 'number' || constraints === undefined || indexes === undefined) return undefined;
  return { format: GRAPH_SNAPSHOT_FORMAT, version, nodes, relationships, constraints, indexes };
}

function quoteToken(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** CREATE of one batch of nodes with the same labels and float32 keys; returns each row's new element id. */
export function createNodesCypher(labels: readonly string[], vectorCount: number): string {
  const vectors = Array.from({ length: vectorCount }, (_, j) => `\nWITH n, r CALL db.create.setNodeVectorProperty(n, $keys[${j}], r.v[${j}])`).join('');
  return `UNWIND $rows AS r\nCREATE (n${labels.map((l) => `:${quoteToken(l)}`).join('')})\nSET n = r.p${vectors}\nRETURN r.i AS i, elementId(n) AS id`;
}

/** CREATE of one batch of relationships of one type and float32 keys, between nodes found by element id. */
export function createRelationshipsCypher(type: string, vectorCount: number): string {
  const vectors = Array.from({ length: vectorCount }, (_, j) => `\nWITH x, r CALL db.create.setRelationshipVectorProperty(x, $keys[${j}], r.v[${j}])`).join('');
  return `UNWIND $rows AS r\nMATCH (a) WHERE elementId(a) = r.s\nMATCH (b) WHERE elementId(b) = r.e\nCREATE (a)-[x:${quoteToken(type)}]->(b)\nSET x = r.p${vectors}`;
}

interface PendingRow {
  group: string;
  labelsOrType: string[];
  keys: string[];
  row: Record<string, unknown>;
}

export interface RestoreGraphOptions extends GraphSnapshotOptions {
  /** --yes: needed to replace a Neo4j that is not on this machine. */
  yes: boolean;
  /** Deadline for the indexes to come online. */
  indexTimeoutMs?: number;
  /** Rows per write transaction (nodes carry their embeddings). */
  batchSize?: number;
}

export interface GraphSnapshotRestored {
  nodes: number;
  relationships: number;
  constraints: number;
  indexes: number;
}

/** Reads the whole file: its header and trailer must be there and agree with the lines between them. */
export async function checkGraphSnapshot(file: string): Promise<GraphSnapshotHeader> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: GraphSnapshotHeader | undefined;
  let trailer: unknown;
  let nodes = 0;
  let relationships = 0;
  try {
    for await (const text of lines) {
      if (text === '') continue;
      const line: unknown = JSON.parse(text);
      if (header === undefined) {
        header = headerOf(line);
        if (header === undefined) throw damaged(file, 'is not a hart-dev graph snapshot');
        if (header.version !== GRAPH_SNAPSHOT_VERSION) throw damaged(file, `has format version ${header.version}, this hart-dev reads ${GRAPH_SNAPSHOT_VERSION}`);
      } else if (Array.isArray(line) && line[0] === 'n') nodes += 1;
      else if (Array.isArray(line) && line[0] === 'r') relationships += 1;
      else trailer = line;
    }
  } catch (error) {
    if (error instanceof HartError) throw error;
    throw damaged(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    lines.close();
  }
  if (header === undefined) throw damaged(file, 'is empty');
  if (typeof trailer !== 'object' || trailer === null || Reflect.get(trailer, 'end') !== true) throw damaged(file, 'ends before its last line (it was cut short)');
  if (Reflect.get(trailer, 'nodes') !== nodes || Reflect.get(trailer, 'relationships') !== relationships) {
    throw damaged(file, `holds ${nodes} nodes and ${relationships} relationships, not the ${String(Reflect.get(trailer, 'nodes'))} and ${String(Reflect.get(trailer, 'relationships'))} it was saved with`);
  }
  return header;
}

/** Replaces the whole graph with the snapshot in `file`: emptied, schema dropped, data written, schema re-applied. */
export async function restoreGraphSnapshot(driver: Driver, endpoint: Neo4jEndpoint, file: string, options: RestoreGraphOptions): Promise<GraphSnapshotRestored> {
  const { signal, report } = options;
  checkResetAllowed(endpoint, options.yes);
  const batchSize = options.batchSize ?? 500;
  // The whole file is read once before the graph is touched: a damaged or cut-short file changes nothing.
  report?.status(`Reading ${file} through before the graph is touched`);
  await checkGraphSnapshot(file);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    const header = headerOf(first.done === true ? undefined : JSON.parse(first.value));
    if (header === undefined) throw damaged(file, 'is not a hart-dev graph snapshot');
    if (header.version !== GRAPH_SNAPSHOT_VERSION) throw damaged(file, `has format version ${header.version}, this hart-dev reads ${GRAPH_SNAPSHOT_VERSION}`);
    const { nodes: nodeTotal, relationships: relationshipTotal, constraints, indexes } = header;
    const total = nodeTotal + relationshipTotal;

    report?.status('Emptying the graph');
    await resetGraph(driver, endpoint, { signal, yes: options.yes });
    report?.status('Dropping the current constraints and indexes');
    try {
      for (const c of await readSchema(driver, SHOW_CONSTRAINTS)) await driver.executeQuery(`DROP CONSTRAINT ${quoteToken(c.name)} IF EXISTS`);
      for (const i of await readSchema(driver, SHOW_INDEXES)) await driver.executeQuery(`DROP INDEX ${quoteToken(i.name)} IF EXISTS`);
    } catch (error) {
      throw queryError('Dropping the graph schema before the restore', error);
    }

    const ids: string[] = [];
    let nodes = 0;
    let relationships = 0;
    let pending: PendingRow[] = [];
    let trailer: unknown;
    const flush = async (): Promise<void> => {
      const groups = new Map<string, PendingRow[]>();
      for (const p of pending) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
      pending = [];
      for (const rows of groups.values()) {
        const [firstRow] = rows;
        if (firstRow === undefined) continue;
        throwIfAborted(signal);
        const isNode = firstRow.group.startsWith('n');
        const text = isNode ? createNodesCypher(firstRow.labelsOrType, firstRow.keys.length) : createRelationshipsCypher(firstRow.labelsOrType[0] ?? '', firstRow.keys.length);
        try {
          const { records } = await driver.executeQuery(text, { rows: rows.map((r) => r.row), keys: firstRow.keys });
          if (isNode) for (const record of records) ids[count(record.get('i'))] = String(record.get('id'));
        } catch (error) {
          throw queryError(isNode ? 'Writing the snapshot\'s nodes' : 'Writing the snapshot\'s relationships', error);
        }
      }
      report?.progress({ done: nodes + relationships, total, unit: 'rows' });
    };
    report?.status(`Writing ${nodeTotal} nodes and ${relationshipTotal} relationships`);
    report?.progress({ done: 0, total, unit: 'rows' });
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      if (next.value === '') continue;
      const line: unknown = JSON.parse(next.value);
      if (!Array.isArray(line)) {
        trailer = line;
        continue;
      }
      if (line[0] === 'n') {
        const labels = Array.isArray(line[1]) ? line[1].map(String) : [];
        const encoded: unknown = line[2];
        if (!isPropertyMap(encoded)) throw damaged(file, `has node ${nodes} without a property map`);
        const { props, vectors } = decodeProperties(encoded);
        const keys = Object.keys(vectors).sort();
        pending.push({ group: `n${JSON.stringify([labels, keys])}`, labelsOrType: labels, keys, row: { i: neo4j.int(nodes), p: props, v: keys.map((k) => vectors[k]) } });
        nodes += 1;
      } else if (line[0] === 'r') {
        if (relationships === 0 && pending.length > 0) await flush();
        const start = ids[Number(line[1])];
        const end = ids[Number(line[2])];
        if (start === undefined || end === undefined) throw damaged(file, `has a relationship between nodes ${String(line[1])} and ${String(line[2])} that it does not hold`);
        const type = String(line[3]);
        const encoded: unknown = line[4];
        if (!isPropertyMap(encoded)) throw damaged(file, `has relationship ${relationships} without a property map`);
        const { props, vectors } = decodeProperties(encoded);
        const keys = Object.keys(vectors).sort();
        pending.push({ group: `r${JSON.stringify([type, keys])}`, labelsOrType: [type], keys, row: { s: start, e: end, p: props, v: keys.map((k) => vectors[k]) } });
        relationships += 1;
      } else {
        throw damaged(file, `has a line of kind ${JSON.stringify(line[0])}`);
      }
      // Relationships carry no embeddings: ten times as many per transaction.
      if (pending.length >= (relationships > 0 ? batchSize * 10 : batchSize)) await flush();
    }
    await flush();
    if (typeof trailer !== 'object' || trailer === null || Reflect.get(trailer, 'end') !== true) throw damaged(file, 'ends before its last line (it was cut short)');
    if (Reflect.get(trailer, 'nodes') !== nodes || Reflect.get(trailer, 'relationships') !== relationships) throw damaged(file, `holds ${nodes} nodes and ${relationships} relationships, not the ${String(Reflect.get(trailer, 'nodes'))} and ${String(Reflect.get(trailer, 'relationships'))} it was saved with`);

    report?.status(`Applying ${constraints.length} constraints and ${indexes.length} indexes`);
    for (const item of [...constraints, ...indexes]) {
      throwIfAborted(signal);
      try {
        await driver.executeQuery(item.createStatement);
      } catch (error) {
        throw queryError(`Re-creating ${item.name} (${item.createStatement})`, error);
      }
    }
    report?.status('Waiting for indexes to come online');
    await awaitIndexes(driver, options.indexTimeoutMs ?? 120_000, signal);
    return { nodes, relationships, constraints: constraints.length, indexes: indexes.length };
  } catch (error) {
    if (signal.aborted && !(error instanceof InterruptedError)) throw new InterruptedError('Interrupted: the graph is partly restored; restore the snapshot again to finish');
    if (error instanceof SyntaxError) throw damaged(file, `has a line that is not JSON (${error.message})`);
    throw error;
  } finally {
    lines.close();
  }
}
