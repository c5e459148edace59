-- The @TopK atoms of a tenant whose @ModelName embedding is most similar (cosine, computed by the
-- CLR function dbo.clr_CosineSimilarity over float32 little-endian bytes) to @QueryVector.
CREATE OR ALTER PROCEDURE [dbo].[sp_FindNearestAtoms]
    @TenantId INT,
    @QueryVector VARBINARY(MAX),
    @ModelName NVARCHAR(128),
    @TopK INT = 10,
    @MinSimilarity FLOAT = NULL,
    @ExcludeAtomId BIGINT = NULL
AS
BEGIN
    SET NOCOUNT ON;

    IF @QueryVector IS NULL OR DATALENGTH(@QueryVector) = 0 OR DATALENGTH(@QueryVector) % 4 <> 0
        THROW 50011, N'sp_FindNearestAtoms: @QueryVector must be float32 little-endian bytes (4 per dimension).', 1;
    IF @TopK IS NULL OR @TopK < 1 OR @TopK > 1000
        THROW 50012, N'sp_FindNearestAtoms: @TopK must be from 1 to 1000.', 1;

    DECLARE @dimension INT = DATALENGTH(@QueryVector) / 4;

    SELECT TOP (@TopK)
        a.AtomId,
        a.AtomKey,
        a.CanonicalText,
        a.SpatialKey.STX AS MapX,
        a.SpatialKey.STY AS MapY,
        scored.Similarity
    FROM dbo.AtomEmbeddings AS e
    JOIN dbo.Atoms AS a ON a.AtomId = e.AtomId
    CROSS APPLY (SELECT dbo.clr_CosineSimilarity(e.EmbeddingVector, @QueryVector) AS Similarity) AS scored
    WHERE a.TenantId = @TenantId
      AND a.IsActive = 1
      AND e.ModelName = @ModelName
      AND e.Dimension = @dimension
      AND (@ExcludeAtomId IS NULL OR a.AtomId <> @ExcludeAtomId)
      AND (@MinSimilarity IS NULL OR scored.Similarity >= @MinSimilarity)
    ORDER BY scored.Similarity DESC, a.AtomId;
END;
