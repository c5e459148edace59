-- Queues one provenance message for the Neo4j sync worker: a JSON envelope
-- { entityType, entityKey, sentAt, payload } on a new dialog from SyncInitiatorService to
-- SyncTargetService (service and contract created by sql/broker/service-broker.sql).
CREATE OR ALTER PROCEDURE [provenance].[sp_EnqueueProvenanceSync]
    @EntityType NVARCHAR(64),
    @EntityKey NVARCHAR(256) = NULL,
    @Payload NVARCHAR(MAX)
AS
BEGIN
    SET NOCOUNT ON;

    IF @EntityType IS NULL OR LEN(@EntityType) = 0
        THROW 50061, N'sp_EnqueueProvenanceSync: @EntityType is required.', 1;
    IF @Payload IS NULL OR ISJSON(@Payload) <> 1
        THROW 50062, N'sp_EnqueueProvenanceSync: @Payload must be a JSON object or array.', 1;

    DECLARE @body NVARCHAR(MAX) = (
        SELECT
            @EntityType AS entityType,
            @EntityKey AS entityKey,
            SYSUTCDATETIME() AS sentAt,
            JSON_QUERY(@Payload) AS payload
        FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
    );
    DECLARE @handle UNIQUEIDENTIFIER;

    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE [//Hartonomous/Provenance/SyncInitiatorService]
        TO SERVICE N'//Hartonomous/Provenance/SyncTargetService', N'CURRENT DATABASE'
        ON CONTRACT [//Hartonomous/Provenance/SyncContract]
        WITH ENCRYPTION = OFF, LIFETIME = 86400;

    SEND ON CONVERSATION @handle
        MESSAGE TYPE [//Hartonomous/Provenance/SyncRequest] (@body);
END;
