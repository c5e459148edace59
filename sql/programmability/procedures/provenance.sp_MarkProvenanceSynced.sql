-- The sync worker's acknowledgement: sets ProvenanceSyncedAt on the generation streams whose
-- StreamGuid values are listed in @StreamGuidsJson (a JSON array of strings). Returns the count.
CREATE OR ALTER PROCEDURE [provenance].[sp_MarkProvenanceSynced]
    @StreamGuidsJson NVARCHAR(MAX)
AS
BEGIN
    SET NOCOUNT ON;

    IF @StreamGuidsJson IS NULL OR ISJSON(@StreamGuidsJson) <> 1
        THROW 50081, N'sp_MarkProvenanceSynced: @StreamGuidsJson must be a JSON array of GUID strings.', 1;

    UPDATE g
    SET ProvenanceSyncedAt = SYSUTCDATETIME()
    FROM dbo.GenerationStreams AS g
    JOIN OPENJSON(@StreamGuidsJson) AS j ON TRY_CONVERT(UNIQUEIDENTIFIER, j.[value]) = g.StreamGuid
    WHERE g.ProvenanceSyncedAt IS NULL;

    SELECT @@ROWCOUNT AS StreamsMarked;
END;
