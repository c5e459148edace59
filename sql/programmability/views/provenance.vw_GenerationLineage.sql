-- Provenance of each generation stream: its request, parent stream, the atoms the request used and
-- whether the provenance has reached the graph (ProvenanceSyncedAt).
CREATE OR ALTER VIEW [provenance].[vw_GenerationLineage]
AS
SELECT
    g.GenerationStreamId,
    g.StreamGuid,
    g.TenantId,
    g.InferenceRequestId,
    r.RequestGuid,
    r.TaskType,
    r.IsAutonomous,
    g.ParentGenerationStreamId,
    parent.StreamGuid AS ParentStreamGuid,
    g.ModelName,
    g.ModelVersion,
    g.Status,
    g.TokenCount,
    g.ProvenanceSource,
    g.SourceAtomIdsJson,
    g.ProvenanceJson,
    au.AtomsUsed,
    g.StartedAt,
    g.CompletedAt,
    g.ProvenanceSyncedAt
FROM dbo.GenerationStreams AS g
JOIN dbo.InferenceRequests AS r ON r.InferenceRequestId = g.InferenceRequestId
LEFT JOIN dbo.GenerationStreams AS parent ON parent.GenerationStreamId = g.ParentGenerationStreamId
OUTER APPLY (
    SELECT COUNT(*) AS AtomsUsed
    FROM dbo.InferenceAtomUsage AS u
    WHERE u.InferenceRequestId = g.InferenceRequestId
) AS au;
