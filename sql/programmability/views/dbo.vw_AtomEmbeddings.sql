-- What the retrieval services read: active atoms with their embeddings and map coordinates.
CREATE OR ALTER VIEW [dbo].[vw_AtomEmbeddings]
AS
SELECT
    a.AtomId,
    a.TenantId,
    a.AtomKey,
    a.Modality,
    a.CanonicalText,
    a.QualityScore,
    a.SpatialKey.STX AS MapX,
    a.SpatialKey.STY AS MapY,
    e.AtomEmbeddingId,
    e.ModelName,
    e.Dimension,
    e.EmbeddingVector
FROM dbo.Atoms AS a
JOIN dbo.AtomEmbeddings AS e ON e.AtomId = a.AtomId
WHERE a.IsActive = 1;
