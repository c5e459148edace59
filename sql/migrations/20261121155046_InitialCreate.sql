-- =============================================================================================
-- 20261121155046_InitialCreate: the consolidated Hartonomous schema, in the EF Core idempotent-script form
-- (what `dotnet ef migrations script --idempotent` emits), so EF tooling sees it as applied.
--
-- Guards and the facts of SQLSERVER-NOTES.md they rely on:
--  * [__EFMigrationsHistory] is created when missing, with EF's exact shape (MigrationId nvarchar(150)
--    PK, ProductVersion nvarchar(32)) — "EF Core idempotent scripts: history table …".
--  * Every statement is guarded by IF NOT EXISTS (… [MigrationId] = N'20261121155046_InitialCreate') and the
--    script ends with its history INSERT — "each migration guarded by its MigrationId and ends with
--    its history INSERT".
--  * One statement per batch: "a batch is compiled whole before its IF runs: statements that
--    reference columns created earlier in the same script must sit in their own batch or inside
--    EXEC(N'…') (else error 207 on re-run)". CREATE SCHEMA, which must be alone in its batch, runs
--    inside EXEC(N'…').
--  * One transaction across batches (BEGIN TRANSACTION … COMMIT), like EF 8: "EF 8 keeps a
--    transaction open across batches: run a script on one session". XACT_ABORT ON makes any error
--    roll the whole migration back, so nothing half-applied remains.
--  * No FILESTREAM: "Not available on Linux: FILESTREAM and FileTable"; large payloads are
--    VARBINARY(MAX).
--  * Temporal tables name their history tables with the schema: "Name history tables explicitly
--    with their schema"; period columns are HIDDEN so bulk loads and INSERTs leave them out.
-- =============================================================================================

-- Filtered and spatial indexes need these session options (SSMS scripts set the same).
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
SET ANSI_PADDING ON;
SET ANSI_WARNINGS ON;
SET ARITHABORT ON;
SET CONCAT_NULL_YIELDS_NULL ON;
SET NUMERIC_ROUNDABORT OFF;
SET XACT_ABORT ON;
GO

IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
GO

-- Schema of provenance data (mirrored to Neo4j). EF's EnsureSchema form.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
    AND SCHEMA_ID(N'provenance') IS NULL
BEGIN
    EXEC(N'CREATE SCHEMA [provenance];');
END;
GO

-- Tenancy and billing.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[Tenants] (
        [TenantId] int IDENTITY(1, 1) NOT NULL,
        [TenantKey] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [IsActive] bit NOT NULL CONSTRAINT [DF_Tenants_IsActive] DEFAULT (CAST(1 AS bit)),
        [CreatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_Tenants_CreatedAt] DEFAULT (SYSUTCDATETIME()),
        [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_Tenants_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_Tenants] PRIMARY KEY CLUSTERED ([TenantId]),
        CONSTRAINT [UQ_Tenants_TenantKey] UNIQUE ([TenantKey])
    );
END;
GO

-- External (identity-provider) tenant GUIDs mapped to the internal id.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[TenantGuidMapping] (
        [TenantGuid] uniqueidentifier NOT NULL,
        [TenantId] int NOT NULL,
        [CreatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_TenantGuidMapping_CreatedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_TenantGuidMapping] PRIMARY KEY CLUSTERED ([TenantGuid]),
        CONSTRAINT [FK_TenantGuidMapping_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]) ON DELETE CASCADE
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_TenantGuidMapping_TenantId] ON [dbo].[TenantGuidMapping] ([TenantId]);
END;
GO

-- System-versioned: price and quota history matters for invoices.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[BillingPlans] (
        [BillingPlanId] int IDENTITY(1, 1) NOT NULL,
        [PlanCode] nvarchar(32) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [MonthlyPriceUsd] decimal(10, 2) NOT NULL,
        [MonthlyRequestQuota] int NOT NULL,
        [MonthlyTokenQuota] bigint NOT NULL,
        [MaxAtoms] bigint NOT NULL,
        [RequestsPerMinute] int NOT NULL,
        [SlaTier] nvarchar(16) NOT NULL,
        [IsActive] bit NOT NULL CONSTRAINT [DF_BillingPlans_IsActive] DEFAULT (CAST(1 AS bit)),
        [ValidFrom] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [ValidTo] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]),
        CONSTRAINT [PK_BillingPlans] PRIMARY KEY CLUSTERED ([BillingPlanId]),
        CONSTRAINT [UQ_BillingPlans_PlanCode] UNIQUE ([PlanCode]),
        CONSTRAINT [CK_BillingPlans_SlaTier] CHECK ([SlaTier] IN (N'batch', N'standard', N'realtime')),
        CONSTRAINT [CK_BillingPlans_NonNegative] CHECK ([MonthlyPriceUsd] >= 0 AND [MonthlyRequestQuota] >= 0
            AND [MonthlyTokenQuota] >= 0 AND [MaxAtoms] >= 0 AND [RequestsPerMinute] > 0)
    )
    WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[BillingPlansHistory]));
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[TenantSubscriptions] (
        [SubscriptionId] int IDENTITY(1, 1) NOT NULL,
        [TenantId] int NOT NULL,
        [BillingPlanId] int NOT NULL,
        [Status] nvarchar(16) NOT NULL CONSTRAINT [DF_TenantSubscriptions_Status] DEFAULT (N'Active'),
        [StartsAt] datetime2(3) NOT NULL CONSTRAINT [DF_TenantSubscriptions_StartsAt] DEFAULT (SYSUTCDATETIME()),
        [EndsAt] datetime2(3) NULL,
        [CreatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_TenantSubscriptions_CreatedAt] DEFAULT (SYSUTCDATETIME()),
        [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_TenantSubscriptions_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_TenantSubscriptions] PRIMARY KEY CLUSTERED ([SubscriptionId]),
        CONSTRAINT [FK_TenantSubscriptions_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]) ON DELETE CASCADE,
        CONSTRAINT [FK_TenantSubscriptions_BillingPlans_BillingPlanId] FOREIGN KEY ([BillingPlanId]) REFERENCES [dbo].[BillingPlans] ([BillingPlanId]),
        CONSTRAINT [CK_TenantSubscriptions_Status] CHECK ([Status] IN (N'Trial', N'Active', N'PastDue', N'Cancelled')),
        CONSTRAINT [CK_TenantSubscriptions_Period] CHECK ([EndsAt] IS NULL OR [EndsAt] > [StartsAt])
    );
END;
GO

-- At most one active subscription per tenant (the seed's natural key).
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE UNIQUE INDEX [UX_TenantSubscriptions_TenantId_Active] ON [dbo].[TenantSubscriptions] ([TenantId])
        WHERE [Status] = N'Active';
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_TenantSubscriptions_BillingPlanId] ON [dbo].[TenantSubscriptions] ([BillingPlanId]);
END;
GO

-- Knowledge. Atoms are system-versioned; Content is VARBINARY(MAX) (no FILESTREAM on Linux); SpatialKey is the atom's point on the 2-D concept map.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[Atoms] (
        [AtomId] bigint IDENTITY(1, 1) NOT NULL,
        [TenantId] int NOT NULL,
        [AtomKey] nvarchar(128) NOT NULL,
        [Modality] nvarchar(32) NOT NULL CONSTRAINT [DF_Atoms_Modality] DEFAULT (N'text'),
        [CanonicalText] nvarchar(max) NULL,
        [Content] varbinary(max) NULL,
        [ContentType] nvarchar(100) NULL,
        [ContentHash] binary(32) NULL,
        [SpatialKey] geometry NULL,
        [ReferenceCount] bigint NOT NULL CONSTRAINT [DF_Atoms_ReferenceCount] DEFAULT (0),
        [QualityScore] float NOT NULL CONSTRAINT [DF_Atoms_QualityScore] DEFAULT (0),
        [IsActive] bit NOT NULL CONSTRAINT [DF_Atoms_IsActive] DEFAULT (CAST(1 AS bit)),
        [CreatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_Atoms_CreatedAt] DEFAULT (SYSUTCDATETIME()),
        [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_Atoms_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
        [ValidFrom] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [ValidTo] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]),
        CONSTRAINT [PK_Atoms] PRIMARY KEY CLUSTERED ([AtomId]),
        CONSTRAINT [UQ_Atoms_TenantId_AtomKey] UNIQUE ([TenantId], [AtomKey]),
        CONSTRAINT [FK_Atoms_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
        CONSTRAINT [CK_Atoms_QualityScore] CHECK ([QualityScore] BETWEEN -1 AND 1),
        CONSTRAINT [CK_Atoms_ReferenceCount] CHECK ([ReferenceCount] >= 0)
    )
    WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[AtomsHistory]));
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_Atoms_TenantId_ContentHash] ON [dbo].[Atoms] ([TenantId], [ContentHash])
        WHERE [ContentHash] IS NOT NULL;
END;
GO

-- Spatial indexes need a clustered primary key (PK_Atoms) and, for geometry, a BOUNDING_BOX: the concept map lies in [-1, 1]².
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE SPATIAL INDEX [SIX_Atoms_SpatialKey] ON [dbo].[Atoms] ([SpatialKey])
        USING GEOMETRY_AUTO_GRID
        WITH (BOUNDING_BOX = (XMIN = -1, YMIN = -1, XMAX = 1, YMAX = 1));
END;
GO

-- Embeddings: float32 little-endian bytes (4 per dimension), the layout the CLR vector functions read.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[AtomEmbeddings] (
        [AtomEmbeddingId] bigint IDENTITY(1, 1) NOT NULL,
        [AtomId] bigint NOT NULL,
        [ModelName] nvarchar(128) NOT NULL,
        [Dimension] int NOT NULL,
        [EmbeddingVector] varbinary(max) NOT NULL,
        [CreatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_AtomEmbeddings_CreatedAt] DEFAULT (SYSUTCDATETIME()),
        [UpdatedAt] datetime2(3) NOT NULL CONSTRAINT [DF_AtomEmbeddings_UpdatedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_AtomEmbeddings] PRIMARY KEY CLUSTERED ([AtomEmbeddingId]),
        CONSTRAINT [UQ_AtomEmbeddings_AtomId_ModelName] UNIQUE ([AtomId], [ModelName]),
        CONSTRAINT [FK_AtomEmbeddings_Atoms_AtomId] FOREIGN KEY ([AtomId]) REFERENCES [dbo].[Atoms] ([AtomId]) ON DELETE CASCADE,
        CONSTRAINT [CK_AtomEmbeddings_Dimension] CHECK ([Dimension] BETWEEN 1 AND 4096),
        CONSTRAINT [CK_AtomEmbeddings_VectorLength] CHECK (DATALENGTH([EmbeddingVector]) = 4 * [Dimension])
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_AtomEmbeddings_ModelName_Dimension] ON [dbo].[AtomEmbeddings] ([ModelName], [Dimension])
        INCLUDE ([AtomId]);
END;
GO

-- Concept clusters found by dbo.sp_ClusterConcepts over Atoms.SpatialKey.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[ConceptClusters] (
        [ConceptId] int IDENTITY(1, 1) NOT NULL,
        [TenantId] int NOT NULL,
        [ConceptKey] nvarchar(128) NOT NULL,
        [Label] nvarchar(200) NOT NULL,
        [ModelName] nvarchar(128) NULL,
        [Dimension] int NULL,
        [CentroidVector] varbinary(max) NULL,
        [CenterPoint] geometry NULL,
        [AtomCount] int NOT NULL CONSTRAINT [DF_ConceptClusters_AtomCount] DEFAULT (0),
        [Cohesion] float NULL,
        [ClusteredAt] datetime2(3) NOT NULL CONSTRAINT [DF_ConceptClusters_ClusteredAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_ConceptClusters] PRIMARY KEY CLUSTERED ([ConceptId]),
        CONSTRAINT [UQ_ConceptClusters_TenantId_ConceptKey] UNIQUE ([TenantId], [ConceptKey]),
        CONSTRAINT [FK_ConceptClusters_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
        CONSTRAINT [CK_ConceptClusters_Centroid] CHECK ([CentroidVector] IS NULL OR DATALENGTH([CentroidVector]) = 4 * [Dimension])
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[AtomConceptMembership] (
        [AtomId] bigint NOT NULL,
        [ConceptId] int NOT NULL,
        [Similarity] float NULL,
        [MapDistance] float NULL,
        [AssignedAt] datetime2(3) NOT NULL CONSTRAINT [DF_AtomConceptMembership_AssignedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_AtomConceptMembership] PRIMARY KEY CLUSTERED ([AtomId], [ConceptId]),
        CONSTRAINT [FK_AtomConceptMembership_Atoms_AtomId] FOREIGN KEY ([AtomId]) REFERENCES [dbo].[Atoms] ([AtomId]) ON DELETE CASCADE,
        CONSTRAINT [FK_AtomConceptMembership_ConceptClusters_ConceptId] FOREIGN KEY ([ConceptId]) REFERENCES [dbo].[ConceptClusters] ([ConceptId]) ON DELETE CASCADE
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_AtomConceptMembership_ConceptId] ON [dbo].[AtomConceptMembership] ([ConceptId]) INCLUDE ([Similarity]);
END;
GO

-- Inference. The Autonomous*/Hypothesis*/SourceConceptId columns are the autonomous-processing metadata written by dbo.sp_Hypothesize.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[InferenceRequests] (
        [InferenceRequestId] bigint IDENTITY(1, 1) NOT NULL,
        [RequestGuid] uniqueidentifier NOT NULL CONSTRAINT [DF_InferenceRequests_RequestGuid] DEFAULT (NEWID()),
        [TenantId] int NOT NULL,
        [TaskType] nvarchar(64) NOT NULL,
        [ModelName] nvarchar(128) NULL,
        [InputText] nvarchar(max) NULL,
        [InputHash] binary(32) NULL,
        [Complexity] int NULL,
        [SlaTier] nvarchar(16) NULL,
        [EstimatedResponseMs] int NULL,
        [Priority] int NOT NULL CONSTRAINT [DF_InferenceRequests_Priority] DEFAULT (0),
        [Status] nvarchar(16) NOT NULL CONSTRAINT [DF_InferenceRequests_Status] DEFAULT (N'Pending'),
        [IsAutonomous] bit NOT NULL CONSTRAINT [DF_InferenceRequests_IsAutonomous] DEFAULT (CAST(0 AS bit)),
        [AutonomousTrigger] nvarchar(64) NULL,
        [ParentInferenceRequestId] bigint NULL,
        [AutonomousDepth] int NOT NULL CONSTRAINT [DF_InferenceRequests_AutonomousDepth] DEFAULT (0),
        [SourceConceptId] int NULL,
        [HypothesisJson] nvarchar(max) NULL,
        [OutputText] nvarchar(max) NULL,
        [TokensUsed] int NULL,
        [ErrorMessage] nvarchar(2000) NULL,
        [RequestedAt] datetime2(3) NOT NULL CONSTRAINT [DF_InferenceRequests_RequestedAt] DEFAULT (SYSUTCDATETIME()),
        [StartedAt] datetime2(3) NULL,
        [CompletedAt] datetime2(3) NULL,
        [DurationMs] int NULL,
        CONSTRAINT [PK_InferenceRequests] PRIMARY KEY CLUSTERED ([InferenceRequestId]),
        CONSTRAINT [UQ_InferenceRequests_RequestGuid] UNIQUE ([RequestGuid]),
        CONSTRAINT [FK_InferenceRequests_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
        CONSTRAINT [FK_InferenceRequests_InferenceRequests_ParentInferenceRequestId] FOREIGN KEY ([ParentInferenceRequestId]) REFERENCES [dbo].[InferenceRequests] ([InferenceRequestId]),
        CONSTRAINT [FK_InferenceRequests_ConceptClusters_SourceConceptId] FOREIGN KEY ([SourceConceptId]) REFERENCES [dbo].[ConceptClusters] ([ConceptId]),
        CONSTRAINT [CK_InferenceRequests_Status] CHECK ([Status] IN (N'Pending', N'Running', N'Completed', N'Failed', N'Cancelled')),
        CONSTRAINT [CK_InferenceRequests_Complexity] CHECK ([Complexity] IS NULL OR [Complexity] BETWEEN 1 AND 10),
        CONSTRAINT [CK_InferenceRequests_SlaTier] CHECK ([SlaTier] IS NULL OR [SlaTier] IN (N'batch', N'standard', N'realtime')),
        CONSTRAINT [CK_InferenceRequests_Autonomous] CHECK ([IsAutonomous] = 0 OR [AutonomousTrigger] IS NOT NULL),
        CONSTRAINT [CK_InferenceRequests_AutonomousDepth] CHECK ([AutonomousDepth] >= 0),
        CONSTRAINT [CK_InferenceRequests_HypothesisJson] CHECK ([HypothesisJson] IS NULL OR ISJSON([HypothesisJson]) = 1)
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_InferenceRequests_TenantId_RequestedAt] ON [dbo].[InferenceRequests] ([TenantId], [RequestedAt])
        INCLUDE ([Status], [TokensUsed]);
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_InferenceRequests_Pending] ON [dbo].[InferenceRequests] ([Priority] DESC, [RequestedAt])
        INCLUDE ([TenantId], [SlaTier])
        WHERE [Status] = N'Pending';
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_InferenceRequests_ParentInferenceRequestId] ON [dbo].[InferenceRequests] ([ParentInferenceRequestId])
        WHERE [ParentInferenceRequestId] IS NOT NULL;
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[InferenceFeedback] (
        [FeedbackId] bigint IDENTITY(1, 1) NOT NULL,
        [InferenceRequestId] bigint NOT NULL,
        [Rating] tinyint NOT NULL,
        [Comment] nvarchar(2000) NULL,
        [SubmittedBy] nvarchar(128) NULL,
        [SubmittedAt] datetime2(3) NOT NULL CONSTRAINT [DF_InferenceFeedback_SubmittedAt] DEFAULT (SYSUTCDATETIME()),
        [ProcessedAt] datetime2(3) NULL,
        CONSTRAINT [PK_InferenceFeedback] PRIMARY KEY CLUSTERED ([FeedbackId]),
        CONSTRAINT [FK_InferenceFeedback_InferenceRequests_InferenceRequestId] FOREIGN KEY ([InferenceRequestId]) REFERENCES [dbo].[InferenceRequests] ([InferenceRequestId]) ON DELETE CASCADE,
        CONSTRAINT [CK_InferenceFeedback_Rating] CHECK ([Rating] BETWEEN 1 AND 5)
    );
END;
GO

-- The work queue of dbo.sp_ProcessFeedback.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_InferenceFeedback_Unprocessed] ON [dbo].[InferenceFeedback] ([SubmittedAt])
        INCLUDE ([InferenceRequestId], [Rating])
        WHERE [ProcessedAt] IS NULL;
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[InferenceAtomUsage] (
        [InferenceRequestId] bigint NOT NULL,
        [AtomId] bigint NOT NULL,
        [UsageRole] nvarchar(16) NOT NULL CONSTRAINT [DF_InferenceAtomUsage_UsageRole] DEFAULT (N'context'),
        [RelevanceScore] float NULL,
        [FeedbackWeight] float NOT NULL CONSTRAINT [DF_InferenceAtomUsage_FeedbackWeight] DEFAULT (0),
        [UsedAt] datetime2(3) NOT NULL CONSTRAINT [DF_InferenceAtomUsage_UsedAt] DEFAULT (SYSUTCDATETIME()),
        CONSTRAINT [PK_InferenceAtomUsage] PRIMARY KEY CLUSTERED ([InferenceRequestId], [AtomId], [UsageRole]),
        CONSTRAINT [FK_InferenceAtomUsage_InferenceRequests_InferenceRequestId] FOREIGN KEY ([InferenceRequestId]) REFERENCES [dbo].[InferenceRequests] ([InferenceRequestId]) ON DELETE CASCADE,
        CONSTRAINT [FK_InferenceAtomUsage_Atoms_AtomId] FOREIGN KEY ([AtomId]) REFERENCES [dbo].[Atoms] ([AtomId]),
        CONSTRAINT [CK_InferenceAtomUsage_UsageRole] CHECK ([UsageRole] IN (N'context', N'output', N'hypothesis'))
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_InferenceAtomUsage_AtomId] ON [dbo].[InferenceAtomUsage] ([AtomId]) INCLUDE ([FeedbackWeight]);
END;
GO

-- Generation output with its provenance (source atoms, model, parent stream); Content is VARBINARY(MAX), not FILESTREAM.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [dbo].[GenerationStreams] (
        [GenerationStreamId] bigint IDENTITY(1, 1) NOT NULL,
        [StreamGuid] uniqueidentifier NOT NULL CONSTRAINT [DF_GenerationStreams_StreamGuid] DEFAULT (NEWID()),
        [InferenceRequestId] bigint NOT NULL,
        [TenantId] int NOT NULL,
        [ParentGenerationStreamId] bigint NULL,
        [ModelName] nvarchar(128) NOT NULL,
        [ModelVersion] nvarchar(64) NULL,
        [Status] nvarchar(16) NOT NULL CONSTRAINT [DF_GenerationStreams_Status] DEFAULT (N'Open'),
        [ContentType] nvarchar(100) NULL,
        [Content] varbinary(max) NULL,
        [ContentHash] binary(32) NULL,
        [TokenCount] int NOT NULL CONSTRAINT [DF_GenerationStreams_TokenCount] DEFAULT (0),
        [ProvenanceSource] nvarchar(64) NOT NULL CONSTRAINT [DF_GenerationStreams_ProvenanceSource] DEFAULT (N'inference'),
        [SourceAtomIdsJson] nvarchar(max) NULL,
        [ProvenanceJson] nvarchar(max) NULL,
        [ProvenanceSyncedAt] datetime2(3) NULL,
        [StartedAt] datetime2(3) NOT NULL CONSTRAINT [DF_GenerationStreams_StartedAt] DEFAULT (SYSUTCDATETIME()),
        [CompletedAt] datetime2(3) NULL,
        CONSTRAINT [PK_GenerationStreams] PRIMARY KEY CLUSTERED ([GenerationStreamId]),
        CONSTRAINT [UQ_GenerationStreams_StreamGuid] UNIQUE ([StreamGuid]),
        CONSTRAINT [FK_GenerationStreams_InferenceRequests_InferenceRequestId] FOREIGN KEY ([InferenceRequestId]) REFERENCES [dbo].[InferenceRequests] ([InferenceRequestId]) ON DELETE CASCADE,
        CONSTRAINT [FK_GenerationStreams_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
        CONSTRAINT [FK_GenerationStreams_GenerationStreams_ParentGenerationStreamId] FOREIGN KEY ([ParentGenerationStreamId]) REFERENCES [dbo].[GenerationStreams] ([GenerationStreamId]),
        CONSTRAINT [CK_GenerationStreams_Status] CHECK ([Status] IN (N'Open', N'Completed', N'Failed', N'Aborted')),
        CONSTRAINT [CK_GenerationStreams_SourceAtomIdsJson] CHECK ([SourceAtomIdsJson] IS NULL OR ISJSON([SourceAtomIdsJson]) = 1),
        CONSTRAINT [CK_GenerationStreams_ProvenanceJson] CHECK ([ProvenanceJson] IS NULL OR ISJSON([ProvenanceJson]) = 1)
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_GenerationStreams_InferenceRequestId] ON [dbo].[GenerationStreams] ([InferenceRequestId]);
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_GenerationStreams_ProvenanceUnsynced] ON [dbo].[GenerationStreams] ([StartedAt])
        WHERE [ProvenanceSyncedAt] IS NULL;
END;
GO

-- Provenance: cached semantic paths between atoms (computed in Neo4j, read by the services).
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE TABLE [provenance].[SemanticPathCache] (
        [SemanticPathCacheId] bigint IDENTITY(1, 1) NOT NULL,
        [TenantId] int NOT NULL,
        [SourceAtomId] bigint NOT NULL,
        [TargetAtomId] bigint NOT NULL,
        [ModelName] nvarchar(128) NOT NULL,
        [PathAtomIdsJson] nvarchar(max) NOT NULL,
        [HopCount] int NOT NULL,
        [PathScore] float NOT NULL,
        [HitCount] int NOT NULL CONSTRAINT [DF_SemanticPathCache_HitCount] DEFAULT (0),
        [ComputedAt] datetime2(3) NOT NULL CONSTRAINT [DF_SemanticPathCache_ComputedAt] DEFAULT (SYSUTCDATETIME()),
        [ExpiresAt] datetime2(3) NULL,
        CONSTRAINT [PK_SemanticPathCache] PRIMARY KEY CLUSTERED ([SemanticPathCacheId]),
        CONSTRAINT [UQ_SemanticPathCache_Path] UNIQUE ([TenantId], [SourceAtomId], [TargetAtomId], [ModelName]),
        CONSTRAINT [FK_SemanticPathCache_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
        CONSTRAINT [FK_SemanticPathCache_Atoms_SourceAtomId] FOREIGN KEY ([SourceAtomId]) REFERENCES [dbo].[Atoms] ([AtomId]),
        CONSTRAINT [FK_SemanticPathCache_Atoms_TargetAtomId] FOREIGN KEY ([TargetAtomId]) REFERENCES [dbo].[Atoms] ([AtomId]),
        CONSTRAINT [CK_SemanticPathCache_Endpoints] CHECK ([SourceAtomId] <> [TargetAtomId]),
        CONSTRAINT [CK_SemanticPathCache_HopCount] CHECK ([HopCount] >= 1),
        CONSTRAINT [CK_SemanticPathCache_PathAtomIdsJson] CHECK (ISJSON([PathAtomIdsJson]) = 1)
    );
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_SemanticPathCache_TargetAtomId] ON [provenance].[SemanticPathCache] ([TargetAtomId]);
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    CREATE INDEX [IX_SemanticPathCache_ExpiresAt] ON [provenance].[SemanticPathCache] ([ExpiresAt])
        WHERE [ExpiresAt] IS NOT NULL;
END;
GO

-- Security: the services connect as (or impersonate) HartonomousAppUser, a member of HartonomousAppRole.
-- Principals may exist before the migration (made by hand or another tool): checked by name, like EnsureSchema.
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
    AND DATABASE_PRINCIPAL_ID(N'HartonomousAppRole') IS NULL
BEGIN
    CREATE ROLE [HartonomousAppRole] AUTHORIZATION [dbo];
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
    AND DATABASE_PRINCIPAL_ID(N'HartonomousAppUser') IS NULL
BEGIN
    CREATE USER [HartonomousAppUser] WITHOUT LOGIN WITH DEFAULT_SCHEMA = [dbo];
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
    AND NOT EXISTS (SELECT 1 FROM sys.database_role_members AS m
        WHERE m.role_principal_id = DATABASE_PRINCIPAL_ID(N'HartonomousAppRole')
          AND m.member_principal_id = DATABASE_PRINCIPAL_ID(N'HartonomousAppUser'))
BEGIN
    ALTER ROLE [HartonomousAppRole] ADD MEMBER [HartonomousAppUser];
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON SCHEMA::[dbo] TO [HartonomousAppRole];
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON SCHEMA::[provenance] TO [HartonomousAppRole];
END;
GO

IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121155046_InitialCreate', N'8.0.11');
END;
GO

COMMIT;
GO
