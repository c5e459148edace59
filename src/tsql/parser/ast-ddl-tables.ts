// Tables, indexes, types, sequences, synonyms, partitions, statistics, full-text, databases (see ddl-tables.ts).
import type { DataType, Expression, Ident, NodeBase, ObjectName } from './ast.js';

// ---- shared pieces -------------------------------------------------------------------------------

/**
 * One option of a WITH (…) / SET (…) list, kept generic: `FILLFACTOR = 80`, `ONLINE = ON (WAIT_AT_LOW_PRIORITY
 * (…))`, `DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3 TO 5)`, `SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.H)`,
 * `RECOVERY SIMPLE`, `SINGLE_USER`.
 */
export interface DdlOption extends NodeBase {
  kind: 'DdlOption';
  /** Upper-cased option name. */
  name: string;
  /** The value as written, upper-cased when a word: 'ON', '80', 'PAGE', "N'x'", '6 MONTHS'. */
  value?: string;
  /** A value that names an object (HISTORY_TABLE = dbo.H, LEDGER_VIEW = v). */
  object?: ObjectName;
  /** Nested options: `ON (HISTORY_TABLE = …)`, `(WAIT_AT_LOW_PRIORITY (…))`. */
  suboptions: DdlOption[];
  /** DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3 TO 5): the partitions as written. */
  partitions?: string[];
  /** Offset of the value (after `=`), where a check of the value reports its error. */
  valueStart?: number;
}

/** `ON fg`, `ON ps(col)`, `ON "default"`, `TEXTIMAGE_ON fg`, `FILESTREAM_ON fg`. */
export interface StorageClause extends NodeBase {
  kind: 'StorageClause';
  target: Ident;
  partitionColumn?: Ident;
  /** `ON ps (c1, c2)`: the columns after the first. */
  morePartitionColumns?: Ident[];
}

/** A key column of an index or constraint: `Id DESC`. */
export interface IndexColumn extends NodeBase {
  kind: 'IndexColumn';
  name: Ident;
  descending: boolean;
}

// ---- tables ---------------------------------------------------------------------------------------

export interface References extends NodeBase {
  kind: 'References';
  table: ObjectName;
  columns: Ident[];
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  notForReplication?: boolean;
}

export type ReferentialAction = 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export type ConstraintType = 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY' | 'CHECK' | 'DEFAULT' | 'CONNECTION' | 'NULL' | 'NOT NULL';

/** A constraint written on a column: `CONSTRAINT pk PRIMARY KEY`, `REFERENCES t(id)`, `CHECK (x > 0)`, `DEFAULT 0`. */
export interface ColumnConstraint extends NodeBase {
  kind: 'ColumnConstraint';
  name?: Ident;
  constraintType: ConstraintType;
  references?: References;
  check?: Expression;
  default?: Expression;
  clustered?: boolean;
  hash?: boolean;
  options?: DdlOption[];
  on?: StorageClause;
  notForReplication?: boolean;
  withValues?: boolean;
}

/** `IDENTITY (1, 1)`: seed and increment as written. */
export interface IdentitySpec extends NodeBase {
  kind: 'IdentitySpec';
  seed?: string;
  increment?: string;
  notForReplication: boolean;
}

export interface ColumnDefinition extends NodeBase {
  kind: 'ColumnDefinition';
  name: Ident;
  /** Absent for a computed column. */
  dataType?: DataType;
  computed?: Expression;
  persisted?: boolean;
  constraints: ColumnConstraint[];
  identity?: IdentitySpec;
  /** NULL / NOT NULL as written (absent when neither is). */
  nullable?: boolean;
  collation?: Ident;
  sparse?: boolean;
  filestream?: boolean;
  rowguidcol?: boolean;
  generatedAlways?: string;
  hidden?: boolean;
  /** The DEFAULT constraint's expression, also in `constraints`. */
  default?: Expression;
  /** MASKED WITH (FUNCTION = '…'): the function string. */
  masked?: string;
  encrypted?: DdlOption[];
  /** `cs XML COLUMN_SET FOR ALL_SPARSE_COLUMNS` */
  columnSet?: boolean;
  /** An inline `INDEX ix …` on the column. */
  index?: InlineIndex;
}

/** A constraint written as an element of the table: `CONSTRAINT pk PRIMARY KEY (a, b)`. */
export interface TableConstraint extends NodeBase {
  kind: 'TableConstraint';
  name?: Ident;
  constraintType: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY' | 'CHECK' | 'DEFAULT' | 'CONNECTION';
  /** Key columns, the FOREIGN KEY's own columns, or the DEFAULT's FOR column. */
  columns: Ident[];
  /** Key columns with their order (PRIMARY KEY / UNIQUE). */
  keyColumns?: IndexColumn[];
  references?: References;
  check?: Expression;
  default?: Expression;
  clustered?: boolean;
  hash?: boolean;
  options?: DdlOption[];
  on?: StorageClause;
  notForReplication?: boolean;
  withValues?: boolean;
  /** CONNECTION (a TO b, …): the node tables, pairs in order. */
  connections?: ObjectName[];
  /** Written among a column's constraints, with a column list: `a int PRIMARY KEY (b)`. */
  columnLevel?: boolean;
}

/** `INDEX ix [UNIQUE] [CLUSTERED|NONCLUSTERED] [HASH|COLUMNSTORE] (cols) [INCLUDE (…)] [WHERE …] [WITH (…)]`. */
export interface InlineIndex extends NodeBase {
  kind: 'InlineIndex';
  name: Ident;
  columns: IndexColumn[];
  include: Ident[];
  where?: Expression;
  unique?: boolean;
  clustered?: boolean;
  hash?: boolean;
  columnstore?: boolean;
  options?: DdlOption[];
  on?: StorageClause;
}

export interface PeriodForSystemTime extends NodeBase {
  kind: 'PeriodForSystemTime';
  startColumn: Ident;
  endColumn: Ident;
}

export type TableElement = ColumnDefinition | TableConstraint | InlineIndex | PeriodForSystemTime;

export interface CreateTable extends NodeBase {
  kind: 'CreateTable';
  name: ObjectName;
  elements: TableElement[];
  /** Graph tables: AS NODE / AS EDGE; AS FILETABLE. */
  tableType?: 'NODE' | 'EDGE' | 'FILETABLE';
  on?: StorageClause;
  textImageOn?: StorageClause;
  filestreamOn?: StorageClause;
  options: DdlOption[];
}

export interface AlterTableAdd extends NodeBase {
  kind: 'AlterTableAdd';
  elements: TableElement[];
  withCheck?: 'CHECK' | 'NOCHECK';
}

export interface AlterTableAlterColumn extends NodeBase {
  kind: 'AlterTableAlterColumn';
  column: Ident;
  dataType?: DataType;
  collation?: Ident;
  nullable?: boolean;
  sparse?: boolean;
  /** ALTER COLUMN c ADD|DROP ROWGUIDCOL / PERSISTED / NOT FOR REPLICATION / SPARSE / HIDDEN / MASKED */
  addDrop?: 'ADD' | 'DROP';
  property?: string;
  masked?: string;
  encrypted?: DdlOption[];
  options: DdlOption[];
  /** GENERATED ALWAYS AS … START | END, as for a column definition. */
  generatedAlways?: string;
  hidden?: boolean;
}

export interface DropItem extends NodeBase {
  kind: 'DropItem';
  what: 'COLUMN' | 'CONSTRAINT' | 'PERIOD' | 'INDEX';
  /** For PERIOD FOR SYSTEM_TIME: the word SYSTEM_TIME. */
  name: Ident;
  ifExists: boolean;
}

export interface AlterTableDrop extends NodeBase {
  kind: 'AlterTableDrop';
  items: DropItem[];
  options: DdlOption[];
}

export interface AlterTableCheckConstraints extends NodeBase {
  kind: 'AlterTableCheckConstraints';
  withCheck?: 'CHECK' | 'NOCHECK';
  check: boolean;
  all: boolean;
  names: Ident[];
}

export interface AlterTableSwitch extends NodeBase {
  kind: 'AlterTableSwitch';
  sourcePartition?: Expression;
  target: ObjectName;
  targetPartition?: Expression;
  options: DdlOption[];
}

export interface AlterTableSet extends NodeBase {
  kind: 'AlterTableSet';
  options: DdlOption[];
}

export interface AlterTableTrigger extends NodeBase {
  kind: 'AlterTableTrigger';
  enable: boolean;
  all: boolean;
  names: Ident[];
}

export interface AlterTableRebuild extends NodeBase {
  kind: 'AlterTableRebuild';
  partition?: string;
  options: DdlOption[];
}

/** Memory-optimized tables: `ALTER INDEX ix REBUILD WITH (BUCKET_COUNT = n)`. */
export interface AlterTableAlterIndex extends NodeBase {
  kind: 'AlterTableAlterIndex';
  index: Ident;
  options: DdlOption[];
}

export interface AlterTableChangeTracking extends NodeBase {
  kind: 'AlterTableChangeTracking';
  enable: boolean;
  options: DdlOption[];
}

/** ENABLE | DISABLE FILETABLE_NAMESPACE */
export interface AlterTableFiletable extends NodeBase {
  kind: 'AlterTableFiletable';
  enable: boolean;
}

export type AlterTableAction =
  | AlterTableAdd
  | AlterTableAlterColumn
  | AlterTableDrop
  | AlterTableCheckConstraints
  | AlterTableSwitch
  | AlterTableSet
  | AlterTableTrigger
  | AlterTableRebuild
  | AlterTableAlterIndex
  | AlterTableChangeTracking
  | AlterTableFiletable;

export interface AlterTable extends NodeBase {
  kind: 'AlterTable';
  name: ObjectName;
  action: AlterTableAction;
}

// ---- DROP ----------------------------------------------------------------------------------------

/** `ix ON dbo.t` (or the legacy `dbo.t.ix`) in DROP INDEX. */
export interface DropIndexItem extends NodeBase {
  kind: 'DropIndexItem';
  index: Ident;
  table: ObjectName;
  options: DdlOption[];
}

/** Every `DROP <kind> [IF EXISTS] a, b`. */
export interface DropObjects extends NodeBase {
  kind: 'DropObjects';
  /** Upper case, words joined by one space: 'TABLE', 'XML SCHEMA COLLECTION'. */
  objectType: string;
  ifExists: boolean;
  names: ObjectName[];
  /** DROP INDEX / DROP STATISTICS: each index with its table. */
  indexes?: DropIndexItem[];
  /** DROP FULLTEXT INDEX ON t: the table. */
  on?: ObjectName;
}

// ---- indexes -------------------------------------------------------------------------------------

export interface CreateIndex extends NodeBase {
  kind: 'CreateIndex';
  indexType: 'ROWSTORE' | 'COLUMNSTORE' | 'SPATIAL' | 'XML' | 'PRIMARY XML' | 'FULLTEXT' | 'SELECTIVE XML';
  unique: boolean;
  clustered?: boolean;
  /** Absent only for FULLTEXT INDEX. */
  name?: Ident;
  table: ObjectName;
  columns: IndexColumn[];
  include: Ident[];
  /** COLUMNSTORE … ORDER (cols) */
  order?: Ident[];
  where?: Expression;
  options: DdlOption[];
  on?: StorageClause;
  filestreamOn?: StorageClause;
  /** SPATIAL: USING GEOMETRY_GRID …; XML: USING XML INDEX pix FOR VALUE|PATH|PROPERTY. */
  using?: string;
  usingIndex?: Ident;
  /** FULLTEXT: KEY INDEX ix, ON catalog. */
  keyIndex?: Ident;
  catalog?: Ident;
  /** SELECTIVE XML: WITH XMLNAMESPACES (…) and the promoted paths FOR (…). */
  xmlNamespaces?: DdlOption[];
  paths?: SelectiveXmlPath[];
  /** A secondary selective XML index: USING XML INDEX sxi FOR (path). */
  pathName?: Ident;
}

/**
 * A promoted path of a selective XML index: `p1 = '/a/b' [AS XQUERY 'xs:string' [MAXLENGTH(n)] [SINGLETON]
 * | AS SQL type [SINGLETON]]`; in ALTER INDEX … FOR (…) prefixed by ADD, or `REMOVE p1` (name only).
 */
export interface SelectiveXmlPath extends NodeBase {
  kind: 'SelectiveXmlPath';
  action?: 'ADD' | 'REMOVE';
  name: Ident;
  /** The path string as written, with its quotes. */
  path?: string;
  /** AS XQUERY: the XQuery type string as written, if any. */
  xquery?: boolean;
  xqueryType?: string;
  maxLength?: string;
  /** AS SQL type */
  sqlType?: DataType;
  singleton: boolean;
}

export interface AlterIndex extends NodeBase {
  kind: 'AlterIndex';
  /** Absent for ALTER INDEX ALL. */
  name?: Ident;
  all: boolean;
  table: ObjectName;
  /** REBUILD, REORGANIZE, DISABLE, SET, RESUME, PAUSE, ABORT; FOR (selective XML paths) */
  action: string;
  partition?: string;
  options: DdlOption[];
  /** Selective XML index: WITH XMLNAMESPACES (…) (each as a DdlOption: name = prefix or DEFAULT, value = uri). */
  xmlNamespaces?: DdlOption[];
  /** Selective XML index: FOR (ADD path = '…', REMOVE path). */
  paths?: SelectiveXmlPath[];
}

// ---- types, sequences, synonyms ------------------------------------------------------------------

export interface CreateType extends NodeBase {
  kind: 'CreateType';
  name: ObjectName;
  /** Alias type: FROM base_type [NULL | NOT NULL]. */
  baseType?: DataType;
  nullable?: boolean;
  /** Table type: AS TABLE (…). */
  elements?: TableElement[];
  options: DdlOption[];
  /** CLR type: EXTERNAL NAME assembly[.class]. */
  externalName?: ObjectName;
}

export interface CreateSequence extends NodeBase {
  kind: 'CreateSequence';
  verb: 'CREATE' | 'ALTER';
  name: ObjectName;
  dataType?: DataType;
  options: DdlOption[];
}

export interface CreateSynonym extends NodeBase {
  kind: 'CreateSynonym';
  name: ObjectName;
  target: ObjectName;
}

// ---- partitions, statistics, legacy defaults and rules -------------------------------------------

export interface CreatePartitionFunction extends NodeBase {
  kind: 'CreatePartitionFunction';
  name: Ident;
  dataType: DataType;
  range: 'LEFT' | 'RIGHT';
  values: Expression[];
}

export interface AlterPartitionFunction extends NodeBase {
  kind: 'AlterPartitionFunction';
  name: Ident;
  action: 'SPLIT' | 'MERGE';
  value: Expression;
}

export interface CreatePartitionScheme extends NodeBase {
  kind: 'CreatePartitionScheme';
  name: Ident;
  function: Ident;
  all: boolean;
  filegroups: Ident[];
}

export interface AlterPartitionScheme extends NodeBase {
  kind: 'AlterPartitionScheme';
  name: Ident;
  nextUsed?: Ident;
}

export interface CreateStatistics extends NodeBase {
  kind: 'CreateStatistics';
  name: Ident;
  table: ObjectName;
  columns: Ident[];
  where?: Expression;
  options: DdlOption[];
}

export interface UpdateStatistics extends NodeBase {
  kind: 'UpdateStatistics';
  table: ObjectName;
  names: Ident[];
  options: DdlOption[];
}

/** Legacy CREATE DEFAULT d AS expr / CREATE RULE r AS condition. */
export interface CreateDefaultOrRule extends NodeBase {
  kind: 'CreateDefault' | 'CreateRule';
  name: ObjectName;
  expression: Expression;
}

// ---- full-text and XML schema collections ------------------------------------------------------------

export interface FulltextCatalog extends NodeBase {
  kind: 'FulltextCatalog';
  verb: 'CREATE' | 'ALTER';
  name: Ident;
  options: DdlOption[];
}

export interface FulltextStoplist extends NodeBase {
  kind: 'FulltextStoplist';
  verb: 'CREATE' | 'ALTER';
  name: ObjectName;
}

export interface AlterFulltextIndex extends NodeBase {
  kind: 'AlterFulltextIndex';
  table: ObjectName;
}

export interface XmlSchemaCollection extends NodeBase {
  kind: 'XmlSchemaCollection';
  verb: 'CREATE' | 'ALTER';
  name: ObjectName;
  /** The schema text: a string literal or a variable. */
  content: Expression;
}

// ---- databases -----------------------------------------------------------------------------------

/** `(NAME = x, FILENAME = '…', SIZE = 10MB, …)` */
export interface FileSpec extends NodeBase {
  kind: 'FileSpec';
  options: DdlOption[];
}

/** `[FILEGROUP fg [CONTAINS …] [DEFAULT]] filespec, …` in CREATE DATABASE ON. */
export interface FileGroupSpec extends NodeBase {
  kind: 'FileGroupSpec';
  /** Absent for the primary filegroup. */
  name?: Ident;
  contains?: string;
  isDefault?: boolean;
  files: FileSpec[];
}

export interface CreateDatabase extends NodeBase {
  kind: 'CreateDatabase';
  name: Ident;
  containment?: string;
  filegroups: FileGroupSpec[];
  log: FileSpec[];
  collation?: Ident;
  attach?: string;
  snapshotOf?: Ident;
  options: DdlOption[];
}

export interface AlterDatabase extends NodeBase {
  kind: 'AlterDatabase';
  /** Absent for CURRENT. */
  name?: Ident;
  /** SET, ADD FILE, ADD LOG FILE, ADD FILEGROUP, REMOVE FILE, REMOVE FILEGROUP, MODIFY FILE, MODIFY FILEGROUP, MODIFY NAME, COLLATE */
  action: string;
  options: DdlOption[];
  files: FileSpec[];
  filegroup?: Ident;
  newName?: Ident;
  /** WITH ROLLBACK IMMEDIATE | ROLLBACK AFTER n [SECONDS] | NO_WAIT */
  termination?: string;
}

export interface AlterDatabaseScopedConfiguration extends NodeBase {
  kind: 'AlterDatabaseScopedConfiguration';
  forSecondary: boolean;
  /** SET name = value, or CLEAR PROCEDURE_CACHE [plan_handle]. */
  option?: DdlOption;
  clear: boolean;
}

export type TableDdlStatement =
  | CreateTable
  | AlterTable
  | DropObjects
  | CreateIndex
  | AlterIndex
  | CreateType
  | CreateSequence
  | CreateSynonym
  | CreatePartitionFunction
  | AlterPartitionFunction
  | CreatePartitionScheme
  | AlterPartitionScheme
  | CreateStatistics
  | UpdateStatistics
  | CreateDefaultOrRule
  | FulltextCatalog
  | FulltextStoplist
  | AlterFulltextIndex
  | XmlSchemaCollection
  | CreateDatabase
  | AlterDatabase
  | AlterDatabaseScopedConfiguration;
