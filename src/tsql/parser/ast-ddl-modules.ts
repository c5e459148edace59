// Views, functions, procedures, triggers, aggregates, assemblies, security and Service Broker objects
// (see ddl-modules.ts, ddl-security.ts, ddl-broker.ts).
import type { ColumnRef, DataType, Expression, Ident, NodeBase, ObjectName, Parameter, Statement } from './ast.js';
import type { IndexColumn, TableElement } from './ast-ddl-tables.js';
import type { SelectStatement } from './ast-query.js';

export type DdlVerb = 'CREATE' | 'ALTER';

/** One `NAME = value` option of a security or broker statement, kept as written (words upper-cased). */
export interface ModuleOption extends NodeBase {
  kind: 'ModuleOption';
  /** Upper case, words joined by one space: 'DEFAULT_SCHEMA', 'ENCRYPTION BY PASSWORD'. */
  name: string;
  /** The value as written; words upper-cased ('ON', 'AES_256'), strings with their quotes. */
  value?: string;
  /** The value as a name part when it is a word or [name] (DEFAULT_SCHEMA = Sales). */
  ident?: Ident;
  /** Words that follow the value: PASSWORD = 'x' HASHED MUST_CHANGE → ['HASHED', 'MUST_CHANGE']. */
  flags?: string[];
}

/** `EXTERNAL NAME assembly.[Namespace.Class].Method` (CLR modules). */
export interface ExternalName extends NodeBase {
  kind: 'ExternalName';
  assembly: Ident;
  className: Ident;
  method?: Ident;
}

// ---- procedures, functions, views, triggers ----------------------------------------------------------

export interface CreateProcedure extends NodeBase {
  kind: 'CreateProcedure';
  /**
   * Offset of the object word (PROCEDURE, FUNCTION, VIEW, TRIGGER, SCHEMA): SQL Server fails such a CREATE
   * nested in IF / WHILE / BEGIN with Msg 156 there, and one after another statement with Msg 111 (batch rules).
   */
  objectWordStart?: number;
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  /** `p;2` (numbered procedures). */
  number?: string;
  parameters: Parameter[];
  /** RECOMPILE, ENCRYPTION, EXECUTE AS OWNER, NATIVE_COMPILATION, SCHEMABINDING. */
  options: string[];
  /** 'CALLER' | 'SELF' | 'OWNER' | the quoted user name as written. */
  executeAs?: string;
  forReplication: boolean;
  body: Statement[];
  external?: ExternalName;
}

export interface ScalarReturns extends NodeBase {
  kind: 'ScalarReturns';
  dataType: DataType;
}

/** `RETURNS TABLE … RETURN SELECT …` */
export interface InlineTableReturns extends NodeBase {
  kind: 'InlineTableReturns';
}

/** `RETURNS @t TABLE (…)` (multi-statement table-valued function). */
export interface TableVariableReturns extends NodeBase {
  kind: 'TableVariableReturns';
  /** With the @. */
  name: string;
  nameStart: number;
  elements: TableElement[];
}

/** `RETURNS TABLE (c int, …) … EXTERNAL NAME …` (CLR table-valued function). */
export interface ClrTableReturns extends NodeBase {
  kind: 'ClrTableReturns';
  elements: TableElement[];
  /** The order hint after the function options: `ORDER (c1 DESC, c2)`. */
  order?: IndexColumn[];
}

export type FunctionReturns = ScalarReturns | InlineTableReturns | TableVariableReturns | ClrTableReturns;

export interface CreateFunction extends NodeBase {
  kind: 'CreateFunction';
  /**
   * Offset of the object word (PROCEDURE, FUNCTION, VIEW, TRIGGER, SCHEMA): SQL Server fails such a CREATE
   * nested in IF / WHILE / BEGIN with Msg 156 there, and one after another statement with Msg 111 (batch rules).
   */
  objectWordStart?: number;
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  parameters: Parameter[];
  returns: FunctionReturns;
  /** SCHEMABINDING, RETURNS NULL ON NULL INPUT, CALLED ON NULL INPUT, ENCRYPTION, EXECUTE AS …, INLINE = ON|OFF, NATIVE_COMPILATION. */
  options: string[];
  executeAs?: string;
  /** The statements of the BEGIN … END body (scalar and multi-statement functions). */
  body: Statement[];
  /** The query of an inline table-valued function. */
  query?: Statement;
  external?: ExternalName;
}

export interface CreateView extends NodeBase {
  kind: 'CreateView';
  /**
   * Offset of the object word (PROCEDURE, FUNCTION, VIEW, TRIGGER, SCHEMA): SQL Server fails such a CREATE
   * nested in IF / WHILE / BEGIN with Msg 156 there, and one after another statement with Msg 111 (batch rules).
   */
  objectWordStart?: number;
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  columns: Ident[];
  /** SCHEMABINDING, ENCRYPTION, VIEW_METADATA. */
  options: string[];
  /** The SELECT statement (CTEs included); ORDER BY needs TOP, OFFSET or FOR XML (else Msg 1033 at parse). */
  query: Statement;
  checkOption: boolean;
}

export interface CreateTrigger extends NodeBase {
  kind: 'CreateTrigger';
  /**
   * Offset of the object word (PROCEDURE, FUNCTION, VIEW, TRIGGER, SCHEMA): SQL Server fails such a CREATE
   * nested in IF / WHILE / BEGIN with Msg 156 there, and one after another statement with Msg 111 (batch rules).
   */
  objectWordStart?: number;
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  target: ObjectName | 'DATABASE' | 'ALL SERVER';
  timing: 'FOR' | 'AFTER' | 'INSTEAD OF';
  /** INSERT, UPDATE, DELETE, or DDL event / event group names (CREATE_TABLE, DDL_DATABASE_LEVEL_EVENTS, LOGON). */
  events: string[];
  options: string[];
  executeAs?: string;
  notForReplication: boolean;
  withAppend?: boolean;
  body: Statement[];
  external?: ExternalName;
}

export interface CreateAggregate extends NodeBase {
  kind: 'CreateAggregate';
  verb: 'CREATE';
  orAlter: boolean;
  name: ObjectName;
  parameters: Parameter[];
  returns: DataType;
  external: ExternalName;
}

/** `CREATE SCHEMA s [AUTHORIZATION o] [CREATE TABLE … | CREATE VIEW … | GRANT … | DENY … | REVOKE …]…` */
export interface CreateSchema extends NodeBase {
  kind: 'CreateSchema';
  /**
   * Offset of the object word (PROCEDURE, FUNCTION, VIEW, TRIGGER, SCHEMA): SQL Server fails such a CREATE
   * nested in IF / WHILE / BEGIN with Msg 156 there, and one after another statement with Msg 111 (batch rules).
   */
  objectWordStart?: number;
  verb: 'CREATE';
  orAlter: boolean;
  /** Absent for `CREATE SCHEMA AUTHORIZATION o` (the schema takes the owner's name). */
  name?: Ident;
  authorization?: Ident;
  elements: Statement[];
}

/** `ALTER SCHEMA s TRANSFER [OBJECT|TYPE|XML SCHEMA COLLECTION ::] x` */
export interface AlterSchema extends NodeBase {
  kind: 'AlterSchema';
  verb: 'ALTER';
  orAlter: boolean;
  name: Ident;
  /** 'OBJECT', 'TYPE', 'XML SCHEMA COLLECTION' when written. */
  classType?: string;
  object: ObjectName;
}

/** CREATE / ALTER ASSEMBLY. */
export interface CreateAssembly extends NodeBase {
  kind: 'CreateAssembly';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  authorization?: Ident;
  /** The FROM items as written: '0x4D5A…', "'C:\\a.dll'", '@bits'. */
  from: string[];
  /** PERMISSION_SET = SAFE, VISIBILITY = ON, UNCHECKED DATA. */
  options: ModuleOption[];
  /** ALTER: ADD FILE FROM … items and DROP FILE names as written. */
  addFiles?: string[];
  dropFiles?: string[];
}

/** `ENABLE | DISABLE TRIGGER {t [,…] | ALL} ON {object | DATABASE | ALL SERVER}` */
export interface EnableDisableTrigger extends NodeBase {
  kind: 'EnableDisableTrigger';
  enable: boolean;
  /** Empty for ALL. */
  triggers: ObjectName[];
  all: boolean;
  target: ObjectName | 'DATABASE' | 'ALL SERVER';
}

// ---- security ----------------------------------------------------------------------------------------

/** A permission of GRANT / DENY / REVOKE: 'SELECT', 'VIEW DEFINITION', 'ALL PRIVILEGES', with columns. */
export interface Permission extends NodeBase {
  kind: 'Permission';
  name: string;
  columns: Ident[];
}

/** `ON [class ::] securable [(columns)]` */
export interface SecurableRef extends NodeBase {
  kind: 'SecurableRef';
  /** Upper case, words joined by one space: 'OBJECT', 'SCHEMA', 'XML SCHEMA COLLECTION'. */
  classType?: string;
  name: ObjectName;
  columns: Ident[];
}

interface PermissionStatementBase extends NodeBase {
  permissions: Permission[];
  on?: SecurableRef;
  principals: Ident[];
  withGrantOption: boolean;
  grantOptionFor: boolean;
  cascade: boolean;
  as?: Ident;
}

export interface Grant extends PermissionStatementBase {
  kind: 'Grant';
}
export interface Deny extends PermissionStatementBase {
  kind: 'Deny';
}
export interface Revoke extends PermissionStatementBase {
  kind: 'Revoke';
}

export interface CreateUser extends NodeBase {
  kind: 'CreateUser';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  login?: Ident;
  withoutLogin: boolean;
  /** FROM CERTIFICATE c / ASYMMETRIC KEY k / EXTERNAL PROVIDER. */
  certificate?: Ident;
  asymmetricKey?: Ident;
  externalProvider?: boolean;
  defaultSchema?: Ident;
  options: ModuleOption[];
}

export interface CreateRole extends NodeBase {
  kind: 'CreateRole';
  verb: 'CREATE';
  orAlter: boolean;
  name: Ident;
  authorization?: Ident;
  /** CREATE SERVER ROLE. */
  server?: boolean;
}

export interface AlterRole extends NodeBase {
  kind: 'AlterRole';
  verb: 'ALTER';
  orAlter: boolean;
  name: Ident;
  add?: Ident;
  drop?: Ident;
  newName?: Ident;
  /** ALTER SERVER ROLE. */
  server?: boolean;
}

/** CREATE / ALTER APPLICATION ROLE r WITH … */
export interface CreateApplicationRole extends NodeBase {
  kind: 'CreateApplicationRole';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  options: ModuleOption[];
}

export interface CreateLogin extends NodeBase {
  kind: 'CreateLogin';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  /** WINDOWS, EXTERNAL PROVIDER, CERTIFICATE, ASYMMETRIC KEY (FROM …). */
  source?: string;
  sourceName?: Ident;
  options: ModuleOption[];
  /** ALTER LOGIN: ENABLE, DISABLE, ADD CREDENTIAL, DROP CREDENTIAL. */
  action?: string;
  credential?: Ident;
}

/** CERTIFICATE, MASTER KEY, SYMMETRIC KEY, ASYMMETRIC KEY, CREDENTIAL, SERVICE MASTER KEY: a thin node. */
export interface CreateKey extends NodeBase {
  kind: 'CreateKey';
  verb: DdlVerb;
  orAlter: boolean;
  /** 'CERTIFICATE', 'MASTER KEY', 'SYMMETRIC KEY', 'ASYMMETRIC KEY', 'CREDENTIAL', 'SERVICE MASTER KEY'. */
  objectType: string;
  name?: Ident;
  authorization?: Ident;
  options: ModuleOption[];
}

/** `ALTER AUTHORIZATION ON [class ::] entity TO {principal | SCHEMA OWNER}` */
export interface AlterAuthorization extends NodeBase {
  kind: 'AlterAuthorization';
  on: SecurableRef;
  /** Absent for TO SCHEMA OWNER. */
  principal?: Ident;
  schemaOwner: boolean;
}

/** One predicate of CREATE / ALTER SECURITY POLICY: `ADD [FILTER | BLOCK] PREDICATE f(args) ON t [AFTER INSERT]`. */
export interface SecurityPredicate extends NodeBase {
  kind: 'SecurityPredicate';
  action: 'ADD' | 'ALTER' | 'DROP';
  predicateType?: 'FILTER' | 'BLOCK';
  /** Absent for DROP … PREDICATE ON t. */
  function?: ObjectName;
  arguments: Expression[];
  table: ObjectName;
  /** AFTER INSERT, AFTER UPDATE, BEFORE UPDATE, BEFORE DELETE. */
  operation?: string;
}

/** CREATE / ALTER SECURITY POLICY (row-level security). */
export interface CreateSecurityPolicy extends NodeBase {
  kind: 'CreateSecurityPolicy';
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  predicates: SecurityPredicate[];
  /** STATE, SCHEMABINDING. */
  options: ModuleOption[];
  notForReplication: boolean;
}

/** `ADD | DROP [COUNTER] SIGNATURE {TO | FROM} [class ::] module BY CERTIFICATE c | ASYMMETRIC KEY k [WITH …] [, …]` */
export interface Signature extends NodeBase {
  kind: 'Signature';
  drop: boolean;
  counter: boolean;
  classType?: string;
  module: ObjectName;
  /** 'CERTIFICATE' / 'ASYMMETRIC KEY' with the key's name in `ident`, and their WITH PASSWORD / SIGNATURE. */
  by: ModuleOption[];
}

/**
 * `ADD SENSITIVITY CLASSIFICATION TO t.c [, …] WITH ( LABEL = '…' | LABEL_ID = '…' | INFORMATION_TYPE = '…'
 * | INFORMATION_TYPE_ID = '…' | RANK = NONE | LOW | MEDIUM | HIGH | CRITICAL [, …] )`;
 * `DROP SENSITIVITY CLASSIFICATION FROM t.c [, …]`.
 */
export interface SensitivityClassification extends NodeBase {
  kind: 'SensitivityClassification';
  drop: boolean;
  /** Each with its table: two to four parts. */
  columns: ColumnRef[];
  /** Empty for DROP. */
  options: ModuleOption[];
}

/**
 * CREATE | ALTER | DROP { SERVER | DATABASE } AUDIT SPECIFICATION name [FOR SERVER AUDIT audit]
 * [{ADD | DROP} ( group | action [, …] ON [class ::] securable BY principal [, …] ) [, …]] [WITH (STATE = ON | OFF)].
 */
export interface AuditSpecification extends NodeBase {
  kind: 'AuditSpecification';
  verb: DdlVerb;
  scope: 'SERVER' | 'DATABASE';
  name: Ident;
  audit?: Ident;
  parts: AuditSpecificationPart[];
  state?: 'ON' | 'OFF';
}

/** `ADD (SCHEMA_OBJECT_CHANGE_GROUP)`, `DROP (SELECT, INSERT ON dbo.t BY public)`. */
export interface AuditSpecificationPart extends NodeBase {
  kind: 'AuditSpecificationPart';
  drop: boolean;
  /** An audit action group. */
  group?: Ident;
  /** Database audit actions, upper case: SELECT, UPDATE, INSERT, DELETE, EXECUTE, RECEIVE, REFERENCES. */
  actions?: string[];
  on?: SecurableRef;
  principals?: Ident[];
}

// ---- Service Broker ------------------------------------------------------------------------------------

export interface CreateMessageType extends NodeBase {
  kind: 'CreateMessageType';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  /** NONE, EMPTY, WELL_FORMED_XML, VALID_XML. */
  validation?: string;
  schemaCollection?: ObjectName;
  authorization?: Ident;
}

export interface ContractMessage extends NodeBase {
  kind: 'ContractMessage';
  messageType: Ident;
  sentBy: 'INITIATOR' | 'TARGET' | 'ANY';
}

export interface CreateContract extends NodeBase {
  kind: 'CreateContract';
  verb: 'CREATE';
  orAlter: boolean;
  name: Ident;
  messages: ContractMessage[];
  authorization?: Ident;
}

export interface QueueActivation extends NodeBase {
  kind: 'QueueActivation';
  status?: 'ON' | 'OFF';
  procedureName?: ObjectName;
  maxQueueReaders?: string;
  executeAs?: string;
  /** ALTER QUEUE … ACTIVATION (DROP). */
  drop?: boolean;
}

export interface CreateQueue extends NodeBase {
  kind: 'CreateQueue';
  verb: DdlVerb;
  orAlter: boolean;
  name: ObjectName;
  status?: 'ON' | 'OFF';
  retention?: 'ON' | 'OFF';
  activation?: QueueActivation;
  poisonMessageHandling?: 'ON' | 'OFF';
  /** The filegroup (`ON fg | [DEFAULT]`), or ALTER … MOVE TO's. */
  on?: Ident;
  /** ALTER QUEUE: REBUILD, REORGANIZE, MOVE TO. */
  action?: string;
  actionOptions?: ModuleOption[];
}

export interface CreateService extends NodeBase {
  kind: 'CreateService';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  authorization?: Ident;
  /** Absent in ALTER SERVICE without ON QUEUE. */
  queue?: ObjectName;
  contracts: Ident[];
  /** ALTER SERVICE (ADD CONTRACT x, DROP CONTRACT y). */
  addContracts?: Ident[];
  dropContracts?: Ident[];
}

export interface CreateRoute extends NodeBase {
  kind: 'CreateRoute';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  authorization?: Ident;
  /** SERVICE_NAME, BROKER_INSTANCE, LIFETIME, ADDRESS, MIRROR_ADDRESS. */
  options: ModuleOption[];
}

export interface CreateRemoteServiceBinding extends NodeBase {
  kind: 'CreateRemoteServiceBinding';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  authorization?: Ident;
  /** The remote service name (a string) as written. */
  service?: string;
  /** USER, ANONYMOUS. */
  options: ModuleOption[];
}

export interface CreateBrokerPriority extends NodeBase {
  kind: 'CreateBrokerPriority';
  verb: DdlVerb;
  orAlter: boolean;
  name: Ident;
  /** CONTRACT_NAME, LOCAL_SERVICE_NAME, REMOTE_SERVICE_NAME, PRIORITY_LEVEL. */
  options: ModuleOption[];
}

export interface CreateEventNotification extends NodeBase {
  kind: 'CreateEventNotification';
  verb: 'CREATE';
  orAlter: boolean;
  name: Ident;
  scope: 'SERVER' | 'DATABASE' | 'QUEUE';
  queue?: ObjectName;
  fanIn: boolean;
  events: string[];
  /** The broker service name and instance, strings as written. */
  service: string;
  brokerInstance: string;
}

export type ModuleDdlStatement =
  | CreateProcedure
  | CreateFunction
  | CreateView
  | CreateTrigger
  | CreateAggregate
  | CreateSchema
  | AlterSchema
  | CreateAssembly
  | EnableDisableTrigger
  | Grant
  | Deny
  | Revoke
  | CreateUser
  | CreateRole
  | AlterRole
  | CreateApplicationRole
  | CreateLogin
  | CreateKey
  | CreateSecurityPolicy
  | AlterAuthorization
  | Signature
  | SensitivityClassification
  | AuditSpecification
  | CreateMessageType
  | CreateContract
  | CreateQueue
  | CreateService
  | CreateRoute
  | CreateRemoteServiceBinding
  | CreateBrokerPriority
  | CreateEventNotification
  | ServerObjectStatement;

// ---- external objects, Resource Governor, scoped credentials ------------------------------------------

/**
 * CREATE / ALTER of an object that is a name and options: EXTERNAL DATA SOURCE, EXTERNAL FILE FORMAT,
 * EXTERNAL TABLE, EXTERNAL LIBRARY, EXTERNAL LANGUAGE, EXTERNAL RESOURCE POOL, RESOURCE POOL, RESOURCE
 * GOVERNOR, WORKLOAD GROUP, WORKLOAD CLASSIFIER, DATABASE SCOPED CREDENTIAL.
 */
export interface ServerObjectStatement extends NodeBase {
  kind: 'ServerObject';
  verb: DdlVerb;
  /** Upper case, words joined by one space: 'EXTERNAL DATA SOURCE', 'WORKLOAD GROUP'. */
  objectType: string;
  /** Absent for RESOURCE GOVERNOR. */
  name?: ObjectName;
  authorization?: Ident;
  /** Options as written; a nested list (FORMAT_OPTIONS (…), a library file (CONTENT = …)) is flattened in order. */
  options: ModuleOption[];
  /** EXTERNAL TABLE's columns. */
  columns?: ExternalColumn[];
  /** CREATE EXTERNAL TABLE … AS SELECT. */
  query?: SelectStatement;
}

/** A column of an external table: `name type [COLLATE c] [NULL | NOT NULL]`. */
export interface ExternalColumn extends NodeBase {
  kind: 'ExternalColumn';
  name: Ident;
  dataType: DataType;
  collation?: Ident;
  notNull?: boolean;
}
