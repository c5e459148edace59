// What the graph seed writes, derived from the same deterministic generator as the SQL seed, and the
// counts it must produce (neo4j-verify compares the live graph with these).
import { generateSampleAtoms, SAMPLE_KEY_PREFIX } from '../seed/embeddings.js';
import { BILLING_PLANS, DEFAULT_TENANT, type SeedBillingPlan, type SeedTenant } from '../seed/fixed-data.js';
import type { EmbeddingSettings, SeedAtom } from '../seed/types.js';

/** SIMILAR_TO edges per atom unless configured otherwise. */
export const DEFAULT_SIMILAR_K = 5;

export interface GraphSeedData {
  tenant: Readonly<SeedTenant>;
  plans: readonly Readonly<SeedBillingPlan>[];
  atoms: readonly SeedAtom[];
  /** Nearest neighbours per atom (SIMILAR_TO edges). */
  similarK: number;
  /** Key prefix of the atoms this seed owns: others with the prefix are removed, other atoms kept. */
  keyPrefix: string;
}

export interface GraphCounts {
  tenants: number;
  plans: number;
  atoms: number;
  /** (:Atom)-[:OWNED_BY]->(:Tenant) */
  ownedBy: number;
  /** (:Tenant)-[:SUBSCRIBES_TO]->(:Plan) */
  subscribesTo: number;
  /** (:Atom)-[:SIMILAR_TO]->(:Atom) */
  similarTo: number;
}

export function graphSeedData(settings: EmbeddingSettings, similarK: number = DEFAULT_SIMILAR_K): GraphSeedData {
  return { tenant: DEFAULT_TENANT, plans: BILLING_PLANS, atoms: generateSampleAtoms(settings), similarK, keyPrefix: SAMPLE_KEY_PREFIX };
}

/** The counts a seed with these settings produces, without generating any vector. */
export function expectedGraphCounts(settings: EmbeddingSettings, similarK: number = DEFAULT_SIMILAR_K): GraphCounts {
  const count = settings.count;
  return {
    tenants: 1,
    plans: BILLING_PLANS.length,
    atoms: count,
    ownedBy: count,
    subscribesTo: BILLING_PLANS.some((p) => p.code === DEFAULT_TENANT.planCode) ? 1 : 0,
    similarTo: count * Math.max(0, Math.min(similarK, count - 1)),
  };
}
