-- Learns from user feedback. Claims up to @BatchSize unprocessed ratings (oldest first; READPAST lets
-- several workers share the queue), turns each rating 1–5 into a signal in [-1, 1], adds the
-- relevance-weighted signal to the FeedbackWeight of every atom the rated request used, and moves
-- each such atom's QualityScore towards its signal by @LearningRate (an exponential moving average,
-- which keeps the score in [-1, 1]). Returns one row: feedback processed, requests and atoms affected.
CREATE OR ALTER PROCEDURE [dbo].[sp_ProcessFeedback]
    @BatchSize INT = 500,
    @LearningRate FLOAT = 0.1
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @BatchSize IS NULL OR @BatchSize < 1
        THROW 50031, N'sp_ProcessFeedback: @BatchSize must be at least 1.', 1;
    IF @LearningRate IS NULL OR @LearningRate <= 0 OR @LearningRate > 1
        THROW 50032, N'sp_ProcessFeedback: @LearningRate must be in (0, 1].', 1;

    DECLARE @claimed TABLE (FeedbackId BIGINT NOT NULL PRIMARY KEY, InferenceRequestId BIGINT NOT NULL, Signal FLOAT NOT NULL);
    DECLARE @perRequest TABLE (InferenceRequestId BIGINT NOT NULL PRIMARY KEY, Signal FLOAT NOT NULL);
    DECLARE @atomsUpdated INT = 0;

    BEGIN TRANSACTION;

    WITH oldest AS (
        SELECT TOP (@BatchSize) f.FeedbackId, f.InferenceRequestId, f.Rating, f.ProcessedAt
        FROM dbo.InferenceFeedback AS f WITH (UPDLOCK, READPAST, ROWLOCK)
        WHERE f.ProcessedAt IS NULL
        ORDER BY f.SubmittedAt, f.FeedbackId
    )
    UPDATE oldest
    SET ProcessedAt = SYSUTCDATETIME()
    OUTPUT inserted.FeedbackId, inserted.InferenceRequestId, (CAST(inserted.Rating AS FLOAT) - 3.0) / 2.0
    INTO @claimed (FeedbackId, InferenceRequestId, Signal);

    INSERT INTO @perRequest (InferenceRequestId, Signal)
    SELECT c.InferenceRequestId, AVG(c.Signal)
    FROM @claimed AS c
    GROUP BY c.InferenceRequestId;

    UPDATE u
    SET FeedbackWeight = u.FeedbackWeight + r.Signal * ISNULL(u.RelevanceScore, 1.0)
    FROM dbo.InferenceAtomUsage AS u
    JOIN @perRequest AS r ON r.InferenceRequestId = u.InferenceRequestId;

    WITH atomSignal AS (
        SELECT
            u.AtomId,
            SUM(r.Signal * ISNULL(u.RelevanceScore, 1.0)) / SUM(ISNULL(u.RelevanceScore, 1.0)) AS Signal
        FROM dbo.InferenceAtomUsage AS u
        JOIN @perRequest AS r ON r.InferenceRequestId = u.InferenceRequestId
        WHERE u.RelevanceScore IS NULL OR u.RelevanceScore > 0
        GROUP BY u.AtomId
    )
    UPDATE a
    SET QualityScore = a.QualityScore + @LearningRate * (s.Signal - a.QualityScore),
        UpdatedAt = SYSUTCDATETIME()
    FROM dbo.Atoms AS a
    JOIN atomSignal AS s ON s.AtomId = a.AtomId;
    SET @atomsUpdated = @@ROWCOUNT;

    COMMIT TRANSACTION;

    SELECT
        (SELECT COUNT(*) FROM @claimed) AS FeedbackProcessed,
        (SELECT COUNT(*) FROM @perRequest) AS RequestsAffected,
        @atomsUpdated AS AtomsUpdated;
END;
