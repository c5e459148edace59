-- Housekeeping of the activation-free design: the receivers end each dialog, which puts an EndDialog
-- (or, on failure, an Error) message on the initiator queues. This drains both initiator queues and
-- ends the initiator side of those dialogs, so sys.conversation_endpoints does not grow. Run it on a
-- timer or by hand; it returns how many dialogs it closed.
CREATE OR ALTER PROCEDURE [dbo].[sp_EndBrokerConversations]
    @BatchSize INT = 500
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @ended TABLE (ConversationHandle UNIQUEIDENTIFIER NOT NULL PRIMARY KEY);
    DECLARE @batch TABLE (ConversationHandle UNIQUEIDENTIFIER NOT NULL, MessageTypeName NVARCHAR(256) NOT NULL);
    DECLARE @handle UNIQUEIDENTIFIER;
    DECLARE @received INT = 1;

    IF @BatchSize IS NULL OR @BatchSize < 1
        SET @BatchSize = 500;

    WHILE @received > 0
    BEGIN
        DELETE FROM @batch;
        BEGIN TRANSACTION;

        RECEIVE TOP (@BatchSize) conversation_handle, message_type_name
        FROM [provenance].[ProvenanceSyncInitiatorQueue]
        INTO @batch;

        RECEIVE TOP (@BatchSize) conversation_handle, message_type_name
        FROM [dbo].[ChangeEventInitiatorQueue]
        INTO @batch;

        SET @received = (SELECT COUNT(*) FROM @batch);

        DECLARE dialogs CURSOR LOCAL FAST_FORWARD FOR
            SELECT DISTINCT b.ConversationHandle
            FROM @batch AS b
            WHERE b.MessageTypeName IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog',
                                        N'http://schemas.microsoft.com/SQL/ServiceBroker/Error');
        OPEN dialogs;
        FETCH NEXT FROM dialogs INTO @handle;
        WHILE @@FETCH_STATUS = 0
        BEGIN
            END CONVERSATION @handle;
            IF NOT EXISTS (SELECT 1 FROM @ended AS e WHERE e.ConversationHandle = @handle)
                INSERT INTO @ended (ConversationHandle) VALUES (@handle);
            FETCH NEXT FROM dialogs INTO @handle;
        END;
        CLOSE dialogs;
        DEALLOCATE dialogs;

        COMMIT TRANSACTION;
    END;

    SELECT COUNT(*) AS ConversationsEnded FROM @ended;
END;
