CREATE PROCEDURE [provenance].[sp_RecordGeneration]
    @TenantId INT,
    @AtomKey NVARCHAR (128)
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @AtomId BIGINT;
    EXEC [dbo].[sp_UpsertAtom] @TenantId = @TenantId, @AtomKey = @AtomKey, @CanonicalText = NULL, @AtomId = @AtomId OUTPUT;
    INSERT INTO [provenance].[GenerationStreams] ([TenantId], [SourceAtomId]) VALUES (@TenantId, @AtomId);
END
GO
