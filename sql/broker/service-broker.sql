-- =============================================================================================
-- Service Broker objects of Hartonomous, re-runnable. Two one-way flows, both activation-free: no
-- queue starts a procedure on its own, so a developer can look at every message
-- (SELECT * FROM <queue>) and drain it by hand or from a service:
--   * provenance sync to Neo4j: provenance.sp_EnqueueProvenanceSync (called by the GenerationStreams
--     trigger) → provenance.ProvenanceSyncQueue → the sync worker calls provenance.sp_ReceiveProvenanceSync;
--   * change events: dbo.sp_PublishChangeEvent (called by the Atoms trigger) → dbo.ChangeEventQueue
--     → consumers call dbo.sp_ReceiveChangeEvents.
-- The receivers end each dialog; the EndDialog messages that come back to the initiator queues are
-- cleared by dbo.sp_EndBrokerConversations.
--
-- Facts of SQLSERVER-NOTES.md ("Service Broker") this script relies on:
--  * message types, contracts, queues and services have no CREATE OR ALTER: each CREATE is guarded by
--    its catalog view (sys.service_message_types, sys.service_contracts, sys.service_queues,
--    sys.services);
--  * a contract cannot be changed: when a contract exists without its expected message usage, its
--    services are dropped, then the contract, and both are created again (drop order: services,
--    queues, contracts, message types);
--  * the database phase has enabled the broker (is_broker_enabled); creating these objects does not
--    need it, delivering messages does.
-- Message bodies are JSON (NVARCHAR), which XML validation would reject: VALIDATION = NONE, and the
-- procedures check ISJSON before sending.
-- =============================================================================================

-- Message types.
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Hartonomous/Provenance/SyncRequest')
    CREATE MESSAGE TYPE [//Hartonomous/Provenance/SyncRequest] AUTHORIZATION [dbo] VALIDATION = NONE;

IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Hartonomous/Changes/ChangeEvent')
    CREATE MESSAGE TYPE [//Hartonomous/Changes/ChangeEvent] AUTHORIZATION [dbo] VALIDATION = NONE;
GO

-- A contract that exists without its expected message usage is stale: drop what depends on it.
IF EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Hartonomous/Provenance/SyncContract')
   AND NOT EXISTS (
       SELECT 1
       FROM sys.service_contracts AS c
       JOIN sys.service_contract_message_usages AS u ON u.service_contract_id = c.service_contract_id
       JOIN sys.service_message_types AS m ON m.message_type_id = u.message_type_id
       WHERE c.name = N'//Hartonomous/Provenance/SyncContract'
         AND m.name = N'//Hartonomous/Provenance/SyncRequest'
         AND u.is_sent_by_initiator = 1
         AND u.is_sent_by_target = 0)
BEGIN
    IF EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Provenance/SyncTargetService')
        DROP SERVICE [//Hartonomous/Provenance/SyncTargetService];
    IF EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Provenance/SyncInitiatorService')
        DROP SERVICE [//Hartonomous/Provenance/SyncInitiatorService];
    DROP CONTRACT [//Hartonomous/Provenance/SyncContract];
END;

IF EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Hartonomous/Changes/ChangeEventContract')
   AND NOT EXISTS (
       SELECT 1
       FROM sys.service_contracts AS c
       JOIN sys.service_contract_message_usages AS u ON u.service_contract_id = c.service_contract_id
       JOIN sys.service_message_types AS m ON m.message_type_id = u.message_type_id
       WHERE c.name = N'//Hartonomous/Changes/ChangeEventContract'
         AND m.name = N'//Hartonomous/Changes/ChangeEvent'
         AND u.is_sent_by_initiator = 1
         AND u.is_sent_by_target = 0)
BEGIN
    IF EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Changes/ChangeEventTargetService')
        DROP SERVICE [//Hartonomous/Changes/ChangeEventTargetService];
    IF EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Changes/ChangeEventInitiatorService')
        DROP SERVICE [//Hartonomous/Changes/ChangeEventInitiatorService];
    DROP CONTRACT [//Hartonomous/Changes/ChangeEventContract];
END;
GO

-- Contracts: one message type each, sent by the initiator only (one-way flows).
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Hartonomous/Provenance/SyncContract')
    CREATE CONTRACT [//Hartonomous/Provenance/SyncContract] AUTHORIZATION [dbo]
        ([//Hartonomous/Provenance/SyncRequest] SENT BY INITIATOR);

IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Hartonomous/Changes/ChangeEventContract')
    CREATE CONTRACT [//Hartonomous/Changes/ChangeEventContract] AUTHORIZATION [dbo]
        ([//Hartonomous/Changes/ChangeEvent] SENT BY INITIATOR);
GO

-- Queues: no ACTIVATION clause (activation-free); RETENTION OFF; poison-message handling on.
IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'ProvenanceSyncInitiatorQueue' AND schema_id = SCHEMA_ID(N'provenance'))
    CREATE QUEUE [provenance].[ProvenanceSyncInitiatorQueue] WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);

IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'ProvenanceSyncQueue' AND schema_id = SCHEMA_ID(N'provenance'))
    CREATE QUEUE [provenance].[ProvenanceSyncQueue] WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);

IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'ChangeEventInitiatorQueue' AND schema_id = SCHEMA_ID(N'dbo'))
    CREATE QUEUE [dbo].[ChangeEventInitiatorQueue] WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);

IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'ChangeEventQueue' AND schema_id = SCHEMA_ID(N'dbo'))
    CREATE QUEUE [dbo].[ChangeEventQueue] WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);
GO

-- Services: the initiators name no contract (they only start dialogs); the targets accept theirs.
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Provenance/SyncInitiatorService')
    CREATE SERVICE [//Hartonomous/Provenance/SyncInitiatorService] AUTHORIZATION [dbo]
        ON QUEUE [provenance].[ProvenanceSyncInitiatorQueue];

IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Provenance/SyncTargetService')
    CREATE SERVICE [//Hartonomous/Provenance/SyncTargetService] AUTHORIZATION [dbo]
        ON QUEUE [provenance].[ProvenanceSyncQueue] ([//Hartonomous/Provenance/SyncContract]);

IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Changes/ChangeEventInitiatorService')
    CREATE SERVICE [//Hartonomous/Changes/ChangeEventInitiatorService] AUTHORIZATION [dbo]
        ON QUEUE [dbo].[ChangeEventInitiatorQueue];

IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Hartonomous/Changes/ChangeEventTargetService')
    CREATE SERVICE [//Hartonomous/Changes/ChangeEventTargetService] AUTHORIZATION [dbo]
        ON QUEUE [dbo].[ChangeEventQueue] ([//Hartonomous/Changes/ChangeEventContract]);
GO

-- Grants to the application role (created by the migration). GRANT is idempotent.
GRANT REFERENCES ON CONTRACT::[//Hartonomous/Provenance/SyncContract] TO [HartonomousAppRole];
GRANT REFERENCES ON CONTRACT::[//Hartonomous/Changes/ChangeEventContract] TO [HartonomousAppRole];
GRANT SEND ON SERVICE::[//Hartonomous/Provenance/SyncTargetService] TO [HartonomousAppRole];
GRANT SEND ON SERVICE::[//Hartonomous/Changes/ChangeEventTargetService] TO [HartonomousAppRole];
GRANT RECEIVE ON [provenance].[ProvenanceSyncQueue] TO [HartonomousAppRole];
GRANT RECEIVE ON [provenance].[ProvenanceSyncInitiatorQueue] TO [HartonomousAppRole];
GRANT RECEIVE ON [dbo].[ChangeEventQueue] TO [HartonomousAppRole];
GRANT RECEIVE ON [dbo].[ChangeEventInitiatorQueue] TO [HartonomousAppRole];
GO
