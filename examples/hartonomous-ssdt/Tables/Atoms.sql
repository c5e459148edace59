CREATE TABLE [dbo].[Atoms] (
    [AtomId]         BIGINT          IDENTITY (1, 1) NOT NULL,
    [TenantId]       INT             NOT NULL,
    [AtomKey]        NVARCHAR (128)  NOT NULL,
    [Modality]       NVARCHAR (32)   CONSTRAINT [DF_Atoms_Modality] DEFAULT (N'text') NOT NULL,
    [CanonicalText]  NVARCHAR (MAX)  NULL,
    [SpatialKey]     GEOMETRY        NULL,
    [QualityScore]   FLOAT           CONSTRAINT [DF_Atoms_QualityScore] DEFAULT (0) NOT NULL,
    [CreatedAt]      DATETIME2 (3)   CONSTRAINT [DF_Atoms_CreatedAt] DEFAULT (SYSUTCDATETIME()) NOT NULL,
    CONSTRAINT [PK_Atoms] PRIMARY KEY CLUSTERED ([AtomId]),
    CONSTRAINT [UQ_Atoms_TenantId_AtomKey] UNIQUE ([TenantId], [AtomKey]),
    CONSTRAINT [FK_Atoms_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
    CONSTRAINT [CK_Atoms_QualityScore] CHECK ([QualityScore] BETWEEN -1 AND 1)
);
GO

CREATE SPATIAL INDEX [SIX_Atoms_SpatialKey]
    ON [dbo].[Atoms] ([SpatialKey])
    USING GEOMETRY_AUTO_GRID
    WITH (BOUNDING_BOX = (XMIN = -1, YMIN = -1, XMAX = 1, YMAX = 1));
GO
