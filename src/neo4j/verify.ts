// Cross-store check: the graph holds exactly what the SQL seed's generator settings produce, and the
// vector index answers a nearest-neighbour query for a seeded atom with atoms of its own topic first.
import neo4j, { type Driver } from 'neo4j-driver';
import { HartError, throwIfAborted } from '../engine/errors.js';
import type { GraphCounts } from './graph-data.js';

export const ATOM_VECTOR_INDEX = 'atom_embedding';

export interface VerifyTarget {
  tenantKey: string;
  tenantId: number;
  planCodes: readonly string[];
  keyPrefix: string;
  expected: GraphCounts;
  /** Atoms per topic, for how many same-topic neighbours a query can return. */
  topics: number;
}

export interface VerifyResult {
  counts: GraphCounts;
  /** Keys of the atoms whose vector query was checked. */
  probed: string[];
}

const COUNT_QUERY = `
CALL { MATCH (t:Tenant {key: $tenantKey}) RETURN count(t) AS tenants }
CALL { MATCH (p:Plan) WHERE p.code IN $planCodes RETURN count(p) AS plans }
CALL { MATCH (a:Atom {tenantId: $tenantId}) WHERE a.key STARTS WITH $prefix RETURN count(a) AS atoms }
CALL { MATCH (a:Atom {tenantId: $tenantId})-[r:OWNED_BY]->(:Tenant {key: $tenantKey}) WHERE a.key STARTS WITH $prefix RETURN count(r) AS ownedBy }
CALL { MATCH (:Tenant {key: $tenantKey})-[r:SUBSCRIBES_TO]->(:Plan) RETURN count(r) AS subscribesTo }
CALL { MATCH (a:Atom {tenantId: $tenantId})-[r:SIMILAR_TO]->(:Atom) WHERE a.key STARTS WITH $prefix RETURN count(r) AS similarTo }
RETURN tenants, plans, atoms, ownedBy, subscribesTo, similarTo`;

const PROBE_QUERY = `
MATCH (a:Atom {tenantId: $tenantId, key: $key})
CALL db.index.vector.queryNodes($index, $n, a.embedding) YIELD node, score
WHERE node <> a
RETURN node.key AS key, node.topic AS topic, score, a.topic AS own
ORDER BY score DESC`;

const LABELS: Record<keyof GraphCounts, string> = {
  tenants: 'Tenant nodes',
  plans: 'Plan nodes',
  atoms: 'Atom nodes',
  ownedBy: 'OWNED_BY edges',
  subscribesTo: 'SUBSCRIBES_TO edges',
  similarTo: 'SIMILAR_TO edges',
};

const COUNT_NAMES: readonly (keyof GraphCounts)[] = ['tenants', 'plans', 'atoms', 'ownedBy', 'subscribesTo', 'similarTo'];

function num(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  return typeof value === 'number' ? value : NaN;
}

export async function countGraph(driver: Driver, target: Omit<VerifyTarget, 'expected' | 'topics'>): Promise<GraphCounts> {
  const { records } = await driver.executeQuery(COUNT_QUERY, {
    tenantKey: target.tenantKey,
    tenantId: neo4j.int(target.tenantId),
    planCodes: [...target.planCodes],
    prefix: target.keyPrefix,
  });
  const r = records[0];
  const get = (name: keyof GraphCounts): number => num(r?.get(name));
  return {
    tenants: get('tenants'),
    plans: get('plans'),
    atoms: get('atoms'),
    ownedBy: get('ownedBy'),
    subscribesTo: get('subscribesTo'),
    similarTo: get('similarTo'),
  };
}

export async function verifyGraph(driver: Driver, target: VerifyTarget, signal: AbortSignal): Promise<VerifyResult> {
  throwIfAborted(signal);
  const counts = await countGraph(driver, target);
  const wrong = COUNT_NAMES.filter((name) => counts[name] !== target.expected[name]);
  if (wrong.length > 0) {
    throw new HartError('The Neo4j graph does not match the SQL seed', {
      hint: 'Run hart-dev seed to write the graph again (or hart-dev reset for a fresh start).',
      details: wrong.map((name) => `${LABELS[name]}: ${counts[name]} in Neo4j, expected ${target.expected[name]}`),
      code: 'neo4j-verify-counts',
    });
  }

  // Probe the first atom of up to three topics: its nearest neighbours by the index share its topic.
  const probed: string[] = [];
  const atoms = target.expected.atoms;
  const perTopic = Math.floor(atoms / Math.max(1, target.topics));
  const sameTopic = Math.min(5, perTopic - 1);
  if (sameTopic < 1) return { counts, probed };
  for (let t = 0; t < Math.min(3, target.topics, atoms); t++) {
    throwIfAborted(signal);
    // Atom i belongs to topic i mod topics, so atom t is the first of topic t.
    const key = `${target.keyPrefix}${String(t).padStart(6, '0')}`;
    const { records } = await driver.executeQuery(PROBE_QUERY, {
      tenantId: neo4j.int(target.tenantId),
      key,
      index: ATOM_VECTOR_INDEX,
      n: neo4j.int(sameTopic + 1),
    });
    const top = records.slice(0, sameTopic);
    const own = num(records[0]?.get('own'));
    const strangers = top.filter((r) => num(r.get('topic')) !== own);
    if (top.length < sameTopic || strangers.length > 0) {
      throw new HartError(`The vector index ranks atoms of other topics first for ${key}`, {
        hint: `Check that index ${ATOM_VECTOR_INDEX} uses cosine similarity and the embedding dimension, then run hart-dev seed again.`,
        details: top.map((r) => `${String(r.get('key'))} topic ${num(r.get('topic'))} score ${num(r.get('score')).toFixed(4)}`),
        code: 'neo4j-verify-vector',
      });
    }
    probed.push(key);
  }
  return { counts, probed };
}
