-- Concept clusters with their size, cohesion, map centre and the mean quality of their atoms.
CREATE OR ALTER VIEW [dbo].[vw_ConceptClusterSummary]
AS
SELECT
    c.ConceptId,
    c.TenantId,
    c.ConceptKey,
    c.Label,
    c.ModelName,
    c.AtomCount,
    c.Cohesion,
    c.CenterPoint.STX AS CenterX,
    c.CenterPoint.STY AS CenterY,
    q.MeanQuality,
    c.ClusteredAt
FROM dbo.ConceptClusters AS c
OUTER APPLY (
    SELECT AVG(a.QualityScore) AS MeanQuality
    FROM dbo.AtomConceptMembership AS m
    JOIN dbo.Atoms AS a ON a.AtomId = m.AtomId
    WHERE m.ConceptId = c.ConceptId
) AS q;
