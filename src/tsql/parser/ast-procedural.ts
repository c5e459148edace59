// Control-of-flow, variable, cursor, transaction, EXEC and Service Broker conversation statements (see procedural.ts).
import type { DataType, DeclareVariable, Expression, Ident, NodeBase, ObjectName, Statement, Variable } from './ast.js';

// ---- variables -------------------------------------------------------------------------------

/** `DECLARE @a int = 1, @c CURSOR` or `DECLARE @t TABLE (…)` (a table variable is declared alone). */
export interface Declare extends NodeBase {
  kind: 'Declare';
  items: (DeclareVariable | DeclareTable)[];
}

/** `@t [AS] TABLE (…)`: a declaration, so the name is a string. */
export interface DeclareTable extends NodeBase {
  kind: 'DeclareTable';
  name: string;
  nameStart: number;
  /** The column definitions, constraints and indexes (ddl-tables.ts's parseTableElements). */
  elements: NodeBase[];
}

/** `DECLARE c CURSOR … FOR select [FOR READ ONLY | FOR UPDATE [OF cols]]` (also the ISO form). */
export interface DeclareCursor extends NodeBase {
  kind: 'DeclareCursor';
  name: Ident;
  /** Upper-cased option words as written: LOCAL, SCROLL, FAST_FORWARD, INSENSITIVE, … */
  options: string[];
  query: Statement;
  /** `FOR UPDATE` (empty without OF). */
  forUpdate?: Ident[];
  readOnly?: boolean;
}

/** `SET @x = e`, `SET @x += e`, `SET @x = CURSOR … FOR select`, `SET @x.Prop = e`, `SET @x.method(…)`. */
export interface SetVariable extends NodeBase {
  kind: 'SetVariable';
  target: Variable;
  /** '=' '+=' '-=' '*=' '/=' '%=' '&=' '|=' '^='; '' for a method call (`SET @x.modify(…)`). */
  op: string;
  /** The assigned value; for a method call the MethodCall-like expression; absent for a cursor value. */
  value?: Expression;
  /** `SET @x.Prop = …` / `SET @x.method(…)`: the property or method name. */
  member?: Ident;
  /** Arguments of `SET @x.method(…)`. */
  args?: Expression[];
  /** `SET @c = CURSOR … FOR select`. */
  cursor?: CursorDefinition;
}

/** The part of a cursor declaration after CURSOR (shared by DECLARE c CURSOR and SET @c = CURSOR). */
export interface CursorDefinition extends NodeBase {
  kind: 'CursorDefinition';
  options: string[];
  query: Statement;
  forUpdate?: Ident[];
  readOnly?: boolean;
}

/** `SET NOCOUNT ON`, `SET ANSI_NULLS, QUOTED_IDENTIFIER OFF`, `SET TRANSACTION ISOLATION LEVEL …`, … */
export interface SetOption extends NodeBase {
  kind: 'SetOption';
  /** Upper-cased option names: ['NOCOUNT'], ['STATISTICS IO', 'STATISTICS TIME'], ['TRANSACTION ISOLATION LEVEL']. */
  options: string[];
  /** ON/OFF, an isolation level ('READ COMMITTED'), a word (DATEFORMAT dmy, DEADLOCK_PRIORITY LOW). */
  value?: string;
  /** A value given as an expression: a number, a string, a variable (SET ROWCOUNT @n, SET LANGUAGE @l). */
  expr?: Expression;
  /** `SET IDENTITY_INSERT t ON`. */
  table?: ObjectName;
}

// ---- control of flow -------------------------------------------------------------------------

export interface If extends NodeBase {
  kind: 'If';
  condition: Expression;
  then: Statement;
  else?: Statement;
}

export interface While extends NodeBase {
  kind: 'While';
  condition: Expression;
  body: Statement;
}

export interface Block extends NodeBase {
  kind: 'Block';
  statements: Statement[];
}

/** `BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'…') … END` (natively compiled modules). */
export interface AtomicBlock extends NodeBase {
  kind: 'AtomicBlock';
  /** Upper-cased option names with their values: 'TRANSACTION ISOLATION LEVEL=SNAPSHOT'. */
  options: string[];
  statements: Statement[];
}

export interface TryCatch extends NodeBase {
  kind: 'TryCatch';
  tryStatements: Statement[];
  catchStatements: Statement[];
}

export interface Return extends NodeBase {
  kind: 'Return';
  value?: Expression;
}

export interface Goto extends NodeBase {
  kind: 'Goto';
  label: string;
}

export interface Break extends NodeBase {
  kind: 'Break';
}

export interface Continue extends NodeBase {
  kind: 'Continue';
}

/** `THROW;` (rethrow) or `THROW number, message, state`. */
export interface Throw extends NodeBase {
  kind: 'Throw';
  args: Expression[];
}

/** `RAISERROR (msg, severity, state [, args…]) [WITH LOG, NOWAIT, SETERROR]`. */
export interface Raiserror extends NodeBase {
  kind: 'Raiserror';
  args: Expression[];
  /** Upper-cased: LOG, NOWAIT, SETERROR. */
  options: string[];
}

export interface Print extends NodeBase {
  kind: 'Print';
  value: Expression;
}

/** `WAITFOR DELAY e`, `WAITFOR TIME e`, `WAITFOR (RECEIVE …) [, TIMEOUT n]`, `WAITFOR (GET CONVERSATION GROUP …)`. */
export interface Waitfor extends NodeBase {
  kind: 'Waitfor';
  mode: 'DELAY' | 'TIME' | 'STATEMENT';
  value?: Expression;
  statement?: Receive | GetConversationGroup;
  timeout?: Expression;
}

// ---- transactions ----------------------------------------------------------------------------

export interface BeginTransaction extends NodeBase {
  kind: 'BeginTransaction';
  distributed: boolean;
  /** A transaction name; a Variable when given as @v. */
  name?: Ident | Variable;
  /** `WITH MARK ['description']`. */
  mark?: boolean;
  markDescription?: Expression;
}

export interface Commit extends NodeBase {
  kind: 'Commit';
  name?: Ident | Variable;
  /** `WITH (DELAYED_DURABILITY = ON|OFF)`. */
  delayedDurability?: 'ON' | 'OFF';
}

export interface Rollback extends NodeBase {
  kind: 'Rollback';
  name?: Ident | Variable;
}

export interface Save extends NodeBase {
  kind: 'Save';
  name: Ident | Variable;
}

// ---- EXEC ------------------------------------------------------------------------------------

/** `EXEC [@rc =] proc args [WITH …]` or `EXEC ('…' + @sql) [AS …] [AT server]`. */
export interface Execute extends NodeBase {
  kind: 'Execute';
  returnStatus?: Variable;
  procedure?: ObjectName;
  /** `EXEC p;2`: a numbered procedure. */
  procedureNumber?: number;
  procedureVariable?: Variable;
  /** `EXEC OPENDATASOURCE('provider', 'init').db.schema.proc`: the two strings. */
  dataSource?: Expression[];
  args: ExecArgument[];
  /** The pieces of `EXEC ('…' + @x)`: string literals and variables. */
  sql?: Expression[];
  /** `AT linked_server` / `AT DATA_SOURCE name`. */
  at?: Ident;
  atDataSource?: boolean;
  /** `EXEC (…) AS USER = 'x'`. */
  asContext?: ExecuteContext;
  /** Upper-cased WITH options: RECOMPILE, RESULT SETS NONE|UNDEFINED, RESULT SETS. */
  withOptions?: string[];
  resultSets?: ResultSetDefinition[];
}

export interface ExecArgument extends NodeBase {
  kind: 'ExecArgument';
  /** The callee's parameter name, with @: a string, not a Variable. */
  name?: string;
  /** A Variable node when a variable; a Literal-like expression; an Ident for a bare word (a string). */
  value?: Expression | Ident;
  isDefault: boolean;
  output: boolean;
}

/** `LOGIN|USER = 'name'` of EXECUTE AS and of EXEC (…) AS. */
export interface ExecuteContext extends NodeBase {
  kind: 'ExecuteContext';
  /** 'LOGIN' | 'USER' | 'CALLER' | 'SELF' | 'OWNER'. */
  principalType: string;
  principal?: Expression;
}

/** One result set of `WITH RESULT SETS (…)`: columns, or `AS OBJECT name`, `AS TYPE name`, `AS FOR XML`. */
export interface ResultSetDefinition extends NodeBase {
  kind: 'ResultSetDefinition';
  columns: ResultSetColumn[];
  asObject?: ObjectName;
  asType?: ObjectName;
  forXml?: boolean;
}

export interface ResultSetColumn extends NodeBase {
  kind: 'ResultSetColumn';
  name: Ident;
  dataType: DataType;
  nullable?: boolean;
  collation?: Ident;
}

/** `EXECUTE AS LOGIN|USER = 'x' [WITH NO REVERT | COOKIE INTO @v]`, `EXECUTE AS CALLER`. */
export interface ExecuteAs extends NodeBase {
  kind: 'ExecuteAs';
  context: ExecuteContext;
  noRevert: boolean;
  cookieInto?: Variable;
}

/** `REVERT [WITH COOKIE = @v]`. */
export interface Revert extends NodeBase {
  kind: 'Revert';
  cookie?: Expression;
}

// ---- cursors ---------------------------------------------------------------------------------

export interface OpenCursor extends NodeBase {
  kind: 'OpenCursor';
  cursor: Ident | Variable;
  global: boolean;
}

export interface Fetch extends NodeBase {
  kind: 'Fetch';
  /** NEXT, PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE. */
  orientation?: string;
  /** The n of ABSOLUTE n / RELATIVE n. */
  offset?: Expression;
  cursor: Ident | Variable;
  global: boolean;
  into: Variable[];
}

export interface CloseCursor extends NodeBase {
  kind: 'CloseCursor';
  cursor: Ident | Variable;
  global: boolean;
}

export interface Deallocate extends NodeBase {
  kind: 'Deallocate';
  cursor: Ident | Variable;
  global: boolean;
}

/** OPEN/CLOSE SYMMETRIC KEY, OPEN/CLOSE MASTER KEY, CLOSE ALL SYMMETRIC KEYS. */
export interface KeyStatement extends NodeBase {
  kind: 'OpenKey' | 'CloseKey';
  /** 'SYMMETRIC KEY', 'MASTER KEY', 'ALL SYMMETRIC KEYS'. */
  keyType: string;
  name?: Ident;
}

// ---- Service Broker conversations ------------------------------------------------------------

export interface BeginDialog extends NodeBase {
  kind: 'BeginDialog';
  handle: Variable;
  fromService: Ident | Variable;
  toService: Expression;
  toInstance?: Expression;
  contract?: Ident | Variable;
  /** Upper-cased option names: RELATED_CONVERSATION, RELATED_CONVERSATION_GROUP, LIFETIME, ENCRYPTION. */
  options: BrokerOption[];
}

/** `NAME = value` of BEGIN DIALOG … WITH and friends. */
export interface BrokerOption extends NodeBase {
  kind: 'BrokerOption';
  name: string;
  /** ON/OFF for ENCRYPTION. */
  word?: string;
  value?: Expression;
}

export interface BeginConversationTimer extends NodeBase {
  kind: 'BeginConversationTimer';
  handle: Expression;
  timeout: Expression;
}

export interface Send extends NodeBase {
  kind: 'Send';
  conversations: Expression[];
  messageType?: Ident | Variable;
  body?: Expression;
}

/** One column of RECEIVE: `*`, an expression with an optional alias, or `@v = expression`. */
export interface ReceiveItem extends NodeBase {
  kind: 'ReceiveItem';
  expr: Expression;
  alias?: Ident;
  target?: Variable;
}

export interface Receive extends NodeBase {
  kind: 'Receive';
  top?: Expression;
  items: ReceiveItem[];
  queue: ObjectName;
  /** `INTO @t` (a table variable). */
  into?: Variable;
  /** `WHERE CONVERSATION_HANDLE | CONVERSATION_GROUP_ID = value`: the column (upper case); `where` is the value. */
  whereColumn?: string;
  where?: Expression;
}

export interface EndConversation extends NodeBase {
  kind: 'EndConversation';
  handle: Expression;
  error?: Expression;
  description?: Expression;
  cleanup: boolean;
}

export interface GetConversationGroup extends NodeBase {
  kind: 'GetConversationGroup';
  target: Variable;
  queue: ObjectName;
}

export interface MoveConversation extends NodeBase {
  kind: 'MoveConversation';
  handle: Expression;
  group: Expression;
}

// ---- session and server ----------------------------------------------------------------------

export interface Use extends NodeBase {
  kind: 'Use';
  database: Ident;
}

/** `DBCC name [( args )] [WITH options]`: args are expressions, or Idents for bare words. */
export interface Dbcc extends NodeBase {
  kind: 'Dbcc';
  command: string;
  args: (Expression | Ident)[];
  /** Upper-cased WITH options: NO_INFOMSGS, TABLERESULTS, … */
  options: string[];
}

/**
 * `BACKUP DATABASE|LOG name … TO devices [MIRROR TO …] [WITH …]`, `RESTORE DATABASE|LOG name … [FROM
 * devices] [WITH …]`, `RESTORE HEADERONLY|FILELISTONLY|… FROM devices [WITH …]`.
 */
export interface BackupRestore extends NodeBase {
  kind: 'BackupRestore';
  verb: 'BACKUP' | 'RESTORE';
  /** DATABASE, LOG, or the RESTORE kind word (HEADERONLY, FILELISTONLY, LABELONLY, VERIFYONLY, REWINDONLY). */
  target: string;
  database?: Ident | Variable;
  /** `FILE = …`, `FILEGROUP = …`, `PAGE = …`, `READ_WRITE_FILEGROUPS`. */
  files: BackupItem[];
  /** Devices after TO / FROM, then those of each MIRROR TO. */
  devices: BackupItem[];
  mirrors: BackupItem[][];
  options: BackupItem[];
}

/** One device, file or option: an upper-cased name (`DISK`, `FILE`, `INIT`, `MOVE`; '' for a logical device) with its values. */
export interface BackupItem extends NodeBase {
  kind: 'BackupItem';
  name: string;
  values: (Expression | Ident)[];
}

/** `LINENO n`: sets the line number reported for errors (a reserved word's statement). */
export interface LineNo extends NodeBase {
  kind: 'LineNo';
  line: Expression;
}

export interface Checkpoint extends NodeBase {
  kind: 'Checkpoint';
  duration?: Expression;
}

/** `KILL spid|'uow' [WITH STATUSONLY]`, `KILL STATS JOB n`, `KILL QUERY NOTIFICATION SUBSCRIPTION ALL|n`. */
export interface Kill extends NodeBase {
  kind: 'Kill';
  target?: Expression;
  /** '', 'STATS JOB', 'QUERY NOTIFICATION SUBSCRIPTION'. */
  what: string;
  all?: boolean;
  statusOnly?: boolean;
}

export interface Reconfigure extends NodeBase {
  kind: 'Reconfigure';
  override: boolean;
}

export interface Shutdown extends NodeBase {
  kind: 'Shutdown';
  noWait: boolean;
}

export interface Setuser extends NodeBase {
  kind: 'Setuser';
  user?: Expression;
  noReset: boolean;
}

/** READTEXT, WRITETEXT or UPDATETEXT of a text, ntext or image column. */
export interface TextPointerStatement extends NodeBase {
  kind: 'TextPointerStatement';
  command: 'READTEXT' | 'WRITETEXT' | 'UPDATETEXT';
  bulk: boolean;
  /** table.column (the column named with its table). */
  column: ObjectName;
}

export type ProceduralStatement =
  | Declare
  | DeclareCursor
  | SetVariable
  | SetOption
  | If
  | While
  | Block
  | AtomicBlock
  | TryCatch
  | Return
  | Goto
  | LineNo
  | BackupRestore
  | Break
  | Continue
  | Throw
  | Raiserror
  | Print
  | Waitfor
  | BeginTransaction
  | Commit
  | Rollback
  | Save
  | Execute
  | ExecuteAs
  | Revert
  | OpenCursor
  | Fetch
  | CloseCursor
  | Deallocate
  | KeyStatement
  | BeginDialog
  | BeginConversationTimer
  | Send
  | Receive
  | EndConversation
  | GetConversationGroup
  | MoveConversation
  | Use
  | Dbcc
  | Checkpoint
  | Kill
  | Reconfigure
  | Shutdown
  | Setuser
  | TextPointerStatement;

/** Nodes of this area that are not statements. */
export type ProceduralNode = DeclareTable | CursorDefinition | ExecArgument | ExecuteContext | ResultSetDefinition | ResultSetColumn | BrokerOption | ReceiveItem;
