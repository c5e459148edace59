// DDL for tables, indexes, types, sequences, synonyms, partitions, statistics, legacy defaults and rules,
// full-text objects, XML schema collections and databases. Grammar from the docs pages "CREATE TABLE
// (Transact-SQL)", "ALTER TABLE (Transact-SQL)", "CREATE INDEX", "ALTER INDEX", "DROP INDEX", "CREATE TYPE",
// "CREATE SEQUENCE", "CREATE PARTITION FUNCTION/SCHEME", "CREATE STATISTICS", "UPDATE STATISTICS",
// "CREATE FULLTEXT INDEX/CATALOG/STOPLIST", "CREATE XML SCHEMA COLLECTION", "CREATE/ALTER DATABASE".
import type { DataType, Expression, Ident, ObjectName, Statement } from './ast.js';
import type {
  AlterDatabase,
  AlterDatabaseScopedConfiguration,
  AlterFulltextIndex,
  AlterIndex,
  AlterPartitionFunction,
  AlterPartitionScheme,
  AlterTable,
  AlterTableAction,
  AlterTableAdd,
  AlterTableAlterColumn,
  AlterTableAlterIndex,
  AlterTableChangeTracking,
  AlterTableCheckConstraints,
  AlterTableDrop,
  AlterTableFiletable,
  AlterTableRebuild,
  AlterTableSet,
  AlterTableSwitch,
  AlterTableTrigger,
  ColumnConstraint,
  ColumnDefinition,
  ConstraintType,
  CreateDatabase,
  CreateDefaultOrRule,
  CreateIndex,
  CreatePartitionFunction,
  CreatePartitionScheme,
  CreateSequence,
  CreateStatistics,
  CreateSynonym,
  CreateTable,
  CreateType,
  DdlOption,
  DropIndexItem,
  DropItem,
  DropObjects,
  FileGroupSpec,
  FileSpec,
  FulltextCatalog,
  FulltextStoplist,
  IdentitySpec,
  IndexColumn,
  InlineIndex,
  PeriodForSystemTime,
  ReferentialAction,
  References,
  SelectiveXmlPath,
  StorageClause,
  TableConstraint,
  TableElement,
  UpdateStatistics,
  XmlSchemaCollection,
} from './ast-ddl-tables.js';
import { SyntaxFailure, type Parser } from './core.js';
import { parseAuditSpecification, parseDatabaseScopedCredential } from './ddl-security.js';
import { parseCondition, parseExpression } from './expressions.js';
import { isReserved } from './keywords.js';
import { walk } from './walk.js';
import { atStatementStart, opaque, registerDdl, type DdlContext } from './statements.js';

// ==== small shared pieces ==========================================================================

const identList = (p: Parser): Ident[] => p.parenList(indexColumnName);

/** The graph pseudo-columns an index may key or include (docs "SQL Graph Architecture"). */
const GRAPH_COLUMNS = new Set(['NODE_ID', 'EDGE_ID', 'FROM_ID', 'TO_ID']);

/** A column name in an index or key list: a name, or a graph pseudo-column `$node_id`, `$from_id`, … */
function indexColumnName(p: Parser): Ident {
  const t = p.tok;
  const u = p.peek();
  if (t.kind === 'punct' && t.text === '$' && u.kind === 'word' && u.start === t.end && GRAPH_COLUMNS.has(u.upper)) {
    p.next();
    p.next();
    return { kind: 'Ident', value: `$${u.value}`, quoted: false, start: t.start, end: u.end };
  }
  return p.identifier();
}

/** `col [ASC | DESC]` (also a CLR table-valued function's ORDER hint). */
export function parseIndexColumn(p: Parser): IndexColumn {
  const start = p.tok.start;
  const name = indexColumnName(p);
  let descending = false;
  if (p.acceptWord('DESC')) descending = true;
  else p.acceptWord('ASC');
  return p.finish<IndexColumn>({ kind: 'IndexColumn', name, descending }, start);
}

const indexColumnList = (p: Parser): IndexColumn[] => p.parenList(parseIndexColumn);

/** A signed numeric constant as written: `1`, `-5`, `+10`, `1.5`. */
function signedNumber(p: Parser): string {
  let sign = '';
  if (p.isPunct('-') || p.isPunct('+')) sign = p.next().text === '-' ? '-' : '';
  if (p.tok.kind !== 'number') p.fail();
  return sign + p.next().text;
}

/** The object words of a DROP have been consumed: `objectType` is e.g. 'TABLE' or 'XML SCHEMA COLLECTION'. */
function consumeObjectWords(p: Parser, objectType: string): void {
  const words = objectType.split(' ');
  const first = words[0] ?? '';
  if (!(p.isWord(first) || (first === 'PROCEDURE' && p.isWord('PROC')))) return;
  p.next();
  for (let k = 1; k < words.length; k++) p.expectWord(words[k] ?? '');
}

/** `ON fg`, `ON ps (col)`, `ON "default"`: the parser stands on ON (or TEXTIMAGE_ON/FILESTREAM_ON) or on the target. */
export function parseStorageClause(p: Parser): StorageClause {
  const start = p.tok.start;
  if (p.isWord('ON') || p.isWord('TEXTIMAGE_ON') || p.isWord('FILESTREAM_ON')) p.next();
  // A filegroup may be written as a string: ON 'default', TEXTIMAGE_ON 'fg' (as the SQL Server 2022 parser does).
  const target = p.tok.kind === 'string' ? stringIdent(p) : p.identifier();
  const node: StorageClause = { kind: 'StorageClause', target, start, end: target.end };
  if (p.isPunct('(')) {
    // The grammar takes a column list (as the SQL Server 2022 parser does); a count that does not
    // match the partition function is SQL Server's binding error, not a syntax error.
    const [first, ...more] = p.parenList((q) => q.identifier());
    if (first !== undefined) node.partitionColumn = first;
    if (more.length > 0) node.morePartitionColumns = more;
  }
  node.end = p.prev.end;
  return node;
}

/** A string token read as a name (`'default'` as a filegroup): its unquoted value, marked quoted. */
function stringIdent(p: Parser): Ident {
  const t = p.next();
  return { kind: 'Ident', value: t.value, quoted: true, start: t.start, end: t.end };
}

// ==== generic options ==============================================================================

/** Words that may follow a number in an option value: `6 MONTHS`, `1 MINUTES`, `10 MB`. */
const UNIT_WORDS = new Set([
  'KB', 'MB', 'GB', 'TB', 'PERCENT', 'ROWS', 'SECOND', 'SECONDS', 'MINUTE', 'MINUTES', 'HOUR', 'HOURS', 'DAY', 'DAYS',
  'WEEK', 'WEEKS', 'MONTH', 'MONTHS', 'YEAR', 'YEARS',
]);

/**
 * One option of a parenthesised list: `name [= value [unit] [ON PARTITIONS (…)]] [( suboptions )]`,
 * or a bare value (`LOW`, `0`) inside a nested list like GRIDS = (LOW, LOW, MEDIUM, HIGH).
 */
export function parseOption(p: Parser): DdlOption {
  const start = p.tok.start;
  const t = p.tok;
  const node: DdlOption = { kind: 'DdlOption', name: '', suboptions: [], start, end: start };
  if (t.kind === 'word' || t.kind === 'quoted') {
    node.name = p.next().upper;
    if (node.name === 'MOVE' && p.acceptWord('TO')) node.value = storageText(p);
    else if (node.name === 'FILESTREAM_ON' && !p.isPunct('=')) node.value = storageText(p);
    else if (p.acceptPunct('=')) parseOptionValue(p, node);
    else if (p.isPunct('(')) node.suboptions = parseOptionList(p);
  } else parseOptionValue(p, node);
  node.end = p.prev.end;
  return node;
}

/** MOVE TO fg | ps(col) */
function storageText(p: Parser): string {
  const s = parseStorageClause(p);
  return p.text.slice(s.start, s.end);
}

function parseOptionValue(p: Parser, node: DdlOption): void {
  const t = p.tok;
  node.valueStart = t.start;
  if (p.isPunct('(')) {
    node.suboptions = parseOptionList(p);
    return;
  }
  if (t.kind === 'number' || p.isPunct('-') || p.isPunct('+')) {
    node.value = signedNumber(p);
    if (p.isPunct('%')) node.value += p.next().text;
    else if (p.isAnyWord(UNIT_WORDS)) node.value += `${p.tok.start === p.prev.end ? '' : ' '}${p.next().upper}`;
  } else if (t.kind === 'string') node.value = p.next().text;
  else if (t.kind === 'word' || t.kind === 'quoted') {
    if (p.isPunct('.', 1)) {
      node.object = p.objectName();
      node.value = p.text.slice(node.object.start, node.object.end);
    } else node.value = p.next().upper;
  } else if (t.kind === 'variable') node.value = p.next().text;
  else p.fail();
  if (p.isWord('ON') && p.isWord('PARTITIONS', 1)) {
    p.next();
    p.next();
    node.partitions = p.parenList(partitionRange);
  }
  if (p.isPunct('(')) node.suboptions = parseOptionList(p);
}

/** `3` or `3 TO 5` in ON PARTITIONS (…). */
function partitionRange(p: Parser): string {
  const from = signedNumber(p);
  if (!p.acceptWord('TO')) return from;
  return `${from} TO ${signedNumber(p)}`;
}

/** `( option, option, … )` */
export function parseOptionList(p: Parser): DdlOption[] {
  return p.parenList(parseOption);
}

/** Index options known to the docs ("CREATE INDEX", "ALTER INDEX", "DROP INDEX", spatial and XML indexes). */
const INDEX_OPTIONS = new Set([
  'PAD_INDEX', 'FILLFACTOR', 'SORT_IN_TEMPDB', 'IGNORE_DUP_KEY', 'STATISTICS_NORECOMPUTE', 'STATISTICS_INCREMENTAL',
  'DROP_EXISTING', 'ONLINE', 'RESUMABLE', 'MAX_DURATION', 'ALLOW_ROW_LOCKS', 'ALLOW_PAGE_LOCKS', 'OPTIMIZE_FOR_SEQUENTIAL_KEY',
  'MAXDOP', 'DATA_COMPRESSION', 'XML_COMPRESSION', 'COMPRESSION_DELAY', 'BUCKET_COUNT', 'LOB_COMPACTION',
  'COMPRESS_ALL_ROW_GROUPS', 'WAIT_AT_LOW_PRIORITY', 'BOUNDING_BOX', 'GRIDS', 'CELLS_PER_OBJECT', 'MOVE', 'FILESTREAM_ON',
  'XMIN', 'YMIN', 'XMAX', 'YMAX', 'LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'LEVEL_4', 'ABORT_AFTER_WAIT', 'STATISTICS_ONLY',
]);

/**
 * `WITH ( index options )`, or the pre-2005 form without parentheses (`WITH FILLFACTOR = 80, PAD_INDEX`).
 * The parser stands on WITH. An option name the docs do not list is Msg 155.
 */
export function parseIndexOptions(p: Parser, what = 'CREATE INDEX', orderAllowed = false): DdlOption[] {
  p.expectWord('WITH');
  const legacy = !p.isPunct('(');
  const options = legacy ? p.commaList(legacyIndexOption) : parseOptionList(p);
  checkIndexOptions(p, options, what, legacy, orderAllowed);
  return options;
}

/** `ORDER (col, …)` as an option of a clustered columnstore index (as the SQL Server 2022 parser does): bare column names. */
function isOrderOption(o: DdlOption): boolean {
  return o.name === 'ORDER' && o.value === undefined && o.suboptions.length > 0 && o.suboptions.every((c) => c.value === undefined && c.suboptions.length === 0);
}

/**
 * Each option is a documented index option with a value of its kind; in the legacy unparenthesised form a
 * bare switch (`PAD_INDEX`) means ON.
 */
function checkIndexOptions(p: Parser, options: readonly DdlOption[], what: string, legacy = false, orderAllowed = false): void {
  for (const o of options) {
    if (orderAllowed && !legacy && isOrderOption(o)) continue;
    checkOptionName(p, o, INDEX_OPTIONS, what);
    if (!legacy || o.value !== undefined) checkIndexOptionValue(p, o);
  }
}

/** Index options whose value is ON or OFF. */
const ON_OFF_INDEX_OPTIONS = new Set([
  'PAD_INDEX', 'SORT_IN_TEMPDB', 'STATISTICS_NORECOMPUTE', 'STATISTICS_INCREMENTAL', 'DROP_EXISTING', 'ALLOW_ROW_LOCKS',
  'ALLOW_PAGE_LOCKS', 'OPTIMIZE_FOR_SEQUENTIAL_KEY', 'RESUMABLE', 'LOB_COMPACTION', 'COMPRESS_ALL_ROW_GROUPS', 'XML_COMPRESSION',
]);
/** The longest COMPRESSION_DELAY, in minutes (7 days). */
const MAX_COMPRESSION_DELAY = 10080;
/** The largest MAXDOP: sp_configure's 'max degree of parallelism' takes 0 to 32767 (above it, Msg 304). */
const MAX_DOP = 32767;
/** Index options whose value is a whole number. */
const NUMBER_INDEX_OPTIONS = new Set(['FILLFACTOR', 'MAXDOP', 'BUCKET_COUNT']);
const DATA_COMPRESSION_VALUES = new Set(['NONE', 'ROW', 'PAGE', 'COLUMNSTORE', 'COLUMNSTORE_ARCHIVE']);
const ABORT_AFTER_WAIT_VALUES = new Set(['NONE', 'SELF', 'BLOCKERS']);

/**
 * The value of one index option, as the docs ("CREATE INDEX", "ALTER INDEX", "ALTER TABLE index_option") give
 * it: ON | OFF for the switches, a number for FILLFACTOR / MAXDOP / BUCKET_COUNT, `n [MINUTES]` for durations,
 * `ONLINE = ON [(WAIT_AT_LOW_PRIORITY (…))] | OFF`, `IGNORE_DUP_KEY = ON [(SUPPRESS_MESSAGES = ON | OFF)] | OFF`.
 * A wrong value is a syntax error at it.
 */
export function checkIndexOptionValue(p: Parser, o: DdlOption): void {
  const v = o.value;
  const bad = (): never => failAtOffset(p, o.valueStart ?? o.start);
  const noSuboptions = (): void => {
    if (o.suboptions.length > 0) failAtOffset(p, o.suboptions[0]?.start ?? o.start);
  };
  if (ON_OFF_INDEX_OPTIONS.has(o.name)) {
    if (v !== 'ON' && v !== 'OFF') bad();
    noSuboptions();
  } else if (NUMBER_INDEX_OPTIONS.has(o.name)) {
    if (v === undefined || !isWholeNumber(v) || (o.name === 'FILLFACTOR' && !isFillFactor(v))) bad();
    if (o.name === 'MAXDOP' && Number(v) > MAX_DOP) {
      const at = p.tokenAt(o.valueStart ?? o.start);
      throw new SyntaxFailure(304, `'${v}' is out of range for index option 'maxdop'. See sp_configure option 'max degree of parallelism' for valid values.`, at);
    }
  } else if (o.name === 'MAX_DURATION' || o.name === 'COMPRESSION_DELAY') {
    if (v === undefined || !isDuration(v)) bad();
    // COMPRESSION_DELAY is 0 to 10080 minutes (docs "CREATE COLUMNSTORE INDEX": at most 7 days).
    if (o.name === 'COMPRESSION_DELAY' && Number.parseInt(v ?? '', 10) > MAX_COMPRESSION_DELAY) bad();
  } else if (o.name === 'DATA_COMPRESSION') {
    if (v === undefined || !DATA_COMPRESSION_VALUES.has(v)) bad();
  } else if (o.name === 'IGNORE_DUP_KEY') {
    if (v !== 'ON' && v !== 'OFF') bad();
    if (v === 'OFF') noSuboptions();
    for (const s of o.suboptions) {
      if (s.name !== 'SUPPRESS_MESSAGES') failAtOffset(p, s.start);
      if (s.value !== 'ON' && s.value !== 'OFF') failAtOffset(p, s.valueStart ?? s.start);
    }
  } else if (o.name === 'ONLINE') {
    if (v !== 'ON' && v !== 'OFF') bad();
    if (v === 'OFF') noSuboptions();
    for (const s of o.suboptions) {
      if (s.name !== 'WAIT_AT_LOW_PRIORITY') failAtOffset(p, s.start);
      checkIndexOptionValue(p, s);
    }
  } else if (o.name === 'WAIT_AT_LOW_PRIORITY') checkWaitAtLowPriority(p, o);
}

/** `WAIT_AT_LOW_PRIORITY (MAX_DURATION = n [MINUTES], ABORT_AFTER_WAIT = NONE | SELF | BLOCKERS)` */
function checkWaitAtLowPriority(p: Parser, o: DdlOption): void {
  if (o.value !== undefined) failAtOffset(p, o.valueStart ?? o.start);
  for (const s of o.suboptions) {
    if (s.name === 'MAX_DURATION') {
      if (s.value === undefined || !isDuration(s.value)) failAtOffset(p, s.valueStart ?? s.start);
    } else if (s.name === 'ABORT_AFTER_WAIT') {
      if (s.value === undefined || !ABORT_AFTER_WAIT_VALUES.has(s.value)) failAtOffset(p, s.valueStart ?? s.start);
    } else failAtOffset(p, s.start);
  }
}

function isWholeNumber(v: string): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** CREATE INDEX: "FILLFACTOR = fillfactor … must be an integer value from 1 to 100." */
function isFillFactor(v: string): boolean {
  const n = Number(v);
  return n >= 1 && n <= 100;
}

/** `10`, `10 MINUTES`, `1 MINUTE` (no sign). */
function isDuration(v: string): boolean {
  const space = v.indexOf(' ');
  if (space < 0) return isWholeNumber(v);
  const unit = v.slice(space + 1);
  return isWholeNumber(v.slice(0, space)) && (unit === 'MINUTES' || unit === 'MINUTE');
}

/** A syntax error at the token that starts at `offset` (a value or option checked after it was read). */
function failAtOffset(p: Parser, offset: number): never {
  return p.fail(p.tokenAt(offset));
}

/** The old unparenthesised index options: PAD_INDEX, FILLFACTOR = n, IGNORE_DUP_KEY, DROP_EXISTING, … */
const LEGACY_INDEX_OPTIONS = new Set(['PAD_INDEX', 'FILLFACTOR', 'SORT_IN_TEMPDB', 'IGNORE_DUP_KEY', 'STATISTICS_NORECOMPUTE', 'DROP_EXISTING', 'ONLINE', 'MAXDOP', 'DATA_COMPRESSION', 'ALLOW_ROW_LOCKS', 'ALLOW_PAGE_LOCKS']);

function legacyIndexOption(p: Parser): DdlOption {
  if (!p.isAnyWord(LEGACY_INDEX_OPTIONS)) p.fail();
  const start = p.tok.start;
  const node: DdlOption = { kind: 'DdlOption', name: p.next().upper, suboptions: [], start, end: start };
  if (p.acceptPunct('=')) parseOptionValue(p, node);
  node.end = p.prev.end;
  return node;
}

function checkOptionName(p: Parser, o: DdlOption, known: ReadonlySet<string>, what: string): void {
  if (o.name === '' || known.has(o.name)) return;
  const at = p.tokenAt(o.start);
  throw new SyntaxFailure(155, `'${at.text}' is not a recognized ${what} option.`, at);
}

// ==== DROP =========================================================================================

/**
 * `DROP <objectType> [IF EXISTS] name [, name …]` — the shared DropObjects node. Call it with the parser on
 * the registered object word (it consumes the words of `objectType`, e.g. XML SCHEMA COLLECTION; PROC counts
 * as PROCEDURE) or just after them. `multiple` = false for the kinds whose DROP takes one name (TYPE, SYNONYM,
 * SCHEMA, …);
 * `ifExistsAllowed` = false for the kinds whose syntax has no IF EXISTS.
 */
export function parseDropObjects(p: Parser, ctx: DdlContext, objectType: string, multiple = true, ifExistsAllowed = true): DropObjects {
  consumeObjectWords(p, objectType);
  const ifExists = ifExistsAllowed && acceptIfExists(p);
  const names = multiple ? p.commaList((q) => q.objectName()) : [p.objectName()];
  return p.finish<DropObjects>({ kind: 'DropObjects', objectType, ifExists, names }, ctx.start);
}

/**
 * DROP of a one-name kind spelt with two words, the parser on the second one (FULLTEXT CATALOG, PARTITION SCHEME);
 * their syntax has no IF EXISTS.
 */
function dropAfterWord(p: Parser, ctx: DdlContext, objectType: string): DropObjects {
  p.next();
  const names = [p.objectName()];
  return p.finish<DropObjects>({ kind: 'DropObjects', objectType, ifExists: false, names }, ctx.start);
}

function acceptIfExists(p: Parser): boolean {
  if (!p.isWord('IF')) return false;
  p.next();
  p.expectWord('EXISTS');
  return true;
}

/** Wraps a one-part name (a database, a filegroup) as an ObjectName. */
function asObjectName(name: Ident): ObjectName {
  return { kind: 'ObjectName', name, start: name.start, end: name.end };
}

/**
 * `DROP INDEX [IF EXISTS] ix ON t [WITH (…)] [, …]` or the legacy `DROP INDEX t.ix [, …]` (docs "DROP INDEX").
 * DROP STATISTICS uses the legacy form only.
 */
function parseDropIndex(p: Parser, ctx: DdlContext, objectType: 'INDEX' | 'STATISTICS'): DropObjects {
  p.next();
  const ifExists = objectType === 'INDEX' && acceptIfExists(p);
  const indexes = p.commaList((q) => dropIndexItem(q, objectType === 'INDEX'));
  const names = indexes.map((i) => asObjectName(i.index));
  return p.finish<DropObjects>({ kind: 'DropObjects', objectType, ifExists, names, indexes }, ctx.start);
}

/** DROP INDEX … WITH (MAXDOP = n, ONLINE = …, MOVE TO …, FILESTREAM_ON …): each option once; a repeated one fails at it. */
function checkIndexOptionOnce(p: Parser, options: readonly DdlOption[], i: number): void {
  const o = options[i] as DdlOption;
  for (let j = 0; j < i; j++) if ((options[j] as DdlOption).name === o.name) p.fail(p.tokenAt(o.start));
}

function dropIndexItem(p: Parser, allowOn: boolean): DropIndexItem {
  const start = p.tok.start;
  const name = p.objectName();
  let table: ObjectName;
  let index: Ident;
  const options: DdlOption[] = [];
  if (allowOn && !name.schema && !name.database && p.isWord('ON')) {
    p.next();
    index = name.name;
    table = p.objectName();
    if (p.isWord('WITH') && p.isPunct('(', 1)) options.push(...parseIndexOptions(p, 'DROP INDEX'));
    for (let i = 0; i < options.length; i++) checkIndexOptionOnce(p, options, i);
  } else {
    // table.index: the last part is the index, the rest name the table.
    if (name.schema === undefined) {
      if (!allowOn) p.fail(p.prev);
      const at = p.tokenAt(name.start);
      throw new SyntaxFailure(159, 'Must specify the table name and index name for the DROP INDEX statement.', at);
    }
    index = name.name;
    table = { kind: 'ObjectName', name: name.schema, start: name.start, end: name.schema.end };
    if (name.database) table.schema = name.database;
    if (name.server) table.database = name.server;
  }
  return p.finish<DropIndexItem>({ kind: 'DropIndexItem', index, table, options }, start);
}

// ==== column definitions and table elements ========================================================

/**
 * Where a table element list is: what it may hold differs (the SQL Server 2022 parser's checks).
 * - CREATE TABLE: everything; a dangling comma before `)` is accepted.
 * - ALTER TABLE: ADD's elements, plus the table-level `DEFAULT e FOR col`.
 * - TABLE VARIABLE (`DECLARE @t TABLE`, `RETURNS @t TABLE`) and TYPE (`CREATE TYPE … AS TABLE`): no named
 *   constraints, no foreign keys, no NOT FOR REPLICATION, no graph connections; a TYPE's keys take no `ON fg`.
 */
export type TableContext = 'CREATE TABLE' | 'ALTER TABLE' | 'TABLE VARIABLE' | 'TYPE';

const fullTable = (context: TableContext): boolean => context === 'CREATE TABLE' || context === 'ALTER TABLE';

/** Fails at the current token when the construct there is only allowed in CREATE / ALTER TABLE. */
function requireFullTable(p: Parser, context: TableContext): void {
  if (!fullTable(context)) p.fail();
}

/**
 * The parenthesised element list of CREATE TABLE, `DECLARE @t TABLE (…)`, `CREATE TYPE … AS TABLE (…)` and
 * `RETURNS @t TABLE (…)`: column definitions, table constraints, inline indexes, PERIOD FOR SYSTEM_TIME.
 * The parser stands on `(`. At least one element; only CREATE TABLE accepts a trailing comma. Without a
 * `context`, the list after `@t [AS] TABLE` is a table variable's, any other a CREATE TABLE's.
 */
export function parseTableElements(p: Parser, context: TableContext = inferTableContext(p)): TableElement[] {
  p.expectPunct('(');
  p.enter();
  const out: TableElement[] = [];
  parseTableElement(p, context, out);
  while (p.acceptPunct(',')) {
    if (context === 'CREATE TABLE' && p.isPunct(')')) break;
    parseTableElement(p, context, out);
  }
  p.expectPunct(')');
  p.leave();
  return out;
}

/** `@t TABLE (` or `@t AS TABLE (` just before the parser: a table variable (DECLARE, RETURNS). */
function inferTableContext(p: Parser): TableContext {
  if (p.pos < 2 || !p.isPunct('(') || !p.isWord('TABLE', -1)) return 'CREATE TABLE';
  const before = p.peek(-2);
  const variable = before.kind === 'variable' || (p.pos >= 3 && before.kind === 'word' && before.upper === 'AS' && p.peek(-3).kind === 'variable');
  return variable ? 'TABLE VARIABLE' : 'CREATE TABLE';
}

/**
 * One element, added to `out`. A column is followed there by the constraints written after it with a column
 * list (see parseColumnDefinition).
 */
function parseTableElement(p: Parser, context: TableContext, out: TableElement[]): void {
  if (p.isWord('INDEX')) out.push(parseInlineIndex(p, false, context));
  else if (p.isWord('PERIOD') && p.isWord('FOR', 1)) out.push(parsePeriod(p));
  else if (p.isWord('CONSTRAINT') || p.isWord('PRIMARY') || p.isWord('UNIQUE') || p.isWord('FOREIGN') || p.isWord('CHECK') || p.isWord('DEFAULT') || (p.isWord('CONNECTION') && p.isPunct('(', 1))) {
    out.push(parseTableConstraint(p, context));
  } else parseColumnDefinition(p, context, out);
}

/** `PERIOD FOR SYSTEM_TIME (start_col, end_col)` */
function parsePeriod(p: Parser): PeriodForSystemTime {
  const start = p.tok.start;
  p.next();
  p.expectWord('FOR');
  p.expectWord('SYSTEM_TIME');
  p.expectPunct('(');
  const startColumn = p.identifier();
  p.expectPunct(',');
  const endColumn = p.identifier();
  p.expectPunct(')');
  return p.finish<PeriodForSystemTime>({ kind: 'PeriodForSystemTime', startColumn, endColumn }, start);
}

/**
 * A column, in the order SQL Server reads its parts (as the SQL Server 2022 parser does):
 * `name type [COLLATE c] [GENERATED ALWAYS AS …] [MASKED WITH (…)] [ENCRYPTED WITH (…)]
 * [SPARSE | FILESTREAM | SPARSE FILESTREAM | COLUMN_SET FOR ALL_SPARSE_COLUMNS] [HIDDEN]`, then any number of
 * `IDENTITY […]`, `ROWGUIDCOL`, constraints (`[CONSTRAINT n] NULL | NOT NULL | DEFAULT … | PRIMARY KEY … |
 * UNIQUE … | [FOREIGN KEY] REFERENCES … | CHECK …`) and one inline `INDEX`. A computed column is
 * `name AS expr [PERSISTED]` and constraints. `timestamp` alone may stand without a type (it is its type).
 *
 * The column goes to `out`, then each PRIMARY KEY, UNIQUE or FOREIGN KEY written among its constraints with a
 * column list: such a constraint is on the listed columns, not on the column it follows (SQL Server accepts
 * `a int NOT NULL CONSTRAINT pk PRIMARY KEY (b)`, the key being on b; the comma between table elements is
 * optional before a table constraint). It becomes a TableConstraint marked `columnLevel` (the binder's Msg 8140
 * when it lists more than one column).
 */
export function parseColumnDefinition(p: Parser, context: TableContext, out: TableElement[]): void {
  const start = p.tok.start;
  const name = p.identifier();
  const node: ColumnDefinition = { kind: 'ColumnDefinition', name, constraints: [], start, end: start };
  out.push(node);
  if (p.acceptWord('AS')) {
    node.computed = scalarOnly(p, parseExpression(p));
    if (p.acceptWord('PERSISTED')) node.persisted = true;
    while (isColumnConstraintStart(p)) addColumnConstraint(node, parseColumnConstraint(p, context), out);
  } else {
    if (startsDataType(p)) {
      node.dataType = p.dataType();
      parseColumnBody(p, node);
    } else node.dataType = timestampColumn(p, name);
    if (p.isWord('HIDDEN')) {
      p.next();
      node.hidden = true;
    }
    while (parseColumnConstraintItem(p, node, context, out));
  }
  node.end = p.prev.end;
}

/** A data type can start here (a name: `int`, `dbo.T`, `[int]`), as opposed to a constraint's keyword or `,`. */
function startsDataType(p: Parser): boolean {
  return p.isIdentifier() || p.isWord('DOUBLE') || p.isWord('NATIONAL');
}

/**
 * A column written with no type: only `timestamp` may be (its name is its type, docs "timestamp"); any other is
 * Msg 173 "The definition for column 'a' must include a data type.".
 */
function timestampColumn(p: Parser, name: Ident): DataType {
  if (name.quoted || name.value.toUpperCase() !== 'TIMESTAMP') {
    if (p.tok.kind !== 'punct' || (!p.isPunct(',') && !p.isPunct(')'))) p.fail();
    const at = p.prev;
    throw new SyntaxFailure(173, `The definition for column '${name.value}' must include a data type.`, at);
  }
  const typeName: ObjectName = { kind: 'ObjectName', name, start: name.start, end: name.end };
  return { kind: 'DataType', name: typeName, args: [], start: name.start, end: name.end };
}

/** `[COLLATE c] [GENERATED …] [MASKED …] [ENCRYPTED …] [storage]` after a column's type, in that order. */
function parseColumnBody(p: Parser, node: ColumnDefinition): void {
  if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  if (p.isWord('GENERATED')) node.generatedAlways = parseGeneratedAlways(p);
  if (p.isWord('MASKED')) node.masked = parseMasked(p);
  if (p.isWord('ENCRYPTED')) node.encrypted = parseEncrypted(p);
  if (p.isWord('SPARSE')) {
    p.next();
    node.sparse = true;
    if (p.acceptWord('FILESTREAM')) node.filestream = true;
    else if (p.isWord('ENCRYPTED') && !node.encrypted) node.encrypted = parseEncrypted(p);
  } else if (p.isWord('FILESTREAM')) {
    p.next();
    node.filestream = true;
    if (p.acceptWord('SPARSE')) node.sparse = true;
  } else if (p.isWord('COLUMN_SET')) {
    p.next();
    p.expectWord('FOR');
    p.expectWord('ALL_SPARSE_COLUMNS');
    node.columnSet = true;
  }
}

/**
 * `ENCRYPTED WITH (COLUMN_ENCRYPTION_KEY = k, ENCRYPTION_TYPE = DETERMINISTIC | RANDOMIZED, ALGORITHM = '…')`
 * (docs "CREATE TABLE": the three settings, each once).
 */
function parseEncrypted(p: Parser): DdlOption[] {
  p.expectWord('ENCRYPTED');
  p.expectWord('WITH');
  const options = parseOptionList(p);
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.name) || !ENCRYPTION_SETTINGS.has(o.name)) failAtOffset(p, o.start);
    seen.add(o.name);
    const v = o.value ?? '';
    const ok = o.name === 'ENCRYPTION_TYPE' ? v === 'DETERMINISTIC' || v === 'RANDOMIZED' : o.name === 'ALGORITHM' ? v.startsWith("'") || v.startsWith("N'") : v !== '' && !v.startsWith("'");
    if (!ok || o.suboptions.length > 0) failAtOffset(p, o.valueStart ?? o.start);
  }
  if (seen.size < ENCRYPTION_SETTINGS.size) p.fail(p.prev);
  return options;
}

const ENCRYPTION_SETTINGS = new Set(['COLUMN_ENCRYPTION_KEY', 'ENCRYPTION_TYPE', 'ALGORITHM']);

/** One IDENTITY, ROWGUIDCOL, constraint or inline index after a column's body; false when none comes next. */
function parseColumnConstraintItem(p: Parser, node: ColumnDefinition, context: TableContext, out: TableElement[]): boolean {
  if (p.isWord('IDENTITY')) {
    if (node.identity) p.fail();
    node.identity = parseIdentitySpec(p, context);
  } else if (p.isWord('ROWGUIDCOL')) {
    // ROWGUIDCOL once per column, as IDENTITY.
    if (node.rowguidcol) p.fail();
    p.next();
    node.rowguidcol = true;
  } else if (p.isWord('INDEX')) {
    if (node.index) p.fail();
    node.index = parseInlineIndex(p, true, context);
  } else if (isColumnConstraintStart(p)) addColumnConstraint(node, parseColumnConstraint(p, context), out);
  else return false;
  return true;
}

function isColumnConstraintStart(p: Parser): boolean {
  const t = p.tok;
  if (t.kind !== 'word') return false;
  switch (t.upper) {
    case 'CONSTRAINT':
    case 'NULL':
    case 'DEFAULT':
    case 'PRIMARY':
    case 'UNIQUE':
    case 'FOREIGN':
    case 'REFERENCES':
    case 'CHECK':
      return true;
    case 'NOT':
      // NOT starts NOT NULL here (NOT FOR REPLICATION belongs to IDENTITY, CHECK and REFERENCES).
      return true;
    default:
      return false;
  }
}

/** A constraint of the column, or (one with a column list) an element of the table after it. */
function addColumnConstraint(node: ColumnDefinition, c: ColumnConstraint | TableConstraint, out: TableElement[]): void {
  if (c.kind === 'TableConstraint') {
    out.push(c);
    return;
  }
  node.constraints.push(c);
  if (c.constraintType === 'NULL') node.nullable = true;
  else if (c.constraintType === 'NOT NULL') node.nullable = false;
  else if (c.constraintType === 'DEFAULT' && c.default) node.default = c.default;
}

/** `[NOT FOR REPLICATION]` (CREATE / ALTER TABLE only); true when present. */
function parseReplicationClause(p: Parser, context: TableContext): boolean {
  if (!(p.isWord('NOT') && p.isWord('FOR', 1))) return false;
  requireFullTable(p, context);
  p.next();
  p.next();
  p.expectWord('REPLICATION');
  return true;
}

/** `IDENTITY [(seed, increment)] [NOT FOR REPLICATION]` */
function parseIdentitySpec(p: Parser, context: TableContext): IdentitySpec {
  const start = p.tok.start;
  p.next();
  const node: IdentitySpec = { kind: 'IdentitySpec', notForReplication: false, start, end: start };
  if (p.acceptPunct('(')) {
    node.seed = signedNumber(p);
    p.expectPunct(',');
    node.increment = signedNumber(p);
    p.expectPunct(')');
  }
  node.notForReplication = parseReplicationClause(p, context);
  node.end = p.prev.end;
  return node;
}

/** `MASKED WITH (FUNCTION = 'default()')` */
function parseMasked(p: Parser): string {
  p.next();
  p.expectWord('WITH');
  p.expectPunct('(');
  p.expectWord('FUNCTION');
  p.expectPunct('=');
  if (p.tok.kind !== 'string') p.fail();
  const fn = p.next().value;
  p.expectPunct(')');
  return fn;
}

/**
 * `GENERATED ALWAYS AS ROW | TRANSACTION_ID | SEQUENCE_NUMBER | SUSER_SID | SUSER_SNAME START | END`
 * (temporal and ledger tables; the SUSER_ kinds are the audit columns the SQL Server 2022 parser reads here).
 */
const GENERATED_KINDS = new Set(['ROW', 'TRANSACTION_ID', 'SEQUENCE_NUMBER', 'SUSER_SID', 'SUSER_SNAME']);

function parseGeneratedAlways(p: Parser): string {
  p.next();
  p.expectWord('ALWAYS');
  p.expectWord('AS');
  if (!p.isAnyWord(GENERATED_KINDS)) p.fail();
  const what = p.next().upper;
  if (!p.isWord('START') && !p.isWord('END')) p.fail();
  return `${what} ${p.next().upper}`;
}

/**
 * A column constraint: `[CONSTRAINT n] { NULL | NOT NULL | PRIMARY KEY … | UNIQUE … | [FOREIGN KEY] REFERENCES … |
 * CHECK … | DEFAULT … }`. A table variable's or table type's constraints have no name. A PRIMARY KEY, UNIQUE
 * or FOREIGN KEY with a column list is returned as the TableConstraint it is (`columnLevel`).
 */
function parseColumnConstraint(p: Parser, context: TableContext): ColumnConstraint | TableConstraint {
  const start = p.tok.start;
  let name: Ident | undefined;
  if (p.isWord('CONSTRAINT')) {
    requireFullTable(p, context);
    p.next();
    name = p.identifier();
  }
  const node: ColumnConstraint = { kind: 'ColumnConstraint', constraintType: 'NULL', start, end: start };
  if (name) node.name = name;
  if (p.acceptWord('NULL')) node.constraintType = 'NULL';
  else if (p.acceptWord('NOT')) {
    p.expectWord('NULL');
    node.constraintType = 'NOT NULL';
  } else if (p.isWord('PRIMARY') || p.isWord('UNIQUE')) {
    const key: KeyConstraint = node;
    parseKeyConstraint(p, key, false, context);
    if (key.columns) return columnLevelTableConstraint(p, node, key.columns);
  } else if (p.isWord('FOREIGN') || p.isWord('REFERENCES')) {
    requireFullTable(p, context);
    let columns: Ident[] | undefined;
    if (p.acceptWord('FOREIGN')) {
      p.expectWord('KEY');
      if (p.isPunct('(')) columns = identList(p);
    }
    node.constraintType = 'FOREIGN KEY';
    node.references = parseReferences(p, context);
    if (columns) return columnLevelTableConstraint(p, node, columns);
  } else if (p.isWord('CHECK')) parseCheck(p, node, context);
  else if (p.acceptWord('DEFAULT')) {
    node.constraintType = 'DEFAULT';
    node.default = scalarOnly(p, parseExpression(p));
    // WITH VALUES fills the existing rows of a column ALTER TABLE … ADD adds (docs "ALTER TABLE"
    // column_definition); CREATE TABLE's DEFAULT has none, so WITH is an error there.
    if (context === 'ALTER TABLE' && p.isWord('WITH') && p.isWord('VALUES', 1)) {
      p.next();
      p.next();
      node.withValues = true;
    }
  } else p.fail();
  node.end = p.prev.end;
  return node;
}

/** A column constraint that lists its columns, as the table constraint on them it is. */
function columnLevelTableConstraint(p: Parser, c: ColumnConstraint & KeyConstraint, columns: Ident[]): TableConstraint {
  const node: TableConstraint = { ...c, kind: 'TableConstraint', constraintType: c.constraintType as TableConstraint['constraintType'], columns, columnLevel: true };
  node.end = p.prev.end;
  return node;
}

/** What PRIMARY KEY / UNIQUE constraints share at column and table level. */
interface KeyConstraint {
  constraintType: ConstraintType;
  clustered?: boolean;
  hash?: boolean;
  options?: DdlOption[];
  on?: StorageClause;
  keyColumns?: IndexColumn[];
  columns?: Ident[];
}

/**
 * `PRIMARY KEY | UNIQUE [CLUSTERED | NONCLUSTERED [HASH]] [(cols)] [WITH FILLFACTOR = n | WITH (options)] [ON fg]`;
 * the column list is required at table level and optional at column level (as the SQL Server 2022 parser does).
 */
function parseKeyConstraint(p: Parser, node: KeyConstraint, table: boolean, context: TableContext): void {
  if (p.acceptWord('PRIMARY')) {
    p.expectWord('KEY');
    node.constraintType = 'PRIMARY KEY';
  } else {
    p.expectWord('UNIQUE');
    node.constraintType = 'UNIQUE';
  }
  if (p.acceptWord('CLUSTERED')) node.clustered = true;
  else if (p.acceptWord('NONCLUSTERED')) {
    node.clustered = false;
    if (p.acceptWord('HASH')) node.hash = true;
  }
  if (table || p.isPunct('(')) {
    const keys = indexColumnList(p);
    node.keyColumns = keys;
    node.columns = keys.map((k) => k.name);
  }
  if (p.isWord('WITH') && (p.isPunct('(', 1) || p.isWord('FILLFACTOR', 1))) node.options = parseIndexOptions(p, 'CREATE TABLE');
  if (p.isWord('ON') && !p.isWord('DELETE', 1) && !p.isWord('UPDATE', 1)) {
    if (context === 'TYPE') p.fail();
    node.on = parseStorageClause(p);
  }
}

/** `CHECK [NOT FOR REPLICATION] (condition)` */
function parseCheck(p: Parser, node: { constraintType: ConstraintType; check?: Expression; notForReplication?: boolean }, context: TableContext): void {
  p.expectWord('CHECK');
  node.constraintType = 'CHECK';
  if (parseReplicationClause(p, context)) node.notForReplication = true;
  p.expectPunct('(');
  p.enter();
  node.check = scalarOnly(p, parseCondition(p));
  p.expectPunct(')');
  p.leave();
}

/** The expression nodes that hold a query. */
const QUERY_HOLDERS: ReadonlySet<string> = new Set(['Subquery', 'Exists', 'InSubquery', 'QuantifiedComparison']);

/**
 * A DEFAULT, a CHECK condition and a computed column are scalar expressions: SQL Server's parser
 * rejects a subquery in them (Msg 1046; docs "CREATE TABLE": a computed column's expression "can't be
 * a subquery", CHECK constraints "can't contain subqueries").
 */
function scalarOnly<T extends Expression>(p: Parser, e: T): T {
  walk(e, (n) => {
    if (QUERY_HOLDERS.has(n.kind)) throw new SyntaxFailure(1046, 'Subqueries are not allowed in this context. Only scalar expressions are allowed.', p.tokenAt(n.start));
  });
  return e;
}

/** `REFERENCES t [(cols)] [ON DELETE action] [ON UPDATE action [ON DELETE action]] [NOT FOR REPLICATION]` */
function parseReferences(p: Parser, context: TableContext): References {
  const start = p.tok.start;
  p.expectWord('REFERENCES');
  const table = p.objectName();
  const node: References = { kind: 'References', table, columns: [], start, end: start };
  if (p.isPunct('(')) node.columns = identList(p);
  if (p.isWords('ON', 'DELETE')) {
    p.pos += 2;
    node.onDelete = parseReferentialAction(p);
  }
  if (p.isWords('ON', 'UPDATE')) {
    p.pos += 2;
    node.onUpdate = parseReferentialAction(p);
    if (node.onDelete === undefined && p.isWords('ON', 'DELETE')) {
      p.pos += 2;
      node.onDelete = parseReferentialAction(p);
    }
  }
  if (parseReplicationClause(p, context)) node.notForReplication = true;
  node.end = p.prev.end;
  return node;
}

function parseReferentialAction(p: Parser): ReferentialAction {
  if (p.acceptWord('CASCADE')) return 'CASCADE';
  if (p.acceptWord('NO')) {
    p.expectWord('ACTION');
    return 'NO ACTION';
  }
  p.expectWord('SET');
  if (p.acceptWord('NULL')) return 'SET NULL';
  p.expectWord('DEFAULT');
  return 'SET DEFAULT';
}

/**
 * A table constraint: `[CONSTRAINT n] { PRIMARY KEY | UNIQUE } … (cols) …`, `FOREIGN KEY [(cols)] REFERENCES …`,
 * `CHECK …`, `CONNECTION (a TO b, …) [ON DELETE CASCADE]`, and (ALTER TABLE ADD only) `DEFAULT e FOR col [WITH VALUES]`.
 */
function parseTableConstraint(p: Parser, context: TableContext): TableConstraint {
  const start = p.tok.start;
  const node: TableConstraint = { kind: 'TableConstraint', constraintType: 'CHECK', columns: [], start, end: start };
  if (p.isWord('CONSTRAINT')) {
    requireFullTable(p, context);
    p.next();
    node.name = p.identifier();
  }
  if (p.isWord('PRIMARY') || p.isWord('UNIQUE')) parseKeyConstraint(p, node, true, context);
  else if (p.isWord('FOREIGN')) {
    requireFullTable(p, context);
    p.next();
    p.expectWord('KEY');
    node.constraintType = 'FOREIGN KEY';
    if (p.isPunct('(')) node.columns = identList(p);
    node.references = parseReferences(p, context);
  } else if (p.isWord('CHECK')) parseCheck(p, node, context);
  else if (context === 'ALTER TABLE' && p.acceptWord('DEFAULT')) {
    node.constraintType = 'DEFAULT';
    node.default = scalarOnly(p, parseExpression(p));
    p.expectWord('FOR');
    node.columns = [p.identifier()];
    if (p.isWord('WITH') && p.isWord('VALUES', 1)) {
      p.next();
      p.next();
      node.withValues = true;
    }
  } else if (p.isWord('CONNECTION') && p.isPunct('(', 1)) parseConnection(p, node, context);
  else p.fail();
  node.end = p.prev.end;
  return node;
}

/** Graph edge constraint: `CONNECTION (NodeA TO NodeB, …) [ON DELETE NO ACTION | CASCADE]`. */
function parseConnection(p: Parser, node: TableConstraint, context: TableContext): void {
  p.next();
  node.constraintType = 'CONNECTION';
  const tables: ObjectName[] = [];
  p.parenList((q) => {
    tables.push(q.objectName());
    requireFullTable(q, context);
    q.expectWord('TO');
    tables.push(q.objectName());
    return 0;
  });
  node.connections = tables;
  if (p.isWord('ON') && p.isWord('DELETE', 1)) {
    p.next();
    p.next();
    if (!p.acceptWord('CASCADE')) {
      p.expectWord('NO');
      p.expectWord('ACTION');
    }
  }
}

/**
 * An inline index (table or column level): `INDEX ix [UNIQUE] [CLUSTERED | NONCLUSTERED] [HASH | COLUMNSTORE]
 * [(cols)] [INCLUDE (cols)] [WHERE cond] [WITH (options)] [ON fg] [FILESTREAM_ON fg]` (the SQL Server 2022 parser
 * inlineIndexTableDefinition / inlineIndexColumnDefinition): a clustered columnstore index lists no columns, any
 * other table-level one must; a column-level one cannot be columnstore; HASH is never clustered; only a
 * nonclustered (or unqualified) index may be filtered.
 */
function parseInlineIndex(p: Parser, columnLevel: boolean, context: TableContext): InlineIndex {
  const start = p.tok.start;
  p.expectWord('INDEX');
  const name = p.identifier();
  const node: InlineIndex = { kind: 'InlineIndex', name, columns: [], include: [], start, end: start };
  if (p.acceptWord('UNIQUE')) node.unique = true;
  if (p.acceptWord('CLUSTERED')) node.clustered = true;
  else if (p.acceptWord('NONCLUSTERED')) node.clustered = false;
  if (p.isWord('HASH')) {
    if (node.clustered === true) p.fail();
    p.next();
    node.hash = true;
  } else if (p.isWord('COLUMNSTORE')) {
    if (columnLevel) p.fail();
    p.next();
    node.columnstore = true;
  }
  const clusteredColumnstore = node.columnstore === true && node.clustered === true;
  if (p.isPunct('(')) {
    if (clusteredColumnstore) p.fail();
    node.columns = indexColumnList(p);
  } else if (!columnLevel && !clusteredColumnstore) p.fail();
  if (p.acceptWord('INCLUDE')) node.include = identList(p);
  if (p.isWord('WHERE')) {
    if (node.clustered === true || node.hash === true) p.fail();
    p.next();
    node.where = parseCondition(p);
  }
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    node.options = parseIndexOptions(p, 'CREATE TABLE');
    if (node.columnstore !== true) rejectOption(p, node.options, 'COMPRESSION_DELAY');
  }
  if (p.isWord('ON')) {
    if (context === 'TYPE' || context === 'TABLE VARIABLE') p.fail();
    node.on = parseStorageClause(p);
  }
  if (p.isWord('FILESTREAM_ON')) parseStorageClause(p);
  node.end = p.prev.end;
  return node;
}

/** Fails at the option named `name` if the list has it (an option this kind of index does not take). */
function rejectOption(p: Parser, options: readonly DdlOption[], name: string): void {
  const o = options.find((x) => x.name === name);
  if (o !== undefined) p.fail(p.tokenAt(o.start));
}

// ==== CREATE / ALTER / DROP TABLE ==================================================================

/**
 * `CREATE TABLE name [AS FILETABLE] [( elements )] [AS NODE | AS EDGE] [ON …] [TEXTIMAGE_ON …] [FILESTREAM_ON …]
 * [WITH (options)]` — an edge table may have no columns; a FileTable has none.
 */
function parseCreateTable(p: Parser, ctx: DdlContext): CreateTable {
  p.next();
  const name = p.objectName();
  const node: CreateTable = { kind: 'CreateTable', name, elements: [], options: [], start: ctx.start, end: ctx.start };
  if (p.isWord('AS') && p.isWord('FILETABLE', 1)) {
    p.next();
    p.next();
    node.tableType = 'FILETABLE';
  } else if (p.isWord('AS') && p.isWord('EDGE', 1)) {
    p.next();
    p.next();
    node.tableType = 'EDGE';
  } else {
    node.elements = parseTableElements(p, 'CREATE TABLE');
    if (p.acceptWord('AS')) {
      if (p.acceptWord('NODE')) node.tableType = 'NODE';
      else {
        p.expectWord('EDGE');
        node.tableType = 'EDGE';
      }
    }
  }
  parseTableStorage(p, node);
  node.end = p.prev.end;
  return node;
}

/** The clauses after the element list, in any order, each once. */
function parseTableStorage(p: Parser, node: CreateTable): void {
  for (;;) {
    if (p.isWord('ON') && !node.on) node.on = parseStorageClause(p);
    else if (p.isWord('TEXTIMAGE_ON') && !node.textImageOn) node.textImageOn = parseStorageClause(p);
    else if (p.isWord('FILESTREAM_ON') && !node.filestreamOn) node.filestreamOn = parseStorageClause(p);
    else if (p.isWord('WITH') && p.isPunct('(', 1) && node.options.length === 0) {
      p.next();
      node.options = parseOptionList(p);
      checkTableOptions(p, node.options, CREATE_TABLE_OPTIONS, 'CREATE TABLE');
    } else return;
  }
}

/**
 * The table options of SQL Server 2022 (docs "CREATE TABLE": table_option; "ALTER TABLE": SET). Azure Synapse's
 * DISTRIBUTION, CLUSTERED INDEX, HEAP and PARTITION (…) are not among them: SQL Server rejects them.
 */
const CREATE_TABLE_OPTIONS = new Set([
  'DATA_COMPRESSION', 'XML_COMPRESSION', 'FILETABLE_DIRECTORY', 'FILETABLE_COLLATE_FILENAME', 'FILETABLE_PRIMARY_KEY_CONSTRAINT_NAME',
  'FILETABLE_STREAMID_UNIQUE_CONSTRAINT_NAME', 'FILETABLE_FULLPATH_UNIQUE_CONSTRAINT_NAME', 'SYSTEM_VERSIONING', 'REMOTE_DATA_ARCHIVE',
  'DATA_DELETION', 'MEMORY_OPTIMIZED', 'DURABILITY', 'LEDGER',
]);
const ALTER_TABLE_SET_OPTIONS = new Set(['LOCK_ESCALATION', 'FILESTREAM_ON', 'FILETABLE_DIRECTORY', 'SYSTEM_VERSIONING', 'REMOTE_DATA_ARCHIVE', 'DATA_DELETION']);
const LOCK_ESCALATION_VALUES = new Set(['AUTO', 'TABLE', 'DISABLE']);
const REMOTE_DATA_ARCHIVE_VALUES = new Set(['ON', 'OFF', 'OFF_WITHOUT_DATA_RECOVERY']);
const MIGRATION_STATES = new Set(['OUTBOUND', 'INBOUND', 'PAUSED']);

/** Each option is a table option of the statement (else Msg 155), with a value of its kind where that is fixed. */
function checkTableOptions(p: Parser, options: readonly DdlOption[], known: ReadonlySet<string>, what: string): void {
  for (const o of options) {
    checkOptionName(p, o, known, what);
    const bad = (): never => failAtOffset(p, o.valueStart ?? o.start);
    switch (o.name) {
      case 'MEMORY_OPTIMIZED':
        if (o.value !== 'ON' && o.value !== 'OFF') bad();
        break;
      case 'DURABILITY':
        if (o.value !== 'SCHEMA_ONLY' && o.value !== 'SCHEMA_AND_DATA') bad();
        break;
      case 'DATA_COMPRESSION':
        if (o.value === undefined || !DATA_COMPRESSION_VALUES.has(o.value)) bad();
        break;
      case 'LOCK_ESCALATION':
        if (o.value === undefined || !LOCK_ESCALATION_VALUES.has(o.value)) bad();
        break;
      case 'REMOTE_DATA_ARCHIVE':
        checkStretchOption(p, o);
        break;
      case 'SYSTEM_VERSIONING':
        checkSystemVersioning(p, o);
        break;
      default:
        break;
    }
  }
}

const RETENTION_UNITS = new Set(['DAY', 'DAYS', 'WEEK', 'WEEKS', 'MONTH', 'MONTHS', 'YEAR', 'YEARS']);
/** The largest retention count: an int. */
const MAX_RETENTION = 2147483647;

/**
 * `SYSTEM_VERSIONING = OFF | ON [( HISTORY_TABLE = t [, DATA_CONSISTENCY_CHECK = ON | OFF]
 * [, HISTORY_RETENTION_PERIOD = INFINITE | n {DAY[S] | WEEK[S] | MONTH[S] | YEAR[S]}] )]` (docs "CREATE TABLE",
 * "ALTER TABLE"): each setting once, a retention of at least one unit.
 */
function checkSystemVersioning(p: Parser, o: DdlOption): void {
  if (o.value !== 'ON' && o.value !== 'OFF') failAtOffset(p, o.valueStart ?? o.start);
  if (o.value === 'OFF' && o.suboptions.length > 0) failAtOffset(p, o.suboptions[0]?.start ?? o.start);
  const seen = new Set<string>();
  for (const s of o.suboptions) {
    if (seen.has(s.name)) failAtOffset(p, s.start);
    seen.add(s.name);
    const badValue = (): never => failAtOffset(p, s.valueStart ?? s.start);
    if (s.name === 'DATA_CONSISTENCY_CHECK') {
      if (s.value !== 'ON' && s.value !== 'OFF') badValue();
    } else if (s.name === 'HISTORY_RETENTION_PERIOD') {
      if (s.value !== 'INFINITE' && !isRetention(s.value ?? '')) badValue();
    } else if (s.name !== 'HISTORY_TABLE' || s.value === undefined) failAtOffset(p, s.start);
  }
}

/** `n UNIT`: a whole number from 1 to the int maximum and a retention unit. */
function isRetention(v: string): boolean {
  const space = v.indexOf(' ');
  if (space < 0 || !RETENTION_UNITS.has(v.slice(space + 1))) return false;
  const n = v.slice(0, space);
  return isWholeNumber(n) && Number(n) >= 1 && Number(n) <= MAX_RETENTION;
}

/**
 * `REMOTE_DATA_ARCHIVE = ON | OFF | OFF_WITHOUT_DATA_RECOVERY [( MIGRATION_STATE = OUTBOUND | INBOUND | PAUSED,
 * FILTER_PREDICATE = NULL | fn(col) )]`, or ALTER's `REMOTE_DATA_ARCHIVE ( … )`: each setting once.
 */
function checkStretchOption(p: Parser, o: DdlOption): void {
  if (o.value !== undefined && !REMOTE_DATA_ARCHIVE_VALUES.has(o.value)) failAtOffset(p, o.valueStart ?? o.start);
  const seen = new Set<string>();
  for (const s of o.suboptions) {
    if (seen.has(s.name)) failAtOffset(p, s.start);
    seen.add(s.name);
    const badValue = (): never => failAtOffset(p, s.valueStart ?? s.start);
    if (s.name === 'MIGRATION_STATE') {
      if (s.value === undefined || !MIGRATION_STATES.has(s.value)) badValue();
    } else if (s.name === 'FILTER_PREDICATE') {
      // NULL or a call: a call reads as a name with its arguments as suboptions.
      if (s.value !== 'NULL' && s.suboptions.length === 0) badValue();
    } else failAtOffset(p, s.start);
  }
}

/** `ALTER TABLE name action` (docs "ALTER TABLE (Transact-SQL)"). */
function parseAlterTable(p: Parser, ctx: DdlContext): AlterTable {
  p.next();
  const name = p.objectName();
  const action = parseAlterTableAction(p);
  return p.finish<AlterTable>({ kind: 'AlterTable', name, action }, ctx.start);
}

function parseAlterTableAction(p: Parser): AlterTableAction {
  const start = p.tok.start;
  let withCheck: 'CHECK' | 'NOCHECK' | undefined;
  if (p.isWord('WITH') && (p.isWord('CHECK', 1) || p.isWord('NOCHECK', 1))) {
    p.next();
    withCheck = p.next().upper === 'CHECK' ? 'CHECK' : 'NOCHECK';
  }
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  if (t.upper === 'ADD') return parseAlterTableAdd(p, start, withCheck);
  if (t.upper === 'CHECK' || t.upper === 'NOCHECK') return parseCheckConstraints(p, start, withCheck);
  if (withCheck !== undefined) p.fail();
  switch (t.upper) {
    case 'ALTER':
      return p.isWord('INDEX', 1) ? parseAlterTableAlterIndex(p, start) : parseAlterColumn(p, start);
    case 'DROP':
      return parseAlterTableDrop(p, start);
    case 'ENABLE':
    case 'DISABLE':
      return parseEnableDisable(p, start);
    case 'SWITCH':
      return parseSwitch(p, start);
    case 'SET': {
      p.next();
      const options = parseOptionList(p);
      checkTableOptions(p, options, ALTER_TABLE_SET_OPTIONS, 'ALTER TABLE SET');
      return p.finish<AlterTableSet>({ kind: 'AlterTableSet', options }, start);
    }
    case 'REBUILD':
      return parseTableRebuild(p, start);
    default:
      return p.fail();
  }
}

/** `ADD element, element …` (no parentheses); a table-level DEFAULT … FOR col is allowed here. */
function parseAlterTableAdd(p: Parser, start: number, withCheck: 'CHECK' | 'NOCHECK' | undefined): AlterTableAdd {
  p.next();
  const elements: TableElement[] = [];
  parseTableElement(p, 'ALTER TABLE', elements);
  while (p.acceptPunct(',')) parseTableElement(p, 'ALTER TABLE', elements);
  const node = p.finish<AlterTableAdd>({ kind: 'AlterTableAdd', elements }, start);
  if (withCheck) node.withCheck = withCheck;
  return node;
}

/** `[WITH CHECK|NOCHECK] CHECK|NOCHECK CONSTRAINT ALL | name, …` */
function parseCheckConstraints(p: Parser, start: number, withCheck: 'CHECK' | 'NOCHECK' | undefined): AlterTableCheckConstraints {
  const check = p.next().upper === 'CHECK';
  p.expectWord('CONSTRAINT');
  const all = p.acceptWord('ALL');
  const names = all ? [] : p.commaList((q) => q.identifier());
  const node = p.finish<AlterTableCheckConstraints>({ kind: 'AlterTableCheckConstraints', check, all, names }, start);
  if (withCheck) node.withCheck = withCheck;
  return node;
}

/**
 * `ALTER INDEX ix REBUILD WITH (BUCKET_COUNT = n)` on a memory-optimized table (docs "ALTER TABLE":
 * ALTER INDEX index_name { REBUILD WITH (<rebuild_index_option>) }), whose only option is BUCKET_COUNT.
 */
function parseAlterTableAlterIndex(p: Parser, start: number): AlterTableAlterIndex {
  p.next();
  p.expectWord('INDEX');
  const index = p.identifier();
  p.expectWord('REBUILD');
  p.expectWord('WITH');
  const options = parseOptionList(p);
  for (const o of options) {
    if (o.name !== 'BUCKET_COUNT' || o !== options[0]) failAtOffset(p, o.start);
    checkIndexOptionValue(p, o);
  }
  return p.finish<AlterTableAlterIndex>({ kind: 'AlterTableAlterIndex', index, options }, start);
}

/** Properties that ALTER COLUMN c ADD|DROP toggles. */
const COLUMN_PROPERTIES = new Set(['ROWGUIDCOL', 'PERSISTED', 'SPARSE', 'HIDDEN', 'MASKED', 'NOT']);

/**
 * `ALTER COLUMN c type [COLLATE c] [NULL | NOT NULL] [SPARSE] [ENCRYPTED WITH (…)] [MASKED WITH (…)] [WITH (ONLINE = ON)]`
 * or `ALTER COLUMN c ADD|DROP ROWGUIDCOL | PERSISTED | NOT FOR REPLICATION | SPARSE | HIDDEN | MASKED [WITH (…)]`.
 */
function parseAlterColumn(p: Parser, start: number): AlterTableAlterColumn {
  p.next();
  p.expectWord('COLUMN');
  const column = p.identifier();
  const node: AlterTableAlterColumn = { kind: 'AlterTableAlterColumn', column, options: [], start, end: start };
  if ((p.isWord('ADD') || p.isWord('DROP')) && p.isAnyWord(COLUMN_PROPERTIES, 1)) {
    node.addDrop = p.next().upper === 'ADD' ? 'ADD' : 'DROP';
    if (p.isWord('NOT')) {
      parseReplicationClause(p, 'ALTER TABLE');
      node.property = 'NOT FOR REPLICATION';
    } else if (p.isWord('MASKED') && node.addDrop === 'ADD') node.masked = parseMasked(p);
    else node.property = p.next().upper;
    if (node.masked !== undefined) node.property = 'MASKED';
  } else {
    node.dataType = p.dataType();
    parseAlterColumnAttributes(p, node);
  }
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    node.options = parseOptionList(p);
    // ALTER COLUMN takes ONLINE only (docs "ALTER TABLE": WITH ( ONLINE = ON | OFF )).
    for (const o of node.options) {
      if (o.name !== 'ONLINE') failAtOffset(p, o.start);
      checkIndexOptionValue(p, o);
    }
  }
  node.end = p.prev.end;
  return node;
}

/**
 * After ALTER COLUMN c type, in order (as the SQL Server 2022 parser does): `[COLLATE c] [GENERATED ALWAYS AS …]
 * [MASKED WITH (…)] [ENCRYPTED WITH (…)] [SPARSE | FILESTREAM | COLUMN_SET …] [HIDDEN] [NULL | NOT NULL]`.
 */
function parseAlterColumnAttributes(p: Parser, node: AlterTableAlterColumn): void {
  if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  if (p.isWord('GENERATED')) node.generatedAlways = parseGeneratedAlways(p);
  if (p.isWord('MASKED')) node.masked = parseMasked(p);
  if (p.isWord('ENCRYPTED')) node.encrypted = parseEncrypted(p);
  if (p.acceptWord('SPARSE')) {
    node.sparse = true;
    p.acceptWord('FILESTREAM');
  } else if (p.acceptWord('FILESTREAM')) {
    if (p.acceptWord('SPARSE')) node.sparse = true;
  } else if (p.acceptWord('COLUMN_SET')) {
    p.expectWord('FOR');
    p.expectWord('ALL_SPARSE_COLUMNS');
  }
  if (p.acceptWord('HIDDEN')) node.hidden = true;
  if (p.acceptWord('NULL')) node.nullable = true;
  else if (p.acceptWord('NOT')) {
    p.expectWord('NULL');
    node.nullable = false;
  }
}

/**
 * `DROP [CONSTRAINT | COLUMN | INDEX] [IF EXISTS] name [WITH (options)], … | PERIOD FOR SYSTEM_TIME` mixed in one
 * list; a constraint (or index) may carry its own `WITH (MAXDOP = n, ONLINE = …, MOVE TO fg)` (docs
 * "ALTER TABLE": drop_clustered_constraint_option). The options of every item are kept together in `options`.
 */
function parseAlterTableDrop(p: Parser, start: number): AlterTableDrop {
  p.next();
  let what: DropItem['what'] = 'CONSTRAINT';
  const options: DdlOption[] = [];
  const items = p.commaList((q) => {
    const itemStart = q.tok.start;
    if (q.isWord('PERIOD') && q.isWord('FOR', 1)) {
      q.next();
      q.next();
      const name = q.identFrom(q.expectWord('SYSTEM_TIME'));
      return q.finish<DropItem>({ kind: 'DropItem', what: 'PERIOD', name, ifExists: false }, itemStart);
    }
    // A name without CONSTRAINT/COLUMN keeps the kind of the item before it (docs: "[CONSTRAINT] name …, COLUMN c, …").
    if (q.acceptWord('CONSTRAINT')) what = 'CONSTRAINT';
    else if (q.acceptWord('COLUMN')) what = 'COLUMN';
    else if (q.acceptWord('INDEX')) what = 'INDEX';
    const ifExists = acceptIfExists(q);
    const name = q.identifier();
    const item = q.finish<DropItem>({ kind: 'DropItem', what, name, ifExists }, itemStart);
    if (what !== 'COLUMN' && q.isWord('WITH') && q.isPunct('(', 1)) {
      q.next();
      for (const o of parseOptionList(q)) {
        checkIndexOptionValue(q, o);
        options.push(o);
      }
    }
    return item;
  });
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    for (const o of parseOptionList(p)) {
      checkIndexOptionValue(p, o);
      options.push(o);
    }
  }
  return p.finish<AlterTableDrop>({ kind: 'AlterTableDrop', items, options }, start);
}

/** `ENABLE | DISABLE TRIGGER ALL | names`, `… CHANGE_TRACKING [WITH (TRACK_COLUMNS_UPDATED = ON)]`, `… FILETABLE_NAMESPACE`. */
function parseEnableDisable(p: Parser, start: number): AlterTableAction {
  const enable = p.next().upper === 'ENABLE';
  if (p.acceptWord('TRIGGER')) {
    const all = p.acceptWord('ALL');
    const names = all ? [] : p.commaList((q) => q.identifier());
    return p.finish<AlterTableTrigger>({ kind: 'AlterTableTrigger', enable, all, names }, start);
  }
  if (p.acceptWord('CHANGE_TRACKING')) {
    let options: DdlOption[] = [];
    if (enable && p.isWord('WITH') && p.isPunct('(', 1)) {
      p.next();
      options = parseOptionList(p);
    }
    return p.finish<AlterTableChangeTracking>({ kind: 'AlterTableChangeTracking', enable, options }, start);
  }
  p.expectWord('FILETABLE_NAMESPACE');
  return p.finish<AlterTableFiletable>({ kind: 'AlterTableFiletable', enable }, start);
}

/** `SWITCH [PARTITION n] TO target [PARTITION n] [WITH (WAIT_AT_LOW_PRIORITY (…))]` */
function parseSwitch(p: Parser, start: number): AlterTableSwitch {
  p.next();
  let sourcePartition: Expression | undefined;
  if (p.acceptWord('PARTITION')) sourcePartition = parseExpression(p);
  p.expectWord('TO');
  const target = p.objectName();
  const node: AlterTableSwitch = { kind: 'AlterTableSwitch', target, options: [], start, end: start };
  if (sourcePartition) node.sourcePartition = sourcePartition;
  if (p.acceptWord('PARTITION')) node.targetPartition = parseExpression(p);
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    node.options = parseOptionList(p);
    for (const o of node.options) checkIndexOptionValue(p, o);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * A REBUILD whose DATA_COMPRESSION or XML_COMPRESSION names partitions (`… ON PARTITIONS (1)`) says which
 * partitions it rebuilds: `PARTITION = ALL` or a partition number (docs "ALTER TABLE", "ALTER INDEX": ON
 * PARTITIONS belongs to `REBUILD PARTITION = …`). Without it the option is a syntax error.
 */
function checkRebuildPartitions(p: Parser, options: readonly DdlOption[], partition: string | undefined): void {
  if (partition !== undefined) return;
  for (const o of options) if (o.partitions !== undefined) failAtOffset(p, o.start);
}

/** `REBUILD [PARTITION = ALL | n] [WITH (options)]` */
function parseTableRebuild(p: Parser, start: number): AlterTableRebuild {
  p.next();
  const node: AlterTableRebuild = { kind: 'AlterTableRebuild', options: [], start, end: start };
  const partition = parsePartitionEquals(p);
  if (partition !== undefined) node.partition = partition;
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    node.options = parseOptionList(p);
    for (const o of node.options) checkIndexOptionValue(p, o);
    checkRebuildPartitions(p, node.options, partition);
  }
  node.end = p.prev.end;
  return node;
}

/** `PARTITION = ALL | n` */
function parsePartitionEquals(p: Parser): string | undefined {
  if (!p.acceptWord('PARTITION')) return undefined;
  p.expectPunct('=');
  if (p.acceptWord('ALL')) return 'ALL';
  // The number is any expression (as the SQL Server 2022 parser does): `PARTITION = 1 + 2`, `PARTITION = @p`.
  const number = parseExpression(p);
  return p.text.slice(number.start, number.end);
}

// ==== indexes ======================================================================================

/**
 * `CREATE [UNIQUE] [CLUSTERED | NONCLUSTERED] INDEX ix ON t (cols) [INCLUDE (cols)] [WHERE cond] [WITH (…)]
 * [ON fg | ps(col)] [FILESTREAM_ON …]` and `CREATE [CLUSTERED | NONCLUSTERED] COLUMNSTORE INDEX ix ON t [(cols)]
 * [ORDER (cols)] [WHERE cond] [WITH (…)] [ON …]` (docs "CREATE INDEX", "CREATE COLUMNSTORE INDEX").
 */
function parseCreateIndex(p: Parser, ctx: DdlContext): CreateIndex {
  const unique = p.acceptWord('UNIQUE');
  let clustered: boolean | undefined;
  if (p.acceptWord('CLUSTERED')) clustered = true;
  else if (p.acceptWord('NONCLUSTERED')) clustered = false;
  const columnstore = !unique && p.acceptWord('COLUMNSTORE');
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const node: CreateIndex = { kind: 'CreateIndex', indexType: columnstore ? 'COLUMNSTORE' : 'ROWSTORE', unique, name, table, columns: [], include: [], options: [], start: ctx.start, end: ctx.start };
  if (clustered !== undefined) node.clustered = clustered;
  // A clustered columnstore index covers every column: no column list.
  if (!(columnstore && clustered === true)) {
    if (columnstore && !p.isPunct('(')) p.fail();
    node.columns = indexColumnList(p);
  }
  if (!columnstore && p.acceptWord('INCLUDE')) node.include = identList(p);
  if (columnstore && p.acceptWord('ORDER')) node.order = identList(p);
  // A filtered index is nonclustered: a clustered index takes no WHERE.
  if (clustered !== true && p.acceptWord('WHERE')) {
    node.where = parseCondition(p);
    if (!isFilterPredicate(node.where)) {
      throw new SyntaxFailure(10735, `Incorrect WHERE clause for filtered index '${name.value}' on table '${table.name.value}'.`, p.tokenAt(node.where.start));
    }
  }
  parseIndexTail(p, node, 'CREATE INDEX');
  node.end = p.prev.end;
  return node;
}

/**
 * A filtered index's WHERE (docs "CREATE INDEX" <filter_predicate>): comparisons of a column with a
 * constant (`=`, `<>`, `>`, `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM`, …) and `column IN (constants)`, joined by AND. OR, NOT,
 * NOT IN, LIKE, functions and comparisons of two columns are Msg 10735. A constant may be converted
 * (`b = CONVERT(varbinary(4), 1)`, as the docs advise); BETWEEN is let through.
 */
function isFilterPredicate(e: Expression): boolean {
  switch (e.kind) {
    case 'Paren':
      return isFilterPredicate(e.expr);
    case 'Logical':
      return e.op === 'AND' && isFilterPredicate(e.left) && isFilterPredicate(e.right);
    case 'Comparison':
    case 'IsDistinct':
      return (isFilterColumn(e.left) && isFilterConstant(e.right)) || (isFilterConstant(e.left) && isFilterColumn(e.right));
    case 'IsNull':
      return isFilterColumn(e.expr);
    case 'InList':
      return !e.not && isFilterColumn(e.expr) && e.items.every(isFilterConstant);
    case 'Between':
      return true;
    default:
      return false;
  }
}

/** A column, or a pseudo-column standing for one (IDENTITYCOL, ROWGUIDCOL, $IDENTITY, …). */
function isFilterColumn(e: Expression): boolean {
  return e.kind === 'ColumnRef' || e.kind === 'PseudoColumn';
}

function isFilterConstant(e: Expression): boolean {
  switch (e.kind) {
    case 'Literal':
      return true;
    case 'Unary':
    case 'Paren':
      return isFilterConstant(e.kind === 'Unary' ? e.operand : e.expr);
    case 'Cast':
    case 'Convert':
      return isFilterConstant(e.expr);
    default:
      return false;
  }
}

/** `[WITH (options)] [ON storage] [FILESTREAM_ON fg]` */
function parseIndexTail(p: Parser, node: CreateIndex, what: string): void {
  // A clustered columnstore index may take its order as an option: WITH (ORDER (c1, c2)).
  const orderAllowed = node.indexType === 'COLUMNSTORE' && node.clustered === true;
  if (p.isWord('WITH') && (p.isPunct('(', 1) || p.isAnyWord(LEGACY_INDEX_OPTIONS, 1))) node.options = parseIndexOptions(p, what, orderAllowed);
  if (node.indexType === 'SPATIAL' || node.indexType === 'COLUMNSTORE') rejectXmlCompression(p, node.options, what);
  if (p.isWord('ON')) node.on = parseStorageClause(p);
  if (p.isWord('FILESTREAM_ON')) node.filestreamOn = parseStorageClause(p);
}

/**
 * XML_COMPRESSION compresses xml columns (docs "CREATE INDEX"): it is no option of a spatial index ("CREATE
 * SPATIAL INDEX") or a columnstore index ("CREATE COLUMNSTORE INDEX"), whose option lists lack it (Msg 155).
 */
function rejectXmlCompression(p: Parser, options: readonly DdlOption[], what: string): void {
  for (const o of options) {
    if (o.name !== 'XML_COMPRESSION') continue;
    const at = p.tokenAt(o.start);
    throw new SyntaxFailure(155, `'${at.text}' is not a recognized ${what} option.`, at);
  }
}

const SPATIAL_GRIDS = new Set(['GEOMETRY_GRID', 'GEOGRAPHY_GRID', 'GEOMETRY_AUTO_GRID', 'GEOGRAPHY_AUTO_GRID']);

/** `CREATE SPATIAL INDEX ix ON t (col) [USING GEOMETRY_GRID | …] [WITH (BOUNDING_BOX = …, GRIDS = …, …)] [ON fg]` */
function parseCreateSpatialIndex(p: Parser, ctx: DdlContext): CreateIndex {
  p.next();
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const node: CreateIndex = { kind: 'CreateIndex', indexType: 'SPATIAL', unique: false, name, table, columns: [], include: [], options: [], start: ctx.start, end: ctx.start };
  node.columns = p.parenList(parseIndexColumn);
  if (p.acceptWord('USING')) {
    if (!p.isAnyWord(SPATIAL_GRIDS)) p.fail();
    node.using = p.next().upper;
  }
  parseIndexTail(p, node, 'CREATE SPATIAL INDEX');
  node.end = p.prev.end;
  return node;
}

/**
 * `CREATE PRIMARY XML INDEX ix ON t (col) [WITH (…)]` and
 * `CREATE XML INDEX ix ON t (col) USING XML INDEX pix [FOR VALUE | PATH | PROPERTY] [WITH (…)]`.
 */
function parseCreateXmlIndex(p: Parser, ctx: DdlContext, primary: boolean): CreateIndex {
  if (primary) p.expectWord('PRIMARY');
  p.expectWord('XML');
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const node: CreateIndex = { kind: 'CreateIndex', indexType: primary ? 'PRIMARY XML' : 'XML', unique: false, name, table, columns: [], include: [], options: [], start: ctx.start, end: ctx.start };
  node.columns = p.parenList(parseIndexColumn);
  if (!primary) {
    p.expectWord('USING');
    p.expectWord('XML');
    p.expectWord('INDEX');
    node.usingIndex = p.identifier();
    if (p.acceptWord('FOR')) {
      // FOR ( path ): a secondary selective XML index on one promoted path of the selective index.
      if (p.acceptPunct('(')) {
        node.pathName = p.identifier();
        p.expectPunct(')');
      } else {
        if (!p.isWord('VALUE') && !p.isWord('PATH') && !p.isWord('PROPERTY')) p.fail();
        node.using = p.next().upper;
      }
    }
  }
  parseIndexTail(p, node, 'CREATE XML INDEX');
  node.end = p.prev.end;
  return node;
}

/**
 * `CREATE SELECTIVE XML INDEX ix ON t (xml_col) [WITH XMLNAMESPACES (…)] FOR (path [, …]) [WITH (options)]`
 * (docs "CREATE SELECTIVE XML INDEX").
 */
function parseCreateSelectiveXmlIndex(p: Parser, ctx: DdlContext): CreateIndex {
  p.expectWord('SELECTIVE');
  p.expectWord('XML');
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const node: CreateIndex = { kind: 'CreateIndex', indexType: 'SELECTIVE XML', unique: false, name, table, columns: [], include: [], options: [], start: ctx.start, end: ctx.start };
  p.expectPunct('(');
  const column = p.identifier();
  node.columns = [{ kind: 'IndexColumn', name: column, descending: false, start: column.start, end: column.end }];
  p.expectPunct(')');
  if (p.isWord('WITH') && p.isWord('XMLNAMESPACES', 1)) {
    p.next();
    node.xmlNamespaces = parseXmlNamespaces(p);
  }
  p.expectWord('FOR');
  node.paths = p.parenList((q) => parsePromotedPath(q, q.tok.start));
  if (p.isWord('WITH') && p.isPunct('(', 1)) node.options = parseIndexOptions(p, 'CREATE XML INDEX');
  node.end = p.prev.end;
  return node;
}

/** `XMLNAMESPACES ( 'uri' AS prefix | DEFAULT 'uri' [, …] )`: each as name = prefix (or DEFAULT), value = 'uri'. */
function parseXmlNamespaces(p: Parser): DdlOption[] {
  p.expectWord('XMLNAMESPACES');
  return p.parenList((q) => {
    const start = q.tok.start;
    if (q.acceptWord('DEFAULT')) {
      const uri = q.tok;
      if (uri.kind !== 'string') q.fail();
      q.next();
      return { kind: 'DdlOption', name: 'DEFAULT', value: uri.text, suboptions: [], start, end: uri.end };
    }
    const uri = q.tok;
    if (uri.kind !== 'string') q.fail();
    q.next();
    q.expectWord('AS');
    const prefix = q.identifier();
    return { kind: 'DdlOption', name: prefix.value, value: uri.text, suboptions: [], start, end: prefix.end };
  });
}

/**
 * One promoted path: `name = 'path' [AS XQUERY ['type'] [MAXLENGTH (n)] [SINGLETON] | AS SQL type [SINGLETON]]`.
 * AS XQUERY needs at least one of type, MAXLENGTH, SINGLETON (as the SQL Server 2022 parser does).
 */
function parsePromotedPath(p: Parser, start: number): SelectiveXmlPath {
  const name = p.identifier();
  p.expectPunct('=');
  const path = p.tok;
  if (path.kind !== 'string') p.fail();
  p.next();
  const node: SelectiveXmlPath = { kind: 'SelectiveXmlPath', name, path: path.text, singleton: false, start, end: start };
  if (p.acceptWord('AS')) {
    if (p.isWord('XQUERY')) {
      const xquery = p.next();
      node.xquery = true;
      if (p.tok.kind === 'string') node.xqueryType = p.next().text;
      if (p.acceptWord('MAXLENGTH')) {
        p.expectPunct('(');
        const n = p.tok;
        if (n.kind !== 'number' || !isWholeNumber(n.text)) p.fail();
        node.maxLength = p.next().text;
        p.expectPunct(')');
      }
      node.singleton = p.acceptWord('SINGLETON');
      if (node.xqueryType === undefined && node.maxLength === undefined && !node.singleton) p.fail(xquery);
    } else {
      p.expectWord('SQL');
      node.sqlType = p.dataType();
      node.singleton = p.acceptWord('SINGLETON');
    }
  }
  node.end = p.prev.end;
  return node;
}

/** In ALTER INDEX … FOR (…): `ADD path = '…' …` or `REMOVE path`. */
function parseAlteredPath(p: Parser): SelectiveXmlPath {
  const start = p.tok.start;
  if (p.acceptWord('ADD')) {
    const node = parsePromotedPath(p, start);
    node.action = 'ADD';
    return node;
  }
  p.expectWord('REMOVE');
  const name = p.identifier();
  return { kind: 'SelectiveXmlPath', action: 'REMOVE', name, singleton: false, start, end: name.end };
}

/** ALTER INDEX actions without arguments. */
const ALTER_INDEX_ACTIONS = new Set(['REBUILD', 'REORGANIZE', 'DISABLE', 'SET', 'RESUME', 'PAUSE', 'ABORT']);

/**
 * `ALTER INDEX ix | ALL ON t REBUILD [PARTITION = ALL | n] [WITH (…)] | REORGANIZE [PARTITION = n] [WITH (…)] |
 * DISABLE | SET (…) | RESUME [WITH (…)] | PAUSE | ABORT` (docs "ALTER INDEX").
 */
function parseAlterIndex(p: Parser, ctx: DdlContext): AlterIndex {
  p.next();
  const all = p.acceptWord('ALL');
  const name = all ? undefined : p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  if (name !== undefined && (p.isWord('FOR') || (p.isWord('WITH') && p.isWord('XMLNAMESPACES', 1)))) return parseAlterSelectiveXmlIndex(p, ctx, name, table);
  if (!p.isAnyWord(ALTER_INDEX_ACTIONS)) p.fail();
  const action = p.next().upper;
  const node: AlterIndex = { kind: 'AlterIndex', all, table, action, options: [], start: ctx.start, end: ctx.start };
  if (name) node.name = name;
  if (action === 'SET') {
    node.options = parseOptionList(p);
    checkIndexOptions(p, node.options, 'ALTER INDEX');
  } else if (action === 'REBUILD' || action === 'REORGANIZE' || action === 'RESUME') {
    const partition = action === 'RESUME' ? undefined : parsePartitionEquals(p);
    if (partition !== undefined) node.partition = partition;
    if (p.isWord('WITH') && p.isPunct('(', 1)) node.options = parseIndexOptions(p, 'ALTER INDEX');
    if (action === 'REBUILD') checkRebuildPartitions(p, node.options, partition);
  }
  node.end = p.prev.end;
  return node;
}

/** `ALTER INDEX sxi ON t [WITH XMLNAMESPACES (…)] FOR (ADD path = '…' | REMOVE path [, …])` (docs "ALTER INDEX (Selective XML Indexes)"). */
function parseAlterSelectiveXmlIndex(p: Parser, ctx: DdlContext, name: Ident, table: ObjectName): AlterIndex {
  const node: AlterIndex = { kind: 'AlterIndex', name, all: false, table, action: 'FOR', options: [], start: ctx.start, end: ctx.start };
  if (p.acceptWord('WITH')) node.xmlNamespaces = parseXmlNamespaces(p);
  p.expectWord('FOR');
  node.paths = p.parenList(parseAlteredPath);
  node.end = p.prev.end;
  return node;
}

// ==== types, sequences, synonyms ===================================================================

/**
 * `CREATE TYPE name FROM base_type [NULL | NOT NULL]`, `CREATE TYPE name AS TABLE (…) [WITH (MEMORY_OPTIMIZED = ON)]`,
 * `CREATE TYPE name EXTERNAL NAME assembly[.class]` (docs "CREATE TYPE").
 */
function parseCreateType(p: Parser, ctx: DdlContext): CreateType {
  p.next();
  const name = p.objectName();
  const node: CreateType = { kind: 'CreateType', name, options: [], start: ctx.start, end: ctx.start };
  if (p.acceptWord('FROM')) {
    node.baseType = p.dataType();
    if (p.acceptWord('NULL')) node.nullable = true;
    else if (p.isWord('NOT') && p.isWord('NULL', 1)) {
      p.next();
      p.next();
      node.nullable = false;
    }
  } else if (p.acceptWord('AS')) {
    p.expectWord('TABLE');
    node.elements = parseTableElements(p, 'TYPE');
    if (p.isWord('WITH') && p.isPunct('(', 1)) {
      p.next();
      node.options = parseOptionList(p);
    }
  } else {
    p.expectWord('EXTERNAL');
    p.expectWord('NAME');
    node.externalName = p.objectName();
  }
  node.end = p.prev.end;
  return node;
}

/**
 * `CREATE SEQUENCE s [AS type] [START WITH n] [INCREMENT BY n] [MINVALUE n | NO MINVALUE] [MAXVALUE n | NO MAXVALUE]
 * [CYCLE | NO CYCLE] [CACHE [n] | NO CACHE]`; ALTER SEQUENCE takes RESTART [WITH n] instead of AS and START WITH.
 */
function parseSequence(p: Parser, ctx: DdlContext): CreateSequence {
  p.next();
  const nameStart = p.pos;
  const name = p.objectName();
  // A sequence is named by at most schema.name (as the SQL Server 2022 parser does).
  if (name.database !== undefined || name.server !== undefined) p.fail(p.tokens[nameStart]);
  const verb = ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE';
  const node: CreateSequence = { kind: 'CreateSequence', verb, name, options: [], start: ctx.start, end: ctx.start };
  for (;;) {
    // The options, AS type among them, come in any order (as the SQL Server 2022 parser does).
    if (verb === 'CREATE' && node.dataType === undefined && p.acceptWord('AS')) {
      node.dataType = p.dataType();
      continue;
    }
    const optionStart = p.tok;
    const option = parseSequenceOption(p, verb);
    if (option === undefined) break;
    // Each option once: CYCLE and NO CYCLE are the same option.
    const kind = option.name.startsWith('NO ') ? option.name.slice(3) : option.name;
    if (node.options.some((o) => o.name === kind || o.name === `NO ${kind}`)) p.fail(optionStart);
    node.options.push(option);
  }
  // ALTER SEQUENCE s alone is accepted by the 2022 grammar (its option list is optional).
  node.end = p.prev.end;
  return node;
}

function parseSequenceOption(p: Parser, verb: 'CREATE' | 'ALTER'): DdlOption | undefined {
  const start = p.tok.start;
  let name: string;
  let value: string | undefined;
  if (verb === 'CREATE' && p.isWords('START', 'WITH')) {
    p.next();
    p.next();
    name = 'START WITH';
    value = signedNumber(p);
  } else if (verb === 'ALTER' && p.acceptWord('RESTART')) {
    name = 'RESTART';
    if (p.acceptWord('WITH')) value = signedNumber(p);
  } else if (p.isWords('INCREMENT', 'BY')) {
    p.next();
    p.next();
    name = 'INCREMENT BY';
    value = signedNumber(p);
  } else if (p.isWord('MINVALUE') || p.isWord('MAXVALUE')) {
    name = p.next().upper;
    value = signedNumber(p);
  } else if (p.acceptWord('CYCLE')) name = 'CYCLE';
  else if (p.acceptWord('CACHE')) {
    name = 'CACHE';
    if (p.tok.kind === 'number') value = p.next().text;
  } else if (p.isWord('NO') && (p.isWord('MINVALUE', 1) || p.isWord('MAXVALUE', 1) || p.isWord('CYCLE', 1) || p.isWord('CACHE', 1))) {
    p.next();
    name = `NO ${p.next().upper}`;
  } else return undefined;
  const node: DdlOption = { kind: 'DdlOption', name, suboptions: [], start, end: p.prev.end };
  if (value !== undefined) node.value = value;
  return node;
}

/** `CREATE SYNONYM name FOR [server.][db.][schema.]object` */
function parseCreateSynonym(p: Parser, ctx: DdlContext): CreateSynonym {
  p.next();
  const name = p.objectName();
  p.expectWord('FOR');
  const target = p.objectName();
  return p.finish<CreateSynonym>({ kind: 'CreateSynonym', name, target }, ctx.start);
}

// ==== partitions ===================================================================================

/** CREATE | ALTER | DROP PARTITION FUNCTION | SCHEME */
function parsePartition(p: Parser, ctx: DdlContext): Statement {
  p.next();
  if (p.isWord('FUNCTION')) {
    if (ctx.verb === 'DROP') return dropAfterWord(p, ctx, 'PARTITION FUNCTION');
    return ctx.verb === 'CREATE' ? parseCreatePartitionFunction(p, ctx) : parseAlterPartitionFunction(p, ctx);
  }
  if (!p.isWord('SCHEME')) p.fail();
  if (ctx.verb === 'DROP') return dropAfterWord(p, ctx, 'PARTITION SCHEME');
  return ctx.verb === 'CREATE' ? parseCreatePartitionScheme(p, ctx) : parseAlterPartitionScheme(p, ctx);
}

/** `CREATE PARTITION FUNCTION pf (type) AS RANGE [LEFT | RIGHT] FOR VALUES ([v, …])` */
function parseCreatePartitionFunction(p: Parser, ctx: DdlContext): CreatePartitionFunction {
  p.next();
  const name = p.identifier();
  p.expectPunct('(');
  const dataType = p.dataType();
  // A character boundary type may name its collation: (char(10) COLLATE Estonian_CS_AS).
  if (p.acceptWord('COLLATE')) p.identifier();
  p.expectPunct(')');
  p.expectWord('AS');
  p.expectWord('RANGE');
  let range: 'LEFT' | 'RIGHT' = 'LEFT';
  if (p.acceptWord('RIGHT')) range = 'RIGHT';
  else p.acceptWord('LEFT');
  p.expectWord('FOR');
  p.expectWord('VALUES');
  p.expectPunct('(');
  // The boundary list may be empty: one partition.
  const values = p.isPunct(')') ? [] : p.commaList(parseExpression);
  p.expectPunct(')');
  return p.finish<CreatePartitionFunction>({ kind: 'CreatePartitionFunction', name, dataType, range, values }, ctx.start);
}

/** `ALTER PARTITION FUNCTION pf () SPLIT RANGE (v) | MERGE RANGE (v)` */
function parseAlterPartitionFunction(p: Parser, ctx: DdlContext): AlterPartitionFunction {
  p.next();
  const name = p.identifier();
  p.expectPunct('(');
  p.expectPunct(')');
  if (!p.isWord('SPLIT') && !p.isWord('MERGE')) p.fail();
  const action = p.next().upper === 'SPLIT' ? 'SPLIT' : 'MERGE';
  p.expectWord('RANGE');
  p.expectPunct('(');
  const value = parseExpression(p);
  p.expectPunct(')');
  return p.finish<AlterPartitionFunction>({ kind: 'AlterPartitionFunction', name, action, value }, ctx.start);
}

/** A filegroup name where PRIMARY may be written bare or bracketed. */
function filegroupName(p: Parser): Ident {
  if (p.isWord('PRIMARY')) return p.identFrom(p.next());
  if (p.tok.kind === 'string') return stringIdent(p);
  return p.identifier();
}

/** `CREATE PARTITION SCHEME ps AS PARTITION pf [ALL] TO (fg, …)` */
function parseCreatePartitionScheme(p: Parser, ctx: DdlContext): CreatePartitionScheme {
  p.next();
  const name = p.identifier();
  p.expectWord('AS');
  p.expectWord('PARTITION');
  const fn = p.identifier();
  const all = p.acceptWord('ALL');
  p.expectWord('TO');
  const filegroups = p.parenList(filegroupName);
  return p.finish<CreatePartitionScheme>({ kind: 'CreatePartitionScheme', name, function: fn, all, filegroups }, ctx.start);
}

/** `ALTER PARTITION SCHEME ps NEXT USED [fg]` */
function parseAlterPartitionScheme(p: Parser, ctx: DdlContext): AlterPartitionScheme {
  p.next();
  const name = p.identifier();
  p.expectWord('NEXT');
  p.expectWord('USED');
  const node: AlterPartitionScheme = { kind: 'AlterPartitionScheme', name, start: ctx.start, end: ctx.start };
  // The filegroup is optional: a word that starts the next statement is not one.
  if (p.isIdentifier() && !atStatementStart(p)) node.nextUsed = p.identifier();
  node.end = p.prev.end;
  return node;
}

// ==== statistics ===================================================================================

/** `CREATE STATISTICS s ON t (cols) [WHERE cond] [WITH FULLSCAN | SAMPLE n PERCENT|ROWS | …, NORECOMPUTE, …]` */
function parseCreateStatistics(p: Parser, ctx: DdlContext): CreateStatistics {
  p.next();
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const columns = identList(p);
  const node: CreateStatistics = { kind: 'CreateStatistics', name, table, columns, options: [], start: ctx.start, end: ctx.start };
  if (p.acceptWord('WHERE')) node.where = parseCondition(p);
  if (p.acceptWord('WITH')) node.options = checkStatisticsOptions(p, 'CREATE STATISTICS', p.commaList(parseStatisticsOption));
  node.end = p.prev.end;
  return node;
}

/**
 * `UPDATE STATISTICS t [ix | (ix, …)] [WITH FULLSCAN | SAMPLE n PERCENT|ROWS | RESAMPLE [ON PARTITIONS (…)] | ALL |
 * COLUMNS | INDEX, NORECOMPUTE, INCREMENTAL = ON|OFF, MAXDOP = n, AUTO_DROP = ON|OFF, …]`. query.ts's UPDATE rule
 * calls it; the parser stands on UPDATE or on STATISTICS, `start` is the offset of UPDATE.
 */
export function parseUpdateStatistics(p: Parser, start: number): UpdateStatistics {
  p.acceptWord('UPDATE');
  p.expectWord('STATISTICS');
  const table = p.objectName();
  let names: Ident[] = [];
  if (p.isPunct('(')) names = identList(p);
  else if (p.isIdentifier() && !atStatementStart(p)) names = [p.identifier()];
  let options: DdlOption[] = [];
  if (p.acceptWord('WITH')) options = checkStatisticsOptions(p, 'UPDATE STATISTICS', p.commaList(parseStatisticsOption));
  return p.finish<UpdateStatistics>({ kind: 'UpdateStatistics', table, names, options }, start);
}

const STATISTICS_OPTIONS = new Set(['FULLSCAN', 'SAMPLE', 'RESAMPLE', 'ALL', 'COLUMNS', 'INDEX', 'NORECOMPUTE', 'INCREMENTAL', 'MAXDOP', 'AUTO_DROP', 'PERSIST_SAMPLE_PERCENT', 'STATS_STREAM', 'ROWCOUNT', 'PAGECOUNT']);

/** One statistics option (no parentheses around the list). */
function parseStatisticsOption(p: Parser): DdlOption {
  const start = p.tok.start;
  if (!p.isAnyWord(STATISTICS_OPTIONS)) p.fail();
  const name = p.next().upper;
  const node: DdlOption = { kind: 'DdlOption', name, suboptions: [], start, end: start };
  if (name === 'SAMPLE') {
    node.value = signedNumber(p);
    if (!p.isWord('PERCENT') && !p.isWord('ROWS')) p.fail();
    node.value += ` ${p.next().upper}`;
  } else if (name === 'FULLSCAN' && p.isWord('WITH')) {
    // FULLSCAN [[,] PERSIST_SAMPLE_PERCENT = ON] is written as a separate option; nothing here.
  } else if (p.acceptPunct('=')) parseOptionValue(p, node);
  if ((name === 'RESAMPLE' || name === 'FULLSCAN' || name === 'SAMPLE') && p.isWord('ON') && p.isWord('PARTITIONS', 1)) {
    p.next();
    p.next();
    node.partitions = p.parenList(partitionRange);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * The options that exclude each other, each group in the order SQL Server names a conflicting pair:
 * one way to sample (SAMPLE n PERCENT | SAMPLE n ROWS | RESAMPLE | FULLSCAN) and one set of statistics
 * (ALL | COLUMNS | INDEX). Docs "UPDATE STATISTICS", "CREATE STATISTICS": the choices of one bracket.
 */
const EXCLUSIVE_STATISTICS_OPTIONS: readonly (readonly string[])[] = [
  ['PERCENT', 'ROWS', 'RESAMPLE', 'FULLSCAN'],
  ['ALL', 'COLUMNS', 'INDEX'],
];

/** A statistics option's name as SQL Server names it in a conflict: SAMPLE by its unit. */
function statisticsOptionWord(o: DdlOption): string {
  return o.name === 'SAMPLE' ? (o.value?.endsWith('ROWS') === true ? 'ROWS' : 'PERCENT') : o.name;
}

/**
 * Each statistics option at most once (Msg 1039) and no two of one exclusive group (Msg 1052,
 * "Conflicting UPDATE STATISTICS options "PERCENT" and "FULLSCAN".").
 */
function checkStatisticsOptions(p: Parser, statement: string, options: DdlOption[]): DdlOption[] {
  for (let i = 1; i < options.length; i++) {
    const o = options[i] as DdlOption;
    const word = statisticsOptionWord(o);
    for (let j = 0; j < i; j++) {
      const before = options[j] as DdlOption;
      if (before.name === o.name) throw new SyntaxFailure(1039, `Option '${o.name}' is specified more than once.`, p.tokenAt(o.start));
      const other = statisticsOptionWord(before);
      const group = EXCLUSIVE_STATISTICS_OPTIONS.find((g) => g.includes(word));
      if (group === undefined || !group.includes(other)) continue;
      const [first, second] = group.indexOf(word) < group.indexOf(other) ? [word, other] : [other, word];
      throw new SyntaxFailure(1052, `Conflicting ${statement} options "${first}" and "${second}".`, p.tokenAt(o.start));
    }
  }
  return options;
}

// ==== legacy defaults and rules ====================================================================

/** `CREATE DEFAULT d AS constant_expression` / `CREATE RULE r AS condition_expression` (deprecated, still valid). */
function parseCreateDefaultOrRule(p: Parser, ctx: DdlContext): CreateDefaultOrRule {
  const rule = p.next().upper === 'RULE';
  const name = p.objectName();
  p.expectWord('AS');
  const expression = rule ? parseCondition(p) : parseExpression(p);
  return p.finish<CreateDefaultOrRule>({ kind: rule ? 'CreateRule' : 'CreateDefault', name, expression }, ctx.start);
}

// ==== full-text ====================================================================================

/** CREATE | ALTER | DROP FULLTEXT INDEX | CATALOG | STOPLIST */
function parseFulltext(p: Parser, ctx: DdlContext): Statement {
  p.next();
  if (p.isWord('INDEX')) {
    if (ctx.verb === 'CREATE') return parseCreateFulltextIndex(p, ctx);
    p.next();
    p.expectWord('ON');
    const table = p.objectName();
    if (ctx.verb === 'DROP') return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'FULLTEXT INDEX', ifExists: false, names: [], on: table }, ctx.start);
    parseAlterFulltextIndexAction(p);
    return p.finish<AlterFulltextIndex>({ kind: 'AlterFulltextIndex', table }, ctx.start);
  }
  if (p.isWord('CATALOG')) {
    if (ctx.verb === 'DROP') return dropAfterWord(p, ctx, 'FULLTEXT CATALOG');
    return parseFulltextCatalog(p, ctx);
  }
  if (!p.isWord('STOPLIST')) p.fail();
  const node = ctx.verb === 'DROP' ? dropAfterWord(p, ctx, 'FULLTEXT STOPLIST') : parseFulltextStoplist(p, ctx);
  // The stoplist statements end with a semicolon (docs "CREATE / ALTER / DROP FULLTEXT STOPLIST":
  // `;` is part of their syntax, not optional): anything else after them is an error.
  if (!p.isPunct(';')) p.fail();
  return node;
}

/**
 * `CREATE FULLTEXT INDEX ON t [(col [TYPE COLUMN tc] [LANGUAGE l] [STATISTICAL_SEMANTICS], …)] KEY INDEX ix
 * [ON catalog | ON (catalog, FILEGROUP fg)] [WITH [(] CHANGE_TRACKING [=] … | STOPLIST [=] … | SEARCH PROPERTY LIST [=] … [)]]`
 */
function parseCreateFulltextIndex(p: Parser, ctx: DdlContext): CreateIndex {
  p.next();
  p.expectWord('ON');
  const table = p.objectName();
  const node: CreateIndex = { kind: 'CreateIndex', indexType: 'FULLTEXT', unique: false, table, columns: [], include: [], options: [], start: ctx.start, end: ctx.start };
  if (p.isPunct('(')) node.columns = p.parenList(parseFulltextColumn);
  p.expectWord('KEY');
  p.expectWord('INDEX');
  node.keyIndex = p.identifier();
  if (p.acceptWord('ON')) {
    if (p.isPunct('(')) p.parenList(fulltextCatalogItem);
    else node.catalog = p.identifier();
  }
  if (p.acceptWord('WITH')) node.options = p.acceptPunct('(') ? fulltextOptionsClosed(p) : p.commaList(parseFulltextIndexOption);
  node.end = p.prev.end;
  return node;
}

function fulltextOptionsClosed(p: Parser): DdlOption[] {
  const options = p.commaList(parseFulltextIndexOption);
  p.expectPunct(')');
  return options;
}

/** `catalog` or `FILEGROUP fg` inside ON (…). */
function fulltextCatalogItem(p: Parser): Ident {
  p.acceptWord('FILEGROUP');
  return filegroupName(p);
}

/** `col [TYPE COLUMN tc] [LANGUAGE l] [STATISTICAL_SEMANTICS]` */
function parseFulltextColumn(p: Parser): IndexColumn {
  const start = p.tok.start;
  const name = p.identifier();
  if (p.acceptWord('TYPE')) {
    p.expectWord('COLUMN');
    p.identifier();
  }
  if (p.acceptWord('LANGUAGE')) languageTerm(p);
  p.acceptWord('STATISTICAL_SEMANTICS');
  return p.finish<IndexColumn>({ kind: 'IndexColumn', name, descending: false }, start);
}

/** A full-text language: 1033, 0x409, 'English', N'English' (or a bare word). */
function languageTerm(p: Parser): string {
  const t = p.tok;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'quoted' || (t.kind === 'word' && !isReserved(t.upper))) return p.next().text;
  return p.fail();
}

/** `CHANGE_TRACKING [=] MANUAL|AUTO|OFF`, `NO POPULATION`, `STOPLIST [=] OFF|SYSTEM|name`, `SEARCH PROPERTY LIST [=] name` */
function parseFulltextIndexOption(p: Parser): DdlOption {
  const start = p.tok.start;
  let name: string;
  if (p.isWords('NO', 'POPULATION')) {
    p.next();
    p.next();
    name = 'NO POPULATION';
    return { kind: 'DdlOption', name, suboptions: [], start, end: p.prev.end };
  }
  if (p.isWords('SEARCH', 'PROPERTY', 'LIST')) {
    p.pos += 3;
    name = 'SEARCH PROPERTY LIST';
  } else if (p.isWord('CHANGE_TRACKING') || p.isWord('STOPLIST')) name = p.next().upper;
  else return p.fail();
  p.acceptPunct('=');
  if (p.isWord('OFF')) return { kind: 'DdlOption', name, value: p.next().upper, suboptions: [], start, end: p.prev.end };
  const value = p.objectName();
  return { kind: 'DdlOption', name, value: p.text.slice(value.start, value.end).toUpperCase(), object: value, suboptions: [], start, end: p.prev.end };
}

/** The actions of ALTER FULLTEXT INDEX ON t (docs "ALTER FULLTEXT INDEX"). */
function parseAlterFulltextIndexAction(p: Parser): void {
  if (p.acceptWord('ENABLE') || p.acceptWord('DISABLE')) return;
  if (p.acceptWord('SET')) {
    parseFulltextIndexOption(p);
  } else if (p.acceptWord('ADD')) p.parenList(parseFulltextColumn);
  else if (p.acceptWord('DROP')) identList(p);
  else if (p.acceptWord('ALTER')) {
    p.expectWord('COLUMN');
    p.identifier();
    if (!p.acceptWord('ADD')) p.expectWord('DROP');
    p.expectWord('STATISTICAL_SEMANTICS');
  } else if (p.acceptWord('START')) {
    if (!p.acceptWord('FULL') && !p.acceptWord('INCREMENTAL')) p.expectWord('UPDATE');
    p.expectWord('POPULATION');
    return;
  } else if (p.acceptWord('STOP') || p.acceptWord('PAUSE') || p.acceptWord('RESUME')) {
    p.expectWord('POPULATION');
    return;
  } else p.fail();
  if (p.isWord('WITH') && p.isWords('WITH', 'NO', 'POPULATION')) p.pos += 3;
}

/**
 * `CREATE FULLTEXT CATALOG c [ON FILEGROUP fg] [IN PATH 'p'] [WITH ACCENT_SENSITIVITY = ON|OFF] [AS DEFAULT]
 * [AUTHORIZATION owner]`; `ALTER FULLTEXT CATALOG c REBUILD [WITH ACCENT_SENSITIVITY = …] | REORGANIZE | AS DEFAULT`.
 */
function parseFulltextCatalog(p: Parser, ctx: DdlContext): FulltextCatalog {
  p.next();
  const verb = ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE';
  const name = p.identifier();
  const options: DdlOption[] = [];
  const option = (o: string, value?: string): void => {
    const node: DdlOption = { kind: 'DdlOption', name: o, suboptions: [], start: p.prev.start, end: p.prev.end };
    if (value !== undefined) node.value = value;
    options.push(node);
  };
  if (verb === 'ALTER') {
    if (p.acceptWord('REBUILD')) {
      option('REBUILD');
      if (p.acceptWord('WITH')) option('ACCENT_SENSITIVITY', accentSensitivity(p));
    } else if (p.acceptWord('REORGANIZE')) option('REORGANIZE');
    else {
      p.expectWord('AS');
      p.expectWord('DEFAULT');
      option('AS DEFAULT');
    }
  } else {
    if (p.isWords('ON', 'FILEGROUP')) {
      p.pos += 2;
      option('FILEGROUP', filegroupName(p).value);
    }
    if (p.isWords('IN', 'PATH')) {
      p.pos += 2;
      if (p.tok.kind !== 'string') p.fail();
      option('IN PATH', p.next().text);
    }
    if (p.acceptWord('WITH')) option('ACCENT_SENSITIVITY', accentSensitivity(p));
    if (p.acceptWord('AS')) {
      p.expectWord('DEFAULT');
      option('AS DEFAULT');
    }
    if (p.acceptWord('AUTHORIZATION')) option('AUTHORIZATION', p.identifier().value);
  }
  return p.finish<FulltextCatalog>({ kind: 'FulltextCatalog', verb, name, options }, ctx.start);
}

function accentSensitivity(p: Parser): string {
  p.expectWord('ACCENT_SENSITIVITY');
  p.expectPunct('=');
  if (!p.isWord('ON') && !p.isWord('OFF')) p.fail();
  return p.next().upper;
}

/**
 * `CREATE FULLTEXT STOPLIST s [FROM {[db.]source | SYSTEM STOPLIST}] [AUTHORIZATION o]`;
 * `ALTER FULLTEXT STOPLIST s ADD 'word' LANGUAGE l | DROP {'word' LANGUAGE l | ALL LANGUAGE l | ALL}`.
 */
function parseFulltextStoplist(p: Parser, ctx: DdlContext): FulltextStoplist {
  p.next();
  const verb = ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE';
  const name = p.objectName();
  if (verb === 'CREATE') {
    if (p.acceptWord('FROM')) {
      if (p.isWords('SYSTEM', 'STOPLIST')) p.pos += 2;
      else p.objectName();
    }
    if (p.acceptWord('AUTHORIZATION')) p.identifier();
  } else if (p.acceptWord('ADD')) {
    if (p.tok.kind !== 'string') p.fail();
    p.next();
    p.expectWord('LANGUAGE');
    languageTerm(p);
  } else {
    p.expectWord('DROP');
    if (p.acceptWord('ALL')) {
      if (p.acceptWord('LANGUAGE')) languageTerm(p);
    } else {
      if (p.tok.kind !== 'string') p.fail();
      p.next();
      p.expectWord('LANGUAGE');
      languageTerm(p);
    }
  }
  return p.finish<FulltextStoplist>({ kind: 'FulltextStoplist', verb, name }, ctx.start);
}

// ==== XML: indexes and schema collections ==========================================================

/** CREATE XML INDEX … | CREATE/ALTER/DROP XML SCHEMA COLLECTION … */
function parseXml(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'CREATE' && p.isWord('INDEX', 1)) return parseCreateXmlIndex(p, ctx, false);
  p.next();
  p.expectWord('SCHEMA');
  p.expectWord('COLLECTION');
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'XML SCHEMA COLLECTION', false, false);
  const name = p.objectName();
  p.expectWord(ctx.verb === 'CREATE' ? 'AS' : 'ADD');
  const content = parseExpression(p);
  return p.finish<XmlSchemaCollection>({ kind: 'XmlSchemaCollection', verb: ctx.verb === 'CREATE' ? 'CREATE' : 'ALTER', name, content }, ctx.start);
}

// ==== databases ====================================================================================

/** Database-level objects spelt `… DATABASE <word> …` that this grammar keeps opaque. */
function isDatabaseSubobject(p: Parser): boolean {
  return p.isWords('ENCRYPTION', 'KEY');
}

/** CREATE | ALTER | DROP DATABASE … */
function parseDatabase(p: Parser, ctx: DdlContext): Statement {
  p.next();
  if (p.isWords('SCOPED', 'CREDENTIAL')) return parseDatabaseScopedCredential(p, ctx);
  if (p.isWords('AUDIT', 'SPECIFICATION')) return parseAuditSpecification(p, ctx, 'DATABASE');
  if (isDatabaseSubobject(p)) return opaque(p, ctx.start, `${ctx.verb} DATABASE ${p.tok.upper}`);
  if (ctx.verb === 'DROP') {
    const ifExists = acceptIfExists(p);
    const names = p.commaList((q) => asObjectName(q.identifier()));
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'DATABASE', ifExists, names }, ctx.start);
  }
  if (ctx.verb === 'CREATE') return parseCreateDatabase(p, ctx);
  if (p.isWords('SCOPED', 'CONFIGURATION')) return parseScopedConfiguration(p, ctx);
  return parseAlterDatabase(p, ctx);
}

/**
 * `CREATE DATABASE name [CONTAINMENT = NONE | PARTIAL] [ON [PRIMARY] filespec, … [, FILEGROUP fg [CONTAINS …] [DEFAULT]
 * filespec, …]] [LOG ON filespec, …] [COLLATE c] [WITH option, …] [FOR ATTACH [WITH …] | FOR ATTACH_REBUILD_LOG]`
 * or `CREATE DATABASE name ON (…) AS SNAPSHOT OF source` (docs "CREATE DATABASE").
 */
function parseCreateDatabase(p: Parser, ctx: DdlContext): CreateDatabase {
  const name = p.identifier();
  const node: CreateDatabase = { kind: 'CreateDatabase', name, filegroups: [], log: [], options: [], start: ctx.start, end: ctx.start };
  if (p.isWord('CONTAINMENT')) {
    p.next();
    p.expectPunct('=');
    if (!p.isWord('NONE') && !p.isWord('PARTIAL')) p.fail();
    node.containment = p.next().upper;
  }
  // Azure SQL Database: CREATE DATABASE name (EDITION = '…', SERVICE_OBJECTIVE = …)
  if (p.isPunct('(')) node.options = parseOptionList(p);
  if (p.acceptWord('ON')) node.filegroups = parseDatabaseFiles(p);
  if (p.isWords('LOG', 'ON')) {
    p.pos += 2;
    node.log = p.commaList(parseFileSpec);
  }
  if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  if (p.acceptWord('FOR')) {
    if (!p.isWord('ATTACH') && !p.isWord('ATTACH_REBUILD_LOG') && !p.isWord('ATTACH_FORCE_REBUILD_LOG')) p.fail();
    node.attach = p.next().upper;
  } else if (p.isWord('AS')) {
    p.next();
    if (p.acceptWord('SNAPSHOT')) {
      p.expectWord('OF');
      node.snapshotOf = p.identifier();
    } else {
      p.expectWord('COPY');
      p.expectWord('OF');
      p.objectName();
      // Azure SQL Database: … AS COPY OF src (SERVICE_OBJECTIVE = '…')
      if (p.isPunct('(')) node.options = node.options.concat(parseOptionList(p));
    }
  }
  if (p.acceptWord('WITH')) {
    const options = p.commaList(parseDatabaseOption);
    rejectRepeatedOption(p, options);
    node.options = node.options.concat(options);
  }
  node.end = p.prev.end;
  return node;
}

/** Each option of the list once: the second one of a name is a syntax error at it. */
function rejectRepeatedOption(p: Parser, options: readonly DdlOption[]): void {
  for (let i = 1; i < options.length; i++) {
    const o = options[i] as DdlOption;
    for (let j = 0; j < i; j++) if ((options[j] as DdlOption).name === o.name) failAtOffset(p, o.start);
  }
}

/** `[PRIMARY] filespec, … [, FILEGROUP fg [CONTAINS FILESTREAM | MEMORY_OPTIMIZED_DATA] [DEFAULT] filespec, …]` */
function parseDatabaseFiles(p: Parser): FileGroupSpec[] {
  const groups: FileGroupSpec[] = [];
  let current: FileGroupSpec = { kind: 'FileGroupSpec', files: [], start: p.tok.start, end: p.tok.start };
  p.acceptWord('PRIMARY');
  groups.push(current);
  do {
    if (p.isWord('FILEGROUP')) {
      const start = p.tok.start;
      p.next();
      current = { kind: 'FileGroupSpec', name: p.identifier(), files: [], start, end: start };
      if (p.acceptWord('CONTAINS')) {
        if (!p.isWord('FILESTREAM') && !p.isWord('MEMORY_OPTIMIZED_DATA')) p.fail();
        current.contains = p.next().upper;
      }
      if (p.acceptWord('DEFAULT')) current.isDefault = true;
      groups.push(current);
    }
    current.files.push(parseFileSpec(p));
    current.end = p.prev.end;
  } while (p.acceptPunct(','));
  return groups.filter((g) => g.files.length > 0 || g.name !== undefined);
}

/** `( NAME = n, FILENAME = 'path', SIZE = 10MB, MAXSIZE = UNLIMITED, FILEGROWTH = 10% )` */
function parseFileSpec(p: Parser): FileSpec {
  return fileSpec(p, false);
}

/** The file of ALTER DATABASE … MODIFY FILE: the one place NEWNAME and OFFLINE are allowed. */
function parseModifiedFileSpec(p: Parser): FileSpec {
  return fileSpec(p, true);
}

function fileSpec(p: Parser, modify: boolean): FileSpec {
  const start = p.tok.start;
  const options = parseOptionList(p);
  for (let i = 0; i < options.length; i++) {
    const o = options[i] as DdlOption;
    checkFileOption(p, o, modify);
    checkFileOptionOnce(p, options, i);
  }
  return p.finish<FileSpec>({ kind: 'FileSpec', options }, start);
}

/** Each option of a <filespec> is given once: a repeated one is a syntax error at its second use. */
function checkFileOptionOnce(p: Parser, options: readonly DdlOption[], i: number): void {
  const o = options[i] as DdlOption;
  for (let j = 0; j < i; j++) if ((options[j] as DdlOption).name === o.name) p.fail(p.tokenAt(o.start));
}

/**
 * The options of a file (docs "CREATE DATABASE" <filespec>, "ALTER DATABASE File and Filegroup
 * Options": NAME, NEWNAME, FILENAME, SIZE, MAXSIZE, FILEGROWTH, OFFLINE). FILENAME is a string
 * ('os_file_name'): a double-quoted name is an identifier (QUOTED_IDENTIFIER ON) and fails there.
 */
const FILE_OPTIONS: ReadonlySet<string> = new Set(['NAME', 'NEWNAME', 'FILENAME', 'SIZE', 'MAXSIZE', 'FILEGROWTH', 'OFFLINE']);

function checkFileOption(p: Parser, o: DdlOption, modify: boolean): void {
  if (!FILE_OPTIONS.has(o.name)) p.fail(p.tokenAt(o.start));
  // NEWNAME renames and OFFLINE takes offline an existing file: MODIFY FILE only (Msg 153).
  if (!modify && (o.name === 'NEWNAME' || o.name === 'OFFLINE')) {
    throw new SyntaxFailure(153, `Invalid usage of the option ${o.name} in the CREATE/ALTER DATABASE statement.`, p.tokenAt(o.start));
  }
  if (o.name === 'FILENAME' && o.valueStart !== undefined) {
    const value = p.tokenAt(o.valueStart);
    if (value.kind !== 'string') p.fail(value);
  }
  // A logical or physical file name is never empty: NAME = '', NEWNAME = N'', FILENAME = '' fail at the value.
  if ((o.name === 'NAME' || o.name === 'NEWNAME' || o.name === 'FILENAME') && o.valueStart !== undefined) {
    const value = p.tokenAt(o.valueStart);
    if (value.kind === 'string' && value.value === '') p.fail(value);
  }
}

/**
 * The option names of "ALTER DATABASE SET Options" and of CREATE DATABASE … WITH (SQL Server 2022, plus the
 * Azure SQL ones the same parser accepts); a name outside the list is a syntax error at it.
 */
const DATABASE_OPTIONS = new Set([
  'ACCELERATED_DATABASE_RECOVERY', 'ALLOW_SNAPSHOT_ISOLATION', 'ANSI_NULL_DEFAULT', 'ANSI_NULLS', 'ANSI_PADDING', 'ANSI_WARNINGS',
  'ARITHABORT', 'AUTO_CLOSE', 'AUTO_CREATE_STATISTICS', 'AUTO_SHRINK', 'AUTO_UPDATE_STATISTICS', 'AUTO_UPDATE_STATISTICS_ASYNC',
  'AUTOMATIC_TUNING', 'CATALOG_COLLATION', 'CHANGE_TRACKING', 'COMPATIBILITY_LEVEL', 'CONCAT_NULL_YIELDS_NULL', 'CONTAINMENT',
  'CURSOR_CLOSE_ON_COMMIT', 'CURSOR_DEFAULT', 'DATA_RETENTION', 'DATE_CORRELATION_OPTIMIZATION', 'DB_CHAINING',
  'DEFAULT_FULLTEXT_LANGUAGE', 'DEFAULT_LANGUAGE', 'DELAYED_DURABILITY', 'DISABLE_BROKER', 'EMERGENCY', 'ENABLE_BROKER',
  'ENCRYPTION', 'ERROR_BROKER_CONVERSATIONS', 'FILESTREAM', 'HADR', 'HONOR_BROKER_PRIORITY', 'LEDGER', 'MEMORY_OPTIMIZED',
  'MEMORY_OPTIMIZED_ELEVATE_TO_SNAPSHOT', 'MIXED_PAGE_ALLOCATION', 'MULTI_USER', 'NESTED_TRIGGERS', 'NEW_BROKER',
  'NUMERIC_ROUNDABORT', 'OFFLINE', 'ONLINE', 'OPTIMIZED_LOCKING', 'PAGE_VERIFY', 'PARAMETERIZATION', 'PARTNER',
  'PERSISTENT_LOG_BUFFER', 'QUERY_STORE', 'QUOTED_IDENTIFIER', 'READ_COMMITTED_SNAPSHOT', 'READ_ONLY', 'READ_WRITE',
  'RECOVERY', 'RECURSIVE_TRIGGERS', 'REMOTE_DATA_ARCHIVE', 'RESTRICTED_USER', 'SINGLE_USER', 'SUPPLEMENTAL_LOGGING',
  'SUSPEND_FOR_SNAPSHOT_BACKUP', 'TARGET_RECOVERY_TIME', 'TEMPORAL_HISTORY_RETENTION', 'TORN_PAGE_DETECTION',
  'TRANSFORM_NOISE_WORDS', 'TRUSTWORTHY', 'TWO_DIGIT_YEAR_CUTOFF', 'WITNESS', 'DATA_LAKE_LOG_ACCOUNT', 'ELASTIC_POOL',
  'EDITION', 'SERVICE_OBJECTIVE', 'MAXSIZE', 'VARDECIMAL_STORAGE_FORMAT', 'BACKUP_STORAGE_REDUNDANCY', 'ADR_CLEANER_THREAD_COUNT', 'AUTOMATIC_INDEX_MANAGEMENT',
]);

/** Reserved words that may be values of a database option. */
const DB_OPTION_VALUE_KEYWORDS = new Set(['ON', 'OFF', 'FULL', 'ALL', 'DEFAULT', 'NULL', 'PRIMARY', 'CURRENT', 'GROUP']);

/**
 * One database option: `name [=] value …` and an optional `( suboptions )`: `RECOVERY SIMPLE`, `SINGLE_USER`,
 * `COMPATIBILITY_LEVEL = 160`, `TARGET_RECOVERY_TIME = 60 SECONDS`, `QUERY_STORE = ON (OPERATION_MODE = READ_WRITE)`,
 * `QUERY_STORE CLEAR ALL`, `HADR AVAILABILITY GROUP = ag`, `CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS)`.
 * The long tail of documented options shares this shape ("ALTER DATABASE SET options").
 */
function parseDatabaseOption(p: Parser): DdlOption {
  const start = p.tok.start;
  if (!p.isAnyWord(DATABASE_OPTIONS)) p.fail();
  const node: DdlOption = { kind: 'DdlOption', name: p.next().upper, suboptions: [], start, end: start };
  const values: string[] = [];
  let needValue = p.acceptPunct('=');
  node.valueStart = p.tok.start;
  for (;;) {
    const t = p.tok;
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'quoted' || p.isPunct('-')) {
      values.push(t.kind === 'number' || p.isPunct('-') ? signedNumber(p) : p.next().text);
      if (p.isPunct('%')) values.push(p.next().text);
    } else if (t.kind === 'word' && (needValue || !atStatementStart(p)) && !p.isWord('WITH') && (!isReserved(t.upper) || DB_OPTION_VALUE_KEYWORDS.has(t.upper))) {
      values.push(p.next().upper);
    } else if (p.isPunct('=') && values.length > 0) {
      p.next();
      values.push('=');
      needValue = true;
      continue;
    } else break;
    needValue = false;
  }
  if (p.isPunct('(')) node.suboptions = parseOptionList(p);
  else if (needValue) p.fail();
  if (values.length > 0) node.value = values.join(' ');
  node.end = p.prev.end;
  checkDatabaseOptionValue(p, node);
  return node;
}

const CATALOG_COLLATIONS = new Set(['DATABASE_DEFAULT', 'SQL_LATIN1_GENERAL_CP1_CI_AS']);
const AUTOMATIC_TUNING_VALUES = new Set(['AUTO', 'INHERIT', 'CUSTOM']);

/**
 * The database options whose values the docs fix ("ALTER DATABASE SET Options", "CREATE DATABASE"):
 * `CATALOG_COLLATION = DATABASE_DEFAULT | SQL_Latin1_General_CP1_CI_AS`, `AUTOMATIC_TUNING = AUTO | INHERIT | CUSTOM`
 * or `AUTOMATIC_TUNING (FORCE_LAST_GOOD_PLAN = …)`, `REMOTE_DATA_ARCHIVE = OFF | ON (SERVER = '…', CREDENTIAL = name
 * [, FEDERATED_SERVICE_ACCOUNT = ON | OFF])`, each setting in parentheses once. A wrong value is a syntax error at it.
 */
function checkDatabaseOptionValue(p: Parser, o: DdlOption): void {
  const bad = (): never => failAtOffset(p, o.valueStart ?? o.start);
  switch (o.name) {
    case 'CATALOG_COLLATION':
      if (o.value === undefined || !CATALOG_COLLATIONS.has(o.value)) bad();
      break;
    case 'AUTOMATIC_TUNING':
      if (o.value === undefined ? o.suboptions.length === 0 : !AUTOMATIC_TUNING_VALUES.has(o.value) || o.suboptions.length > 0) bad();
      rejectRepeatedOption(p, o.suboptions);
      break;
    case 'REMOTE_DATA_ARCHIVE':
      // `= OFF`, `= ON ( settings )`, or ALTER DATABASE's `( settings )` alone (as the SQL Server 2022 parser does).
      if (o.value === 'OFF' ? o.suboptions.length > 0 : o.value !== 'ON' && o.value !== undefined) bad();
      if (o.value !== 'OFF' && o.suboptions.length === 0) failAtOffset(p, o.end);
      for (const s of o.suboptions) checkRemoteDataArchiveSetting(p, s);
      rejectRepeatedOption(p, o.suboptions);
      break;
    default:
      break;
  }
}

/** One setting of `REMOTE_DATA_ARCHIVE = ON ( … )` for a database. */
function checkRemoteDataArchiveSetting(p: Parser, s: DdlOption): void {
  const at = s.valueStart ?? s.start;
  const text = s.value ?? '';
  if (s.name === 'SERVER') {
    if (!text.startsWith("'") && !text.startsWith("N'")) failAtOffset(p, at);
  } else if (s.name === 'CREDENTIAL') {
    if (text === '' || text.startsWith("'") || text.startsWith("N'")) failAtOffset(p, at);
  } else if (s.name === 'FEDERATED_SERVICE_ACCOUNT') {
    if (text !== 'ON' && text !== 'OFF') failAtOffset(p, at);
  } else failAtOffset(p, s.start);
}

/** `WITH ROLLBACK IMMEDIATE | ROLLBACK AFTER n [SECONDS] | NO_WAIT` */
function parseTermination(p: Parser): string {
  p.expectWord('WITH');
  if (p.acceptWord('NO_WAIT')) return 'NO_WAIT';
  p.expectWord('ROLLBACK');
  if (p.acceptWord('IMMEDIATE')) return 'ROLLBACK IMMEDIATE';
  p.expectWord('AFTER');
  const n = signedNumber(p);
  p.acceptWord('SECONDS');
  return `ROLLBACK AFTER ${n}`;
}

const FILEGROUP_PROPERTIES = new Set(['READ_ONLY', 'READ_WRITE', 'READONLY', 'READWRITE', 'DEFAULT', 'AUTOGROW_SINGLE_FILE', 'AUTOGROW_ALL_FILES']);

/** `ALTER DATABASE name | CURRENT action` (docs "ALTER DATABASE (Transact-SQL)", "… File and Filegroup Options", "… SET Options"). */
function parseAlterDatabase(p: Parser, ctx: DdlContext): AlterDatabase {
  let name: Ident | undefined;
  if (!p.acceptWord('CURRENT')) name = p.identifier();
  const node: AlterDatabase = { kind: 'AlterDatabase', action: '', options: [], files: [], start: ctx.start, end: ctx.start };
  if (name) node.name = name;
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  switch (t.upper) {
    case 'SET':
      p.next();
      node.action = 'SET';
      node.options = p.commaList(parseDatabaseOption);
      // LEDGER is set when the database is created, never changed (docs "ALTER DATABASE SET Options" lists no LEDGER).
      for (const o of node.options) if (o.name === 'LEDGER') failAtOffset(p, o.start);
      break;
    case 'ADD':
      parseAlterDatabaseAdd(p, node);
      break;
    case 'REMOVE':
      p.next();
      if (p.acceptWord('SECONDARY')) {
        node.action = 'REMOVE SECONDARY';
        p.expectWord('ON');
        p.expectWord('SERVER');
        p.identifier();
        break;
      }
      if (!p.isWord('FILE') && !p.isWord('FILEGROUP')) p.fail();
      node.action = `REMOVE ${p.next().upper}`;
      node.filegroup = p.identifier();
      break;
    case 'MODIFY':
      parseAlterDatabaseModify(p, node);
      break;
    case 'COLLATE':
      p.next();
      node.action = 'COLLATE';
      node.newName = p.identifier();
      break;
    case 'FAILOVER':
    case 'FORCE_FAILOVER_ALLOW_DATA_LOSS':
      node.action = p.next().upper;
      break;
    default:
      p.fail();
  }
  if (p.isWord('WITH') && (p.isWord('ROLLBACK', 1) || p.isWord('NO_WAIT', 1))) node.termination = parseTermination(p);
  node.end = p.prev.end;
  return node;
}

/** `ADD FILE filespec, … [TO FILEGROUP fg]`, `ADD LOG FILE filespec, …`, `ADD FILEGROUP fg [CONTAINS …]`, Azure `ADD SECONDARY ON SERVER s [WITH (…)]`. */
function parseAlterDatabaseAdd(p: Parser, node: AlterDatabase): void {
  p.next();
  if (p.acceptWord('FILEGROUP')) {
    node.action = 'ADD FILEGROUP';
    node.filegroup = p.identifier();
    if (p.acceptWord('CONTAINS')) {
      if (!p.isWord('FILESTREAM') && !p.isWord('MEMORY_OPTIMIZED_DATA')) p.fail();
      p.next();
    }
    return;
  }
  if (p.acceptWord('SECONDARY')) {
    node.action = 'ADD SECONDARY';
    p.expectWord('ON');
    p.expectWord('SERVER');
    p.identifier();
    if (p.isWord('WITH') && p.isPunct('(', 1)) {
      p.next();
      node.options = parseOptionList(p);
    }
    return;
  }
  const log = p.acceptWord('LOG');
  p.expectWord('FILE');
  node.action = log ? 'ADD LOG FILE' : 'ADD FILE';
  node.files = p.commaList(parseFileSpec);
  // TO FILEGROUP after log files too: the 2022 grammar (alterDbAddFile) takes it for both.
  if (p.acceptWord('TO')) {
    p.expectWord('FILEGROUP');
    node.filegroup = p.identifier();
  }
}

/** `MODIFY FILE filespec`, `MODIFY FILEGROUP fg property | NAME = new`, `MODIFY NAME = new`, Azure `MODIFY (options)`. */
function parseAlterDatabaseModify(p: Parser, node: AlterDatabase): void {
  p.next();
  if (p.acceptWord('FILE')) {
    node.action = 'MODIFY FILE';
    node.files = [parseModifiedFileSpec(p)];
  } else if (p.acceptWord('FILEGROUP')) {
    node.action = 'MODIFY FILEGROUP';
    node.filegroup = filegroupName(p);
    if (p.acceptWord('NAME')) {
      p.expectPunct('=');
      node.newName = p.identifier();
    } else {
      if (!p.isAnyWord(FILEGROUP_PROPERTIES)) p.fail();
      p.next();
    }
  } else if (p.acceptWord('NAME')) {
    node.action = 'MODIFY NAME';
    p.expectPunct('=');
    node.newName = p.identifier();
  } else {
    node.action = 'MODIFY';
    node.options = parseOptionList(p);
  }
}

/** Reserved words a scoped configuration's value may be. */
const SCOPED_RESERVED_VALUES = new Set(['ON', 'OFF', 'PRIMARY']);
/** Scoped configurations whose value is ON | OFF | PRIMARY, and those whose value is a number. */
const SCOPED_SWITCHES = new Set(['LEGACY_CARDINALITY_ESTIMATION', 'PARAMETER_SNIFFING', 'QUERY_OPTIMIZER_HOTFIXES']);
const SCOPED_NUMBERS = new Set(['MAXDOP', 'DW_COMPATIBILITY_LEVEL']);

/**
 * `ALTER DATABASE SCOPED CONFIGURATION [FOR SECONDARY] SET name = value | ON | OFF | PRIMARY`, or
 * `… CLEAR PROCEDURE_CACHE [plan_handle]` (docs "ALTER DATABASE SCOPED CONFIGURATION").
 */
function parseScopedConfiguration(p: Parser, ctx: DdlContext): AlterDatabaseScopedConfiguration {
  p.pos += 2;
  const forSecondary = p.isWords('FOR', 'SECONDARY');
  if (forSecondary) p.pos += 2;
  const node: AlterDatabaseScopedConfiguration = { kind: 'AlterDatabaseScopedConfiguration', forSecondary, clear: false, start: ctx.start, end: ctx.start };
  if (p.acceptWord('CLEAR')) {
    p.expectWord('PROCEDURE_CACHE');
    node.clear = true;
    // The optional plan handle is a binary constant (0x…).
    const handle = p.tok;
    if (handle.kind === 'number') {
      if (!handle.text.startsWith('0x') && !handle.text.startsWith('0X')) p.fail();
      p.next();
    }
  } else {
    p.expectWord('SET');
    const start = p.tok.start;
    // The name is any identifier (a reserved word only when quoted); the value a whole number, a string, a word.
    if (!p.isIdentifier()) p.fail();
    const option: DdlOption = { kind: 'DdlOption', name: p.next().upper, suboptions: [], start, end: start };
    p.expectPunct('=');
    // A generic option takes a negative whole number (as the SQL Server 2022 parser does: a minus, never
    // a plus); MAXDOP does not.
    const signed = p.isPunct('-') && !SCOPED_NUMBERS.has(option.name);
    const v = signed ? p.peek() : p.tok;
    if (v.kind === 'number' ? !isWholeNumber(v.text) : signed || (v.kind === 'word' ? isReserved(v.upper) && !SCOPED_RESERVED_VALUES.has(v.upper) : v.kind !== 'string' && v.kind !== 'quoted')) p.fail(v);
    parseOptionValue(p, option);
    option.end = p.prev.end;
    if (SCOPED_SWITCHES.has(option.name) && option.value !== 'ON' && option.value !== 'OFF' && option.value !== 'PRIMARY') p.fail(v);
    if (SCOPED_NUMBERS.has(option.name) && v.kind !== 'number' && option.value !== 'PRIMARY') p.fail(v);
    // PRIMARY "can only be set for the secondaries": it takes the primary's value, so FOR SECONDARY says so.
    if (!forSecondary && option.value === 'PRIMARY') p.fail(v);
    node.option = option;
  }
  node.end = p.prev.end;
  return node;
}

// ==== registration =================================================================================

/** CREATE [UNIQUE] [CLUSTERED | NONCLUSTERED] [COLUMNSTORE] INDEX; ALTER INDEX; DROP INDEX. */
function parseIndexStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'ALTER') return parseAlterIndex(p, ctx);
  if (ctx.verb === 'DROP') return parseDropIndex(p, ctx, 'INDEX');
  return parseCreateIndex(p, ctx);
}

function parseTableStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'CREATE') return parseCreateTable(p, ctx);
  if (ctx.verb === 'ALTER') return parseAlterTable(p, ctx);
  return parseDropObjects(p, ctx, 'TABLE');
}

function parseTypeStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'TYPE', false);
  return parseCreateType(p, ctx);
}

function parseSequenceStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'SEQUENCE');
  return parseSequence(p, ctx);
}

function parseSynonymStatement(p: Parser, ctx: DdlContext): Statement {
  // the SQL Server 2022 parser takes a list of names, like DROP TABLE.
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'SYNONYM');
  return parseCreateSynonym(p, ctx);
}

function parseStatisticsStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropIndex(p, ctx, 'STATISTICS');
  return parseCreateStatistics(p, ctx);
}

function parseDefaultOrRuleStatement(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, p.tok.upper === 'RULE' ? 'RULE' : 'DEFAULT');
  return parseCreateDefaultOrRule(p, ctx);
}

registerDdl(['CREATE', 'ALTER', 'DROP'], 'TABLE', parseTableStatement);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'INDEX', parseIndexStatement);
registerDdl(['CREATE'], 'UNIQUE', parseCreateIndex);
registerDdl(['CREATE'], 'CLUSTERED', parseCreateIndex);
registerDdl(['CREATE'], 'NONCLUSTERED', parseCreateIndex);
registerDdl(['CREATE'], 'COLUMNSTORE', parseCreateIndex);
registerDdl(['CREATE'], 'SPATIAL', parseCreateSpatialIndex);
registerDdl(['CREATE'], 'PRIMARY', (p, ctx) => parseCreateXmlIndex(p, ctx, true));
registerDdl(['CREATE'], 'SELECTIVE', parseCreateSelectiveXmlIndex);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'XML', parseXml);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'FULLTEXT', parseFulltext);
registerDdl(['CREATE', 'DROP'], 'TYPE', parseTypeStatement);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'SEQUENCE', parseSequenceStatement);
registerDdl(['CREATE', 'DROP'], 'SYNONYM', parseSynonymStatement);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'PARTITION', parsePartition);
registerDdl(['CREATE', 'DROP'], 'STATISTICS', parseStatisticsStatement);
registerDdl(['CREATE', 'DROP'], 'DEFAULT', parseDefaultOrRuleStatement);
registerDdl(['CREATE', 'DROP'], 'RULE', parseDefaultOrRuleStatement);
registerDdl(['CREATE', 'ALTER', 'DROP'], 'DATABASE', parseDatabase);
