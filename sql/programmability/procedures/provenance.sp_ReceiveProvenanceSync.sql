-- The sync worker's read: takes up to @MaxMessages provenance messages (waiting up to @TimeoutMs
-- when the queue is empty, 0 = do not wait), ends their dialogs and returns the JSON bodies in
-- queue order. Delivery is at most once: the worker marks what reached the graph with
-- provenance.sp_MarkProvenanceSynced, and GenerationStreams.ProvenanceSyncedAt IS NULL shows the rest.
CREATE OR ALTER PROCEDURE [provenance].[sp_ReceiveProvenanceSync]
    @MaxMessages INT = 100,
    @TimeoutMs INT = 0
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @MaxMessages IS NULL OR @MaxMessages < 1
        THROW 50071, N'sp_ReceiveProvenanceSync: @MaxMessages must be at least 1.', 1;

    DECLARE @messages TABLE (
        QueuingOrder BIGINT NOT NULL,
        ConversationHandle UNIQUEIDENTIFIER NOT NULL,
        MessageTypeName NVARCHAR(256) NOT NULL,
        MessageBody VARBINARY(MAX) NULL
    );
    DECLARE @handle UNIQUEIDENTIFIER;

    BEGIN TRANSACTION;

    IF ISNULL(@TimeoutMs, 0) > 0
        WAITFOR (
            RECEIVE TOP (@MaxMessages) queuing_order, conversation_handle, message_type_name, message_body
            FROM [provenance].[ProvenanceSyncQueue]
            INTO @messages
        ), TIMEOUT @TimeoutMs;
    ELSE
        RECEIVE TOP (@MaxMessages) queuing_order, conversation_handle, message_type_name, message_body
        FROM [provenance].[ProvenanceSyncQueue]
        INTO @messages;

    DECLARE dialogs CURSOR LOCAL FAST_FORWARD FOR
        SELECT DISTINCT m.ConversationHandle FROM @messages AS m;
    OPEN dialogs;
    FETCH NEXT FROM dialogs INTO @handle;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        END CONVERSATION @handle;
        FETCH NEXT FROM dialogs INTO @handle;
    END;
    CLOSE dialogs;
    DEALLOCATE dialogs;

    COMMIT TRANSACTION;

    SELECT m.QueuingOrder, m.ConversationHandle, CAST(m.MessageBody AS NVARCHAR(MAX)) AS MessageBody
    FROM @messages AS m
    WHERE m.MessageTypeName = N'//Hartonomous/Provenance/SyncRequest'
    ORDER BY m.QueuingOrder;
END;
