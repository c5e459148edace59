// Graph schema of the Hartonomous provenance and concept graph. Idempotent: every statement uses
// IF NOT EXISTS, so it runs on every `up`. Community edition supports uniqueness constraints only
// (no existence, type or key constraints). Statements end with ';'. $embeddingDimension is a
// parameter (the embedding generator's dimension); in Neo4j Browser set it with
// `:param embeddingDimension => 1536` first.

// Keyed labels: MERGE on these keys is what makes the seed repeatable.
CREATE CONSTRAINT tenant_key IF NOT EXISTS FOR (t:Tenant) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT tenant_id IF NOT EXISTS FOR (t:Tenant) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code IS UNIQUE;
// Atoms are keyed per tenant, as dbo.Atoms (TenantId, AtomKey).
CREATE CONSTRAINT atom_tenant_key IF NOT EXISTS FOR (a:Atom) REQUIRE (a.tenantId, a.key) IS UNIQUE;

// Nearest-neighbour search over atom embeddings (db.index.vector.queryNodes('atom_embedding', …)).
CREATE VECTOR INDEX atom_embedding IF NOT EXISTS
FOR (a:Atom) ON a.embedding
OPTIONS { indexConfig: { `vector.dimensions`: $embeddingDimension, `vector.similarity_function`: 'cosine' } };
