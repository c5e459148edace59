CREATE PROCEDURE [dbo].[sp_UpsertAtom]
    @TenantId INT,
    @AtomKey NVARCHAR (128),
    @CanonicalText NVARCHAR (MAX),
    @AtomId BIGINT OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SELECT @AtomId = [AtomId] FROM [dbo].[Atoms] WHERE [TenantId] = @TenantId AND [AtomKey] = @AtomKey;
    IF @AtomId IS NULL
    BEGIN
        INSERT INTO [dbo].[Atoms] ([TenantId], [AtomKey], [CanonicalText]) VALUES (@TenantId, @AtomKey, @CanonicalText);
        SET @AtomId = CAST(SCOPE_IDENTITY() AS BIGINT);
    END
    ELSE
        UPDATE [dbo].[Atoms] SET [CanonicalText] = @CanonicalText WHERE [AtomId] = @AtomId;
END
GO
