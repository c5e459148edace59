-- When generation streams complete, queues their provenance (request, model, parent stream, source
-- atoms) for the Neo4j sync worker: one message per statement, only for streams that just reached
-- 'Completed' (so the worker's ProvenanceSyncedAt acknowledgement does not re-queue them).
CREATE OR ALTER TRIGGER [dbo].[trg_GenerationStreams_ProvenanceSync]
ON [dbo].[GenerationStreams]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @payload NVARCHAR(MAX) = (
        SELECT
            i.StreamGuid AS streamGuid,
            i.GenerationStreamId AS generationStreamId,
            i.InferenceRequestId AS inferenceRequestId,
            i.TenantId AS tenantId,
            i.ModelName AS modelName,
            i.ModelVersion AS modelVersion,
            parent.StreamGuid AS parentStreamGuid,
            i.ProvenanceSource AS provenanceSource,
            JSON_QUERY(i.SourceAtomIdsJson) AS sourceAtomIds,
            JSON_QUERY(i.ProvenanceJson) AS provenance,
            i.CompletedAt AS completedAt
        FROM inserted AS i
        LEFT JOIN deleted AS d ON d.GenerationStreamId = i.GenerationStreamId
        LEFT JOIN dbo.GenerationStreams AS parent ON parent.GenerationStreamId = i.ParentGenerationStreamId
        WHERE i.Status = N'Completed'
          AND (d.GenerationStreamId IS NULL OR d.Status <> N'Completed')
        ORDER BY i.GenerationStreamId
        FOR JSON PATH
    );

    IF @payload IS NULL
        RETURN;

    EXEC provenance.sp_EnqueueProvenanceSync @EntityType = N'GenerationStream', @EntityKey = NULL, @Payload = @payload;
END;
