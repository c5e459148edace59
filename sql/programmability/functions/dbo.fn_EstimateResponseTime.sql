-- Expected response time (ms) of a request: the mean duration of recent completed requests of the
-- same complexity (and model, when given) once there are at least 5 of them, else a quadratic
-- heuristic; multiplied by the queueing factor of the SLA tier.
CREATE OR ALTER FUNCTION [dbo].[fn_EstimateResponseTime]
(
    @Complexity INT,
    @SlaTier NVARCHAR(16),
    @ModelName NVARCHAR(128)
)
RETURNS INT
AS
BEGIN
    DECLARE @clampedComplexity INT = CASE WHEN @Complexity IS NULL OR @Complexity < 1 THEN 1 WHEN @Complexity > 10 THEN 10 ELSE @Complexity END;
    DECLARE @since DATETIME2(3) = DATEADD(DAY, -7, SYSUTCDATETIME());
    DECLARE @samples INT;
    DECLARE @meanMs FLOAT;

    SELECT @samples = COUNT(*), @meanMs = AVG(CAST(r.DurationMs AS FLOAT))
    FROM dbo.InferenceRequests AS r
    WHERE r.Status = N'Completed'
      AND r.Complexity = @clampedComplexity
      AND r.DurationMs IS NOT NULL
      AND r.CompletedAt >= @since
      AND (@ModelName IS NULL OR r.ModelName = @ModelName);

    DECLARE @baseMs FLOAT = CASE WHEN @samples >= 5 THEN @meanMs ELSE 150.0 * @clampedComplexity * @clampedComplexity END;
    DECLARE @queueFactor FLOAT = CASE @SlaTier WHEN N'realtime' THEN 1.0 WHEN N'standard' THEN 1.5 ELSE 4.0 END;

    RETURN CAST(CEILING(@baseMs * @queueFactor) AS INT);
END;
