// The seed's T-SQL, in one reviewable place, and the staging rows the deploy phase bulk-loads.
// Every write is an upsert on a natural key (seeds/README.md), so seeding twice leaves the same rows,
// and an unchanged row is not updated (no new row in the temporal history tables, no change event).
//
// Order on ONE session (SqlSession):
//   1. batch(seedFixedDataSql())             tenant, GUID mapping, plans, subscription
//   2. batch(SEED_ATOM_STAGING_SQL)          creates #SeedAtoms — send it WITHOUT parameters: a
//                                            parameterised batch runs in sp_executesql, and a #table
//                                            created there is dropped when that call returns
//   3. bulk(atomStagingTable(atoms))         TDS bulk load into #SeedAtoms (any number of calls)
//   4. batch(SEED_ATOM_MERGE_SQL)            MERGE into dbo.Atoms and dbo.AtomEmbeddings, drops
//                                            #SeedAtoms, returns one row of counts
import type { BulkTable } from '../sqlserver/session.js';
import { encodeVector, SAMPLE_KEY_PREFIX, SAMPLE_MODEL_NAME } from './embeddings.js';
import { BILLING_PLANS, DEFAULT_TENANT, type SeedBillingPlan, type SeedTenant } from './fixed-data.js';
import type { SeedAtom } from './types.js';

/** N'text' with ' doubled. */
function nstring(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** An integer literal; refuses anything else so that no value can change the statement. */
function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
  return String(value);
}

/** DECIMAL(10,2) literal from cents. */
function money(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`${cents} is not a price in cents`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function guid(value: string): string {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)) {
    throw new RangeError(`${value} is not a GUID`);
  }
  return `'${value.toLowerCase()}'`;
}

function planRow(plan: SeedBillingPlan): string {
  return `(${[
    nstring(plan.code), nstring(plan.name), money(plan.monthlyPriceCents), int(plan.monthlyRequestQuota),
    int(plan.monthlyTokenQuota), int(plan.maxAtoms), int(plan.requestsPerMinute), nstring(plan.slaTier),
  ].join(', ')})`;
}

/**
 * Upserts the fixed rows. Tenants.TenantId is an IDENTITY column and the default tenant's id is
 * documented (SET IDENTITY_INSERT lets the MERGE insert it). One transaction with XACT_ABORT: a failure
 * leaves nothing half-written.
 */
export function seedFixedDataSql(tenant: Readonly<SeedTenant> = DEFAULT_TENANT, plans: readonly Readonly<SeedBillingPlan>[] = BILLING_PLANS): string {
  if (!plans.some((p) => p.code === tenant.planCode)) {
    throw new RangeError(`The tenant's plan "${tenant.planCode}" is not among the billing plans`);
  }
  return `SET XACT_ABORT ON;
SET NOCOUNT ON;
BEGIN TRANSACTION;

SET IDENTITY_INSERT [dbo].[Tenants] ON;
MERGE [dbo].[Tenants] WITH (HOLDLOCK) AS t
USING (VALUES (${int(tenant.id)}, ${nstring(tenant.key)}, ${nstring(tenant.name)})) AS s ([TenantId], [TenantKey], [Name])
    ON t.[TenantId] = s.[TenantId]
WHEN MATCHED AND (t.[TenantKey] <> s.[TenantKey] OR t.[Name] <> s.[Name] OR t.[IsActive] = 0) THEN
    UPDATE SET [TenantKey] = s.[TenantKey], [Name] = s.[Name], [IsActive] = 1, [UpdatedAt] = SYSUTCDATETIME()
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([TenantId], [TenantKey], [Name]) VALUES (s.[TenantId], s.[TenantKey], s.[Name]);
SET IDENTITY_INSERT [dbo].[Tenants] OFF;

MERGE [dbo].[TenantGuidMapping] WITH (HOLDLOCK) AS t
USING (VALUES (CAST(${guid(tenant.guid)} AS uniqueidentifier), ${int(tenant.id)})) AS s ([TenantGuid], [TenantId])
    ON t.[TenantGuid] = s.[TenantGuid]
WHEN MATCHED AND t.[TenantId] <> s.[TenantId] THEN
    UPDATE SET [TenantId] = s.[TenantId]
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([TenantGuid], [TenantId]) VALUES (s.[TenantGuid], s.[TenantId]);

MERGE [dbo].[BillingPlans] WITH (HOLDLOCK) AS t
USING (VALUES
    ${plans.map(planRow).join(',\n    ')}
) AS s ([PlanCode], [Name], [MonthlyPriceUsd], [MonthlyRequestQuota], [MonthlyTokenQuota], [MaxAtoms], [RequestsPerMinute], [SlaTier])
    ON t.[PlanCode] = s.[PlanCode]
WHEN MATCHED AND EXISTS (
    SELECT s.[Name], s.[MonthlyPriceUsd], s.[MonthlyRequestQuota], s.[MonthlyTokenQuota], s.[MaxAtoms], s.[RequestsPerMinute], s.[SlaTier], CAST(1 AS bit)
    EXCEPT
    SELECT t.[Name], t.[MonthlyPriceUsd], t.[MonthlyRequestQuota], t.[MonthlyTokenQuota], t.[MaxAtoms], t.[RequestsPerMinute], t.[SlaTier], t.[IsActive]
) THEN
    UPDATE SET [Name] = s.[Name], [MonthlyPriceUsd] = s.[MonthlyPriceUsd], [MonthlyRequestQuota] = s.[MonthlyRequestQuota],
        [MonthlyTokenQuota] = s.[MonthlyTokenQuota], [MaxAtoms] = s.[MaxAtoms], [RequestsPerMinute] = s.[RequestsPerMinute],
        [SlaTier] = s.[SlaTier], [IsActive] = 1
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([PlanCode], [Name], [MonthlyPriceUsd], [MonthlyRequestQuota], [MonthlyTokenQuota], [MaxAtoms], [RequestsPerMinute], [SlaTier])
    VALUES (s.[PlanCode], s.[Name], s.[MonthlyPriceUsd], s.[MonthlyRequestQuota], s.[MonthlyTokenQuota], s.[MaxAtoms], s.[RequestsPerMinute], s.[SlaTier]);

MERGE [dbo].[TenantSubscriptions] WITH (HOLDLOCK) AS t
USING (
    SELECT ${int(tenant.id)} AS [TenantId], p.[BillingPlanId]
    FROM [dbo].[BillingPlans] AS p
    WHERE p.[PlanCode] = ${nstring(tenant.planCode)}
) AS s
    ON t.[TenantId] = s.[TenantId] AND t.[Status] = N'Active'
WHEN MATCHED AND t.[BillingPlanId] <> s.[BillingPlanId] THEN
    UPDATE SET [BillingPlanId] = s.[BillingPlanId], [UpdatedAt] = SYSUTCDATETIME()
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([TenantId], [BillingPlanId], [Status]) VALUES (s.[TenantId], s.[BillingPlanId], N'Active');

COMMIT TRANSACTION;`;
}

export const ATOM_STAGING_TABLE = '#SeedAtoms';

/**
 * The staging table lives in tempdb, whose collation is the instance's: its text columns take the
 * database's collation instead (COLLATE DATABASE_DEFAULT), else the MERGE's comparisons with dbo.Atoms
 * and dbo.AtomEmbeddings fail with Msg 468 when the database collation differs from tempdb's (a
 * changed --collation, any `seed --target`). NOTES: Name resolution… — "Temporary-table columns take
 * tempdb's collation"; docs/relational-databases/collations/set-or-change-the-column-collation.md.
 */
export const SEED_ATOM_STAGING_SQL = `DROP TABLE IF EXISTS [${ATOM_STAGING_TABLE}];
CREATE TABLE [${ATOM_STAGING_TABLE}] (
    [TenantId] int NOT NULL,
    [AtomKey] nvarchar(128) COLLATE DATABASE_DEFAULT NOT NULL PRIMARY KEY,
    [CanonicalText] nvarchar(4000) COLLATE DATABASE_DEFAULT NOT NULL,
    [SpatialX] float NULL,
    [SpatialY] float NULL,
    [ModelName] nvarchar(128) COLLATE DATABASE_DEFAULT NOT NULL,
    [Dimension] int NOT NULL,
    [EmbeddingVector] varbinary(max) NOT NULL
);`;

/** Staging rows for SqlSession.bulk: one per atom, vectors as float32 LE bytes. */
export function atomStagingTable(atoms: readonly SeedAtom[], tenantId: number = DEFAULT_TENANT.id, modelName: string = SAMPLE_MODEL_NAME): BulkTable {
  return {
    name: ATOM_STAGING_TABLE,
    columns: [
      { name: 'TenantId', type: 'int', nullable: false },
      { name: 'AtomKey', type: 'nvarchar', nullable: false, length: 128 },
      { name: 'CanonicalText', type: 'nvarchar', nullable: false, length: 4000 },
      { name: 'SpatialX', type: 'float', nullable: true },
      { name: 'SpatialY', type: 'float', nullable: true },
      { name: 'ModelName', type: 'nvarchar', nullable: false, length: 128 },
      { name: 'Dimension', type: 'int', nullable: false },
      { name: 'EmbeddingVector', type: 'varbinary', nullable: false, length: 'max' },
    ],
    rows: atoms.map((atom) => [
      tenantId,
      atom.key,
      atom.text,
      atom.spatial?.x ?? null,
      atom.spatial?.y ?? null,
      modelName,
      atom.vector.length,
      encodeVector(atom.vector),
    ]),
  };
}

/**
 * Merges #SeedAtoms into dbo.Atoms (natural key TenantId + AtomKey) and dbo.AtomEmbeddings (AtomId +
 * ModelName). Generated atoms of the staged tenants that are no longer staged (a smaller --embeddings)
 * are removed unless the application references them (InferenceAtomUsage, SemanticPathCache); their
 * embeddings and concept memberships go with them (ON DELETE CASCADE).
 */
export const SEED_ATOM_MERGE_SQL = `SET XACT_ABORT ON;
SET NOCOUNT ON;
DECLARE @atomActions TABLE ([Action] nvarchar(10) NOT NULL);
DECLARE @embeddingActions TABLE ([Action] nvarchar(10) NOT NULL);
DECLARE @atomsDeleted int = 0;
BEGIN TRANSACTION;

MERGE [dbo].[Atoms] WITH (HOLDLOCK) AS t
USING [${ATOM_STAGING_TABLE}] AS s
    ON t.[TenantId] = s.[TenantId] AND t.[AtomKey] = s.[AtomKey]
WHEN MATCHED AND EXISTS (
    SELECT N'text', s.[CanonicalText], HASHBYTES('SHA2_256', s.[CanonicalText]), s.[SpatialX], s.[SpatialY], CAST(1 AS bit)
    EXCEPT
    SELECT t.[Modality], t.[CanonicalText], t.[ContentHash], t.[SpatialKey].STX, t.[SpatialKey].STY, t.[IsActive]
) THEN
    UPDATE SET [Modality] = N'text', [CanonicalText] = s.[CanonicalText], [ContentHash] = HASHBYTES('SHA2_256', s.[CanonicalText]),
        [SpatialKey] = CASE WHEN s.[SpatialX] IS NULL OR s.[SpatialY] IS NULL THEN NULL ELSE geometry::Point(s.[SpatialX], s.[SpatialY], 0) END,
        [IsActive] = 1, [UpdatedAt] = SYSUTCDATETIME()
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([TenantId], [AtomKey], [Modality], [CanonicalText], [ContentHash], [SpatialKey])
    VALUES (s.[TenantId], s.[AtomKey], N'text', s.[CanonicalText], HASHBYTES('SHA2_256', s.[CanonicalText]),
        CASE WHEN s.[SpatialX] IS NULL OR s.[SpatialY] IS NULL THEN NULL ELSE geometry::Point(s.[SpatialX], s.[SpatialY], 0) END)
OUTPUT $action INTO @atomActions ([Action]);

MERGE [dbo].[AtomEmbeddings] WITH (HOLDLOCK) AS t
USING (
    SELECT a.[AtomId], s.[ModelName], s.[Dimension], s.[EmbeddingVector]
    FROM [${ATOM_STAGING_TABLE}] AS s
    JOIN [dbo].[Atoms] AS a ON a.[TenantId] = s.[TenantId] AND a.[AtomKey] = s.[AtomKey]
) AS s
    ON t.[AtomId] = s.[AtomId] AND t.[ModelName] = s.[ModelName]
WHEN MATCHED AND (t.[Dimension] <> s.[Dimension] OR t.[EmbeddingVector] <> s.[EmbeddingVector]) THEN
    UPDATE SET [Dimension] = s.[Dimension], [EmbeddingVector] = s.[EmbeddingVector], [UpdatedAt] = SYSUTCDATETIME()
WHEN NOT MATCHED BY TARGET THEN
    INSERT ([AtomId], [ModelName], [Dimension], [EmbeddingVector]) VALUES (s.[AtomId], s.[ModelName], s.[Dimension], s.[EmbeddingVector])
OUTPUT $action INTO @embeddingActions ([Action]);

DELETE a
FROM [dbo].[Atoms] AS a
WHERE a.[AtomKey] LIKE N'${SAMPLE_KEY_PREFIX}%'
  AND a.[TenantId] IN (SELECT DISTINCT s.[TenantId] FROM [${ATOM_STAGING_TABLE}] AS s)
  AND NOT EXISTS (SELECT 1 FROM [${ATOM_STAGING_TABLE}] AS s WHERE s.[TenantId] = a.[TenantId] AND s.[AtomKey] = a.[AtomKey])
  AND NOT EXISTS (SELECT 1 FROM [dbo].[InferenceAtomUsage] AS u WHERE u.[AtomId] = a.[AtomId])
  AND NOT EXISTS (SELECT 1 FROM [provenance].[SemanticPathCache] AS p WHERE p.[SourceAtomId] = a.[AtomId] OR p.[TargetAtomId] = a.[AtomId]);
SET @atomsDeleted = @@ROWCOUNT;

COMMIT TRANSACTION;
DROP TABLE [${ATOM_STAGING_TABLE}];

SELECT
    (SELECT COUNT(*) FROM @atomActions WHERE [Action] = N'INSERT') AS atomsInserted,
    (SELECT COUNT(*) FROM @atomActions WHERE [Action] = N'UPDATE') AS atomsUpdated,
    @atomsDeleted AS atomsDeleted,
    (SELECT COUNT(*) FROM @embeddingActions WHERE [Action] = N'INSERT') AS embeddingsInserted,
    (SELECT COUNT(*) FROM @embeddingActions WHERE [Action] = N'UPDATE') AS embeddingsUpdated;`;
