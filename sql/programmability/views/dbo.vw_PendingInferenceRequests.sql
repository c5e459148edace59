-- The inference work queue as the workers read it: pending requests with their SLA deadline
-- (RequestedAt + EstimatedResponseMs), most urgent first when ordered by Priority DESC, DueAt.
CREATE OR ALTER VIEW [dbo].[vw_PendingInferenceRequests]
AS
SELECT
    r.InferenceRequestId,
    r.RequestGuid,
    r.TenantId,
    r.TaskType,
    r.ModelName,
    r.Complexity,
    r.SlaTier,
    r.Priority,
    r.EstimatedResponseMs,
    r.IsAutonomous,
    r.AutonomousTrigger,
    r.AutonomousDepth,
    r.RequestedAt,
    DATEADD(MILLISECOND, ISNULL(r.EstimatedResponseMs, 0), r.RequestedAt) AS DueAt
FROM dbo.InferenceRequests AS r
WHERE r.Status = N'Pending';
