-- Publishes one change event per statement that changes atoms (not one per row): the keys of every
-- inserted, updated or deleted atom, for the change-event consumers (search index, Neo4j mirror).
CREATE OR ALTER TRIGGER [dbo].[trg_Atoms_ChangeEvent]
ON [dbo].[Atoms]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    DECLARE @hasInserted BIT = CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN 1 ELSE 0 END;
    DECLARE @hasDeleted BIT = CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 1 ELSE 0 END;
    IF @hasInserted = 0 AND @hasDeleted = 0
        RETURN;

    DECLARE @operation NVARCHAR(16) =
        CASE WHEN @hasInserted = 1 AND @hasDeleted = 1 THEN N'update'
             WHEN @hasInserted = 1 THEN N'insert'
             ELSE N'delete' END;

    DECLARE @keys NVARCHAR(MAX) = (
        SELECT k.AtomId AS atomId, k.TenantId AS tenantId, k.AtomKey AS atomKey
        FROM (
            SELECT i.AtomId, i.TenantId, i.AtomKey FROM inserted AS i
            UNION
            SELECT d.AtomId, d.TenantId, d.AtomKey FROM deleted AS d
        ) AS k
        ORDER BY k.AtomId
        FOR JSON PATH
    );

    EXEC dbo.sp_PublishChangeEvent @EntityType = N'Atom', @Operation = @operation, @KeysJson = @keys;
END;
