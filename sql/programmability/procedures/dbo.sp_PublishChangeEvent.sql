-- Publishes one change event { entityType, operation, changedAt, keys } on a new dialog from
-- ChangeEventInitiatorService to ChangeEventTargetService (sql/broker/service-broker.sql).
CREATE OR ALTER PROCEDURE [dbo].[sp_PublishChangeEvent]
    @EntityType NVARCHAR(64),
    @Operation NVARCHAR(16),
    @KeysJson NVARCHAR(MAX)
AS
BEGIN
    SET NOCOUNT ON;

    IF @Operation IS NULL OR @Operation NOT IN (N'insert', N'update', N'delete')
        THROW 50091, N'sp_PublishChangeEvent: @Operation must be insert, update or delete.', 1;
    IF @KeysJson IS NULL OR ISJSON(@KeysJson) <> 1
        THROW 50092, N'sp_PublishChangeEvent: @KeysJson must be a JSON object or array.', 1;

    DECLARE @body NVARCHAR(MAX) = (
        SELECT
            @EntityType AS entityType,
            @Operation AS operation,
            SYSUTCDATETIME() AS changedAt,
            JSON_QUERY(@KeysJson) AS keys
        FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
    );
    DECLARE @handle UNIQUEIDENTIFIER;

    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE [//Hartonomous/Changes/ChangeEventInitiatorService]
        TO SERVICE N'//Hartonomous/Changes/ChangeEventTargetService', N'CURRENT DATABASE'
        ON CONTRACT [//Hartonomous/Changes/ChangeEventContract]
        WITH ENCRYPTION = OFF, LIFETIME = 86400;

    SEND ON CONVERSATION @handle
        MESSAGE TYPE [//Hartonomous/Changes/ChangeEvent] (@body);
END;
