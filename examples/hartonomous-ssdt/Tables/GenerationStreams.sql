CREATE TABLE [provenance].[GenerationStreams] (
    [GenerationStreamId] BIGINT        IDENTITY (1, 1) NOT NULL,
    [TenantId]           INT           NOT NULL,
    [SourceAtomId]       BIGINT        NOT NULL,
    [CreatedAt]          DATETIME2 (3) CONSTRAINT [DF_GenerationStreams_CreatedAt] DEFAULT (SYSUTCDATETIME()) NOT NULL,
    CONSTRAINT [PK_GenerationStreams] PRIMARY KEY CLUSTERED ([GenerationStreamId]),
    CONSTRAINT [FK_GenerationStreams_Atoms] FOREIGN KEY ([SourceAtomId]) REFERENCES [dbo].[Atoms] ([AtomId])
);
GO
