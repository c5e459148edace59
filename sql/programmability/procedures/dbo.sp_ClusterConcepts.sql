-- Finds the concept clusters of a tenant on the concept map (Atoms.SpatialKey):
--  1. seeds: grid cells of @CellSize holding at least @MinClusterSize atoms, centred on their atoms;
--  2. every atom with a map point joins the nearest seed centre (one k-means assignment step);
--  3. each cluster gets its map centre, its embedding centroid (the CLR aggregate dbo.agg_VectorMean
--     over its members' @ModelName embeddings), its members' cosine to the centroid
--     (dbo.clr_CosineSimilarity) and its cohesion (their mean).
-- Concepts are upserted on (TenantId, ConceptKey = 'map:<cell size>:<x>:<y>'); a map concept that no
-- longer has atoms keeps its row (requests may name it) with AtomCount 0. Returns the clusters.
CREATE OR ALTER PROCEDURE [dbo].[sp_ClusterConcepts]
    @TenantId INT,
    @ModelName NVARCHAR(128),
    @CellSize FLOAT = 0.2,
    @MinClusterSize INT = 3
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @CellSize IS NULL OR @CellSize <= 0 OR @CellSize > 2
        THROW 50041, N'sp_ClusterConcepts: @CellSize must be in (0, 2] (the map spans [-1, 1]).', 1;
    IF @MinClusterSize IS NULL OR @MinClusterSize < 1
        THROW 50042, N'sp_ClusterConcepts: @MinClusterSize must be at least 1.', 1;
    IF @ModelName IS NULL
        THROW 50043, N'sp_ClusterConcepts: @ModelName is required (it selects the embeddings of the centroids).', 1;

    DECLARE @keyPrefix NVARCHAR(64) = CONCAT(N'map:', CONVERT(NVARCHAR(32), @CellSize), N':');

    DECLARE @seeds TABLE (
        CellX INT NOT NULL,
        CellY INT NOT NULL,
        CenterX FLOAT NOT NULL,
        CenterY FLOAT NOT NULL,
        PRIMARY KEY (CellX, CellY)
    );
    DECLARE @assigned TABLE (
        AtomId BIGINT NOT NULL PRIMARY KEY,
        CellX INT NOT NULL,
        CellY INT NOT NULL,
        MapDistance FLOAT NOT NULL
    );
    DECLARE @clusters TABLE (
        CellX INT NOT NULL,
        CellY INT NOT NULL,
        ConceptKey NVARCHAR(128) NOT NULL,
        Members INT NOT NULL,
        CenterX FLOAT NOT NULL,
        CenterY FLOAT NOT NULL,
        Dimension INT NULL,
        Centroid VARBINARY(MAX) NULL,
        PRIMARY KEY (CellX, CellY)
    );
    DECLARE @concepts TABLE (ConceptId INT NOT NULL PRIMARY KEY, ConceptKey NVARCHAR(128) NOT NULL UNIQUE);

    -- 1. Seeds.
    INSERT INTO @seeds (CellX, CellY, CenterX, CenterY)
    SELECT g.CellX, g.CellY, AVG(g.X), AVG(g.Y)
    FROM (
        SELECT
            CAST(FLOOR(a.SpatialKey.STX / @CellSize) AS INT) AS CellX,
            CAST(FLOOR(a.SpatialKey.STY / @CellSize) AS INT) AS CellY,
            a.SpatialKey.STX AS X,
            a.SpatialKey.STY AS Y
        FROM dbo.Atoms AS a
        WHERE a.TenantId = @TenantId AND a.IsActive = 1 AND a.SpatialKey IS NOT NULL
    ) AS g
    GROUP BY g.CellX, g.CellY
    HAVING COUNT(*) >= @MinClusterSize;

    -- 2. Assignment to the nearest seed centre.
    INSERT INTO @assigned (AtomId, CellX, CellY, MapDistance)
    SELECT a.AtomId, nearest.CellX, nearest.CellY, nearest.Distance
    FROM dbo.Atoms AS a
    CROSS APPLY (
        SELECT TOP (1)
            s.CellX,
            s.CellY,
            a.SpatialKey.STDistance(geometry::Point(s.CenterX, s.CenterY, 0)) AS Distance
        FROM @seeds AS s
        ORDER BY a.SpatialKey.STDistance(geometry::Point(s.CenterX, s.CenterY, 0)), s.CellX, s.CellY
    ) AS nearest
    WHERE a.TenantId = @TenantId AND a.IsActive = 1 AND a.SpatialKey IS NOT NULL;

    -- 3. Cluster centres, then embedding centroids (an inner join: the aggregate only sees vectors).
    INSERT INTO @clusters (CellX, CellY, ConceptKey, Members, CenterX, CenterY)
    SELECT
        x.CellX,
        x.CellY,
        CONCAT(@keyPrefix, x.CellX, N':', x.CellY),
        COUNT(*),
        AVG(a.SpatialKey.STX),
        AVG(a.SpatialKey.STY)
    FROM @assigned AS x
    JOIN dbo.Atoms AS a ON a.AtomId = x.AtomId
    GROUP BY x.CellX, x.CellY;

    UPDATE cl
    SET Dimension = v.Dimension, Centroid = v.Centroid
    FROM @clusters AS cl
    JOIN (
        SELECT x.CellX, x.CellY, MAX(e.Dimension) AS Dimension, dbo.agg_VectorMean(e.EmbeddingVector) AS Centroid
        FROM @assigned AS x
        JOIN dbo.AtomEmbeddings AS e ON e.AtomId = x.AtomId AND e.ModelName = @ModelName
        GROUP BY x.CellX, x.CellY
    ) AS v ON v.CellX = cl.CellX AND v.CellY = cl.CellY;

    BEGIN TRANSACTION;

    MERGE dbo.ConceptClusters AS t
    USING @clusters AS s
        ON t.TenantId = @TenantId AND t.ConceptKey = s.ConceptKey
    WHEN MATCHED THEN
        UPDATE SET
            Label = CONCAT(N'Map region (', s.CellX, N', ', s.CellY, N')'),
            ModelName = @ModelName,
            Dimension = CASE WHEN s.Centroid IS NULL THEN NULL ELSE s.Dimension END,
            CentroidVector = s.Centroid,
            CenterPoint = geometry::Point(s.CenterX, s.CenterY, 0),
            AtomCount = s.Members,
            ClusteredAt = SYSUTCDATETIME()
    WHEN NOT MATCHED BY TARGET THEN
        INSERT (TenantId, ConceptKey, Label, ModelName, Dimension, CentroidVector, CenterPoint, AtomCount)
        VALUES (@TenantId, s.ConceptKey, CONCAT(N'Map region (', s.CellX, N', ', s.CellY, N')'), @ModelName,
                CASE WHEN s.Centroid IS NULL THEN NULL ELSE s.Dimension END, s.Centroid,
                geometry::Point(s.CenterX, s.CenterY, 0), s.Members)
    OUTPUT inserted.ConceptId, inserted.ConceptKey INTO @concepts (ConceptId, ConceptKey);

    -- Memberships of map concepts are derived data: replace them wholesale.
    DELETE m
    FROM dbo.AtomConceptMembership AS m
    JOIN dbo.ConceptClusters AS c ON c.ConceptId = m.ConceptId
    WHERE c.TenantId = @TenantId AND c.ConceptKey LIKE N'map:%';

    INSERT INTO dbo.AtomConceptMembership (AtomId, ConceptId, Similarity, MapDistance)
    SELECT
        x.AtomId,
        k.ConceptId,
        CASE WHEN e.EmbeddingVector IS NULL OR c.CentroidVector IS NULL THEN NULL
             ELSE dbo.clr_CosineSimilarity(e.EmbeddingVector, c.CentroidVector) END,
        x.MapDistance
    FROM @assigned AS x
    JOIN @clusters AS cl ON cl.CellX = x.CellX AND cl.CellY = x.CellY
    JOIN @concepts AS k ON k.ConceptKey = cl.ConceptKey
    JOIN dbo.ConceptClusters AS c ON c.ConceptId = k.ConceptId
    LEFT JOIN dbo.AtomEmbeddings AS e ON e.AtomId = x.AtomId AND e.ModelName = @ModelName;

    UPDATE c
    SET Cohesion = q.MeanSimilarity
    FROM dbo.ConceptClusters AS c
    JOIN (
        SELECT m.ConceptId, AVG(m.Similarity) AS MeanSimilarity
        FROM dbo.AtomConceptMembership AS m
        JOIN @concepts AS k ON k.ConceptId = m.ConceptId
        GROUP BY m.ConceptId
    ) AS q ON q.ConceptId = c.ConceptId;

    -- Map concepts of this tenant that this run did not produce are now empty.
    UPDATE c
    SET AtomCount = 0, Cohesion = NULL, ClusteredAt = SYSUTCDATETIME()
    FROM dbo.ConceptClusters AS c
    WHERE c.TenantId = @TenantId
      AND c.ConceptKey LIKE N'map:%'
      AND NOT EXISTS (SELECT 1 FROM @concepts AS k WHERE k.ConceptId = c.ConceptId);

    COMMIT TRANSACTION;

    SELECT c.ConceptId, c.ConceptKey, c.Label, c.AtomCount, c.Cohesion, c.CenterPoint.STX AS CenterX, c.CenterPoint.STY AS CenterY
    FROM dbo.ConceptClusters AS c
    JOIN @concepts AS k ON k.ConceptId = c.ConceptId
    ORDER BY c.AtomCount DESC, c.ConceptKey;
END;
