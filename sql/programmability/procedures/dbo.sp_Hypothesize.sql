-- Autonomous processing: proposes hypotheses where the knowledge of a tenant looks weakest. A concept
-- cluster is weak when its atoms are loosely grouped (low Cohesion) or poorly rated (low mean
-- QualityScore): Weakness = ((1 - Cohesion) + (1 - MeanQuality)) / 2, in [0, 1.5]. For the weakest
-- clusters at or above @MinWeakness that have no open hypothesis yet, it queues an autonomous
-- InferenceRequest (TaskType 'hypothesis', IsAutonomous 1, HypothesisJson describing the cluster and
-- its most representative atoms), priced with the fn_* functions, and records those atoms in
-- InferenceAtomUsage (role 'hypothesis'). @ParentInferenceRequestId chains a follow-up hypothesis;
-- chains stop at @MaxDepth. Returns the requests it created.
CREATE OR ALTER PROCEDURE [dbo].[sp_Hypothesize]
    @TenantId INT,
    @MaxHypotheses INT = 5,
    @MinWeakness FLOAT = 0.4,
    @ParentInferenceRequestId BIGINT = NULL,
    @MaxDepth INT = 3,
    @ModelName NVARCHAR(128) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @MaxHypotheses IS NULL OR @MaxHypotheses < 1 OR @MaxHypotheses > 100
        THROW 50051, N'sp_Hypothesize: @MaxHypotheses must be from 1 to 100.', 1;
    IF NOT EXISTS (SELECT 1 FROM dbo.Tenants WHERE TenantId = @TenantId AND IsActive = 1)
        THROW 50052, N'sp_Hypothesize: @TenantId names no active tenant.', 1;

    DECLARE @depth INT = 0;
    IF @ParentInferenceRequestId IS NOT NULL
    BEGIN
        SELECT @depth = r.AutonomousDepth + 1
        FROM dbo.InferenceRequests AS r
        WHERE r.InferenceRequestId = @ParentInferenceRequestId AND r.TenantId = @TenantId;
        IF @@ROWCOUNT = 0
            THROW 50053, N'sp_Hypothesize: @ParentInferenceRequestId names no request of this tenant.', 1;
        IF @depth > @MaxDepth
        BEGIN
            -- The chain is deep enough: nothing to do, which is not an error.
            SELECT CAST(NULL AS BIGINT) AS InferenceRequestId, CAST(NULL AS INT) AS ConceptId WHERE 1 = 0;
            RETURN;
        END;
    END;

    DECLARE @candidates TABLE (
        ConceptId INT NOT NULL PRIMARY KEY,
        Label NVARCHAR(200) NOT NULL,
        AtomCount INT NOT NULL,
        Cohesion FLOAT NULL,
        MeanQuality FLOAT NOT NULL,
        Weakness FLOAT NOT NULL,
        PromptText NVARCHAR(MAX) NOT NULL,
        HypothesisJson NVARCHAR(MAX) NOT NULL
    );
    DECLARE @created TABLE (InferenceRequestId BIGINT NOT NULL PRIMARY KEY, ConceptId INT NOT NULL);

    INSERT INTO @candidates (ConceptId, Label, AtomCount, Cohesion, MeanQuality, Weakness, PromptText, HypothesisJson)
    SELECT TOP (@MaxHypotheses)
        w.ConceptId,
        w.Label,
        w.AtomCount,
        w.Cohesion,
        w.MeanQuality,
        w.Weakness,
        CONCAT(N'Investigate the concept "', w.Label, N'": ', w.AtomCount, N' atoms, cohesion ',
               ISNULL(CONVERT(NVARCHAR(32), ROUND(w.Cohesion, 3)), N'unknown'), N', mean quality ',
               CONVERT(NVARCHAR(32), ROUND(w.MeanQuality, 3)),
               N'. Propose what is missing or wrong and which atoms to revise.'),
        (
            SELECT
                w.ConceptId AS conceptId,
                w.Label AS label,
                w.AtomCount AS atomCount,
                w.Cohesion AS cohesion,
                w.MeanQuality AS meanQuality,
                w.Weakness AS weakness,
                JSON_QUERY((
                    SELECT TOP (5) a.AtomId AS atomId, a.AtomKey AS atomKey, m.Similarity AS similarity
                    FROM dbo.AtomConceptMembership AS m
                    JOIN dbo.Atoms AS a ON a.AtomId = m.AtomId
                    WHERE m.ConceptId = w.ConceptId
                    ORDER BY m.Similarity DESC, a.AtomId
                    FOR JSON PATH
                )) AS representativeAtoms
            FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
        )
    FROM (
        SELECT
            c.ConceptId,
            c.Label,
            c.AtomCount,
            c.Cohesion,
            q.MeanQuality,
            ((1.0 - ISNULL(c.Cohesion, 0.0)) + (1.0 - q.MeanQuality)) / 2.0 AS Weakness
        FROM dbo.ConceptClusters AS c
        CROSS APPLY (
            SELECT ISNULL(AVG(a.QualityScore), 0.0) AS MeanQuality
            FROM dbo.AtomConceptMembership AS m
            JOIN dbo.Atoms AS a ON a.AtomId = m.AtomId
            WHERE m.ConceptId = c.ConceptId
        ) AS q
        WHERE c.TenantId = @TenantId
          AND c.AtomCount > 0
          AND NOT EXISTS (
              SELECT 1
              FROM dbo.InferenceRequests AS open_r
              WHERE open_r.SourceConceptId = c.ConceptId
                AND open_r.IsAutonomous = 1
                AND open_r.Status IN (N'Pending', N'Running')
          )
    ) AS w
    WHERE w.Weakness >= @MinWeakness
    ORDER BY w.Weakness DESC, w.ConceptId;

    BEGIN TRANSACTION;

    INSERT INTO dbo.InferenceRequests
        (TenantId, TaskType, ModelName, InputText, InputHash, Complexity, SlaTier, EstimatedResponseMs, Priority,
         IsAutonomous, AutonomousTrigger, ParentInferenceRequestId, AutonomousDepth, SourceConceptId, HypothesisJson)
    OUTPUT inserted.InferenceRequestId, inserted.SourceConceptId INTO @created (InferenceRequestId, ConceptId)
    SELECT
        @TenantId,
        N'hypothesis',
        @ModelName,
        c.PromptText,
        HASHBYTES('SHA2_256', c.PromptText),
        p.Complexity,
        p.SlaTier,
        dbo.fn_EstimateResponseTime(p.Complexity, p.SlaTier, @ModelName),
        CAST(ROUND(c.Weakness * 100.0, 0) AS INT),
        1,
        N'weak-concept',
        @ParentInferenceRequestId,
        @depth,
        c.ConceptId,
        c.HypothesisJson
    FROM @candidates AS c
    CROSS APPLY (
        SELECT
            dbo.fn_CalculateComplexity(c.PromptText, N'hypothesis') AS Complexity,
            dbo.fn_DetermineSla(@TenantId, dbo.fn_CalculateComplexity(c.PromptText, N'hypothesis')) AS SlaTier
    ) AS p;

    INSERT INTO dbo.InferenceAtomUsage (InferenceRequestId, AtomId, UsageRole, RelevanceScore)
    SELECT x.InferenceRequestId, top_atoms.AtomId, N'hypothesis', top_atoms.Similarity
    FROM @created AS x
    CROSS APPLY (
        SELECT TOP (5) m.AtomId, m.Similarity
        FROM dbo.AtomConceptMembership AS m
        WHERE m.ConceptId = x.ConceptId
        ORDER BY m.Similarity DESC, m.AtomId
    ) AS top_atoms;

    COMMIT TRANSACTION;

    SELECT r.InferenceRequestId, r.RequestGuid, r.SourceConceptId AS ConceptId, r.Priority, r.SlaTier,
           r.EstimatedResponseMs, r.AutonomousDepth, r.HypothesisJson
    FROM dbo.InferenceRequests AS r
    JOIN @created AS x ON x.InferenceRequestId = r.InferenceRequestId
    ORDER BY r.Priority DESC, r.InferenceRequestId;
END;
