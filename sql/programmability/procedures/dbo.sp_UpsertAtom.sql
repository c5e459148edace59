-- Inserts or updates one atom on its natural key (TenantId, AtomKey), with its map point and, when
-- given, its embedding for @ModelName. An unchanged atom is not touched, so re-sending the same atom
-- adds no row to dbo.AtomsHistory and fires no change event.
CREATE OR ALTER PROCEDURE [dbo].[sp_UpsertAtom]
    @TenantId INT,
    @AtomKey NVARCHAR(128),
    @CanonicalText NVARCHAR(MAX) = NULL,
    @Modality NVARCHAR(32) = N'text',
    @Content VARBINARY(MAX) = NULL,
    @ContentType NVARCHAR(100) = NULL,
    @SpatialX FLOAT = NULL,
    @SpatialY FLOAT = NULL,
    @ModelName NVARCHAR(128) = NULL,
    @EmbeddingVector VARBINARY(MAX) = NULL,
    @AtomId BIGINT = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @AtomKey IS NULL OR LEN(@AtomKey) = 0
        THROW 50001, N'sp_UpsertAtom: @AtomKey is required.', 1;
    IF NOT EXISTS (SELECT 1 FROM dbo.Tenants WHERE TenantId = @TenantId)
        THROW 50002, N'sp_UpsertAtom: @TenantId names no tenant.', 1;
    IF (@SpatialX IS NULL AND @SpatialY IS NOT NULL) OR (@SpatialX IS NOT NULL AND @SpatialY IS NULL)
        THROW 50003, N'sp_UpsertAtom: give both @SpatialX and @SpatialY, or neither.', 1;
    IF @EmbeddingVector IS NOT NULL
       AND (@ModelName IS NULL OR DATALENGTH(@EmbeddingVector) = 0 OR DATALENGTH(@EmbeddingVector) % 4 <> 0
            OR DATALENGTH(@EmbeddingVector) / 4 > 4096)
        THROW 50004, N'sp_UpsertAtom: @EmbeddingVector must be 1-4096 float32 values (4 bytes each) and needs @ModelName.', 1;

    DECLARE @effectiveModality NVARCHAR(32) = ISNULL(@Modality, N'text');
    DECLARE @hash BINARY(32) =
        CASE
            WHEN @Content IS NOT NULL THEN HASHBYTES('SHA2_256', @Content)
            WHEN @CanonicalText IS NOT NULL THEN HASHBYTES('SHA2_256', @CanonicalText)
        END;
    DECLARE @point GEOMETRY = CASE WHEN @SpatialX IS NULL THEN NULL ELSE geometry::Point(@SpatialX, @SpatialY, 0) END;

    BEGIN TRANSACTION;

    SET @AtomId = NULL;
    SELECT @AtomId = a.AtomId
    FROM dbo.Atoms AS a WITH (UPDLOCK, HOLDLOCK)
    WHERE a.TenantId = @TenantId AND a.AtomKey = @AtomKey;

    IF @AtomId IS NULL
    BEGIN
        INSERT INTO dbo.Atoms (TenantId, AtomKey, Modality, CanonicalText, Content, ContentType, ContentHash, SpatialKey)
        VALUES (@TenantId, @AtomKey, @effectiveModality, @CanonicalText, @Content, @ContentType, @hash, @point);
        SET @AtomId = CAST(SCOPE_IDENTITY() AS BIGINT);
    END
    ELSE
    BEGIN
        UPDATE a
        SET Modality = @effectiveModality,
            CanonicalText = @CanonicalText,
            Content = @Content,
            ContentType = @ContentType,
            ContentHash = @hash,
            SpatialKey = @point,
            IsActive = 1,
            UpdatedAt = SYSUTCDATETIME()
        FROM dbo.Atoms AS a
        WHERE a.AtomId = @AtomId
          AND EXISTS (
              SELECT @effectiveModality, @CanonicalText, @hash, @ContentType, @SpatialX, @SpatialY, CAST(1 AS BIT)
              EXCEPT
              SELECT a.Modality, a.CanonicalText, a.ContentHash, a.ContentType, a.SpatialKey.STX, a.SpatialKey.STY, a.IsActive
          );
    END;

    IF @EmbeddingVector IS NOT NULL
    BEGIN
        UPDATE e
        SET EmbeddingVector = @EmbeddingVector,
            Dimension = DATALENGTH(@EmbeddingVector) / 4,
            UpdatedAt = SYSUTCDATETIME()
        FROM dbo.AtomEmbeddings AS e
        WHERE e.AtomId = @AtomId AND e.ModelName = @ModelName AND e.EmbeddingVector <> @EmbeddingVector;

        IF NOT EXISTS (SELECT 1 FROM dbo.AtomEmbeddings AS e WHERE e.AtomId = @AtomId AND e.ModelName = @ModelName)
            INSERT INTO dbo.AtomEmbeddings (AtomId, ModelName, Dimension, EmbeddingVector)
            VALUES (@AtomId, @ModelName, DATALENGTH(@EmbeddingVector) / 4, @EmbeddingVector);
    END;

    COMMIT TRANSACTION;
END;
