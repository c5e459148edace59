// Golden tests of the seed T-SQL. Reviewed against SQLSERVER-NOTES.md: period columns of the temporal
// tables (Atoms, BillingPlans) are never written ("Period columns … cannot be inserted"); the MERGEs
// compare before updating so that a second seed adds no history rows; #SeedAtoms lives on the one
// session the deploy phase uses ("A pool gives no session affinity: run a script's batches on one
// connection").
import { describe, expect, it } from 'vitest';
import { decodeVector, generateSampleAtoms } from './embeddings.js';
import { BILLING_PLANS, DEFAULT_TENANT } from './fixed-data.js';
import { atomStagingTable, SEED_ATOM_MERGE_SQL, SEED_ATOM_STAGING_SQL, seedFixedDataSql } from './seed-sql.js';

describe('seed T-SQL', () => {
  it('upserts the default tenant, its GUID, the plans and the subscription on natural keys', () => {
    expect(seedFixedDataSql()).toMatchSnapshot();
  });

  it('prices plans as DECIMAL(10,2) literals from cents', () => {
    const sql = seedFixedDataSql();
    expect(sql).toContain("(N'free', N'Free', 0.00, 1000, 1000000, 10000, 10, N'batch')");
    expect(sql).toContain("(N'pro', N'Pro', 49.00, ");
    expect(sql).toContain("(N'enterprise', N'Enterprise', 499.00, ");
  });

  it('quotes text so that a name cannot end the literal', () => {
    const sql = seedFixedDataSql({ ...DEFAULT_TENANT, name: "O'Brien Labs" }, BILLING_PLANS);
    expect(sql).toContain("N'O''Brien Labs'");
  });

  it('refuses a tenant whose plan is not seeded, and a GUID that is not one', () => {
    expect(() => seedFixedDataSql({ ...DEFAULT_TENANT, planCode: 'gold' })).toThrow(/"gold" is not among/);
    expect(() => seedFixedDataSql({ ...DEFAULT_TENANT, guid: "x'; DROP TABLE t; --" })).toThrow(/is not a GUID/);
  });

  it('stages atoms in a session temp table and merges them into Atoms and AtomEmbeddings', () => {
    expect(SEED_ATOM_STAGING_SQL).toMatchSnapshot();
    expect(SEED_ATOM_MERGE_SQL).toMatchSnapshot();
  });

  it('#SeedAtoms text columns take the database collation, not tempdb\'s, so the MERGE compares them without Msg 468 (NOTES: Name resolution… — temporary-table columns take tempdb\'s collation; set-or-change-the-column-collation.md)', () => {
    const columns = [...SEED_ATOM_STAGING_SQL.matchAll(/^\s+\[(\w+)\] (n?(?:var)?char\(\w+\))(.*)$/gm)].map((m) => `${m[1]} ${m[2]}${m[3]}`);
    expect(columns).toEqual([
      'AtomKey nvarchar(128) COLLATE DATABASE_DEFAULT NOT NULL PRIMARY KEY,',
      'CanonicalText nvarchar(4000) COLLATE DATABASE_DEFAULT NOT NULL,',
      'ModelName nvarchar(128) COLLATE DATABASE_DEFAULT NOT NULL,',
    ]);
  });

  it('never writes the period columns of the temporal tables', () => {
    for (const sql of [seedFixedDataSql(), SEED_ATOM_MERGE_SQL]) expect(sql).not.toMatch(/ValidFrom|ValidTo/);
  });

  it('builds bulk rows whose bytes are the generator vectors, with every column declared', () => {
    const atoms = generateSampleAtoms({ count: 3, dim: 4, topics: 2, seed: 1 });
    const table = atomStagingTable(atoms);
    expect(table.name).toBe('#SeedAtoms');
    expect(table.columns.map((c) => `${c.name}:${c.type}:${c.nullable ? 'null' : 'not null'}`)).toEqual([
      'TenantId:int:not null', 'AtomKey:nvarchar:not null', 'CanonicalText:nvarchar:not null', 'SpatialX:float:null',
      'SpatialY:float:null', 'ModelName:nvarchar:not null', 'Dimension:int:not null', 'EmbeddingVector:varbinary:not null',
    ]);
    expect(table.rows).toHaveLength(3);
    const row = table.rows[2];
    expect(row?.slice(0, 3)).toEqual([1, 'sample-000002', 'Sample atom 2 about astronomy (topic 1 of 2)']);
    expect(row?.[5]).toBe('hart-dev-sample-v1');
    expect(row?.[6]).toBe(4);
    const bytes = row?.[7];
    expect(Buffer.isBuffer(bytes) ? [...decodeVector(bytes)] : bytes).toEqual([...(atoms[2]?.vector ?? [])]);
    // Every staged column exists in the staging table, in the same order.
    const staged = [...SEED_ATOM_STAGING_SQL.matchAll(/^\s+\[(\w+)\]/gm)].map((m) => m[1]);
    expect(staged).toEqual(table.columns.map((c) => c.name));
  });
});
