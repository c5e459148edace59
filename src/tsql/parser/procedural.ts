// Procedural statements: DECLARE, SET, control of flow (IF, WHILE, BEGIN … END, TRY … CATCH, RETURN,
// GOTO, BREAK, CONTINUE, THROW, RAISERROR, PRINT, WAITFOR), transactions, EXEC / EXECUTE AS / REVERT,
// cursors, Service Broker conversations, and the session/server statements (USE, DBCC, KILL, …).
// Every rule stops cleanly before the next statement's first word: T-SQL needs no `;`.
import type { DeclareVariable, Expression, GlobalVariable, Ident, ObjectName, Statement, Variable } from './ast.js';
import type { Literal, Unary } from './ast-expressions.js';
import type {
  AtomicBlock,
  BackupItem,
  BackupRestore,
  BeginConversationTimer,
  BeginDialog,
  BeginTransaction,
  Block,
  Break,
  BrokerOption,
  Checkpoint,
  CloseCursor,
  Commit,
  Continue,
  CursorDefinition,
  Dbcc,
  Deallocate,
  Declare,
  DeclareCursor,
  DeclareTable,
  EndConversation,
  ExecArgument,
  Execute,
  ExecuteAs,
  ExecuteContext,
  Fetch,
  GetConversationGroup,
  Goto,
  If,
  KeyStatement,
  Kill,
  LineNo,
  MoveConversation,
  OpenCursor,
  Print,
  Raiserror,
  Receive,
  ReceiveItem,
  Reconfigure,
  ResultSetColumn,
  ResultSetDefinition,
  Return,
  Revert,
  Rollback,
  Save,
  Send,
  SetOption,
  SetVariable,
  Setuser,
  Shutdown,
  TextPointerStatement,
  Throw,
  TryCatch,
  Use,
  Waitfor,
  While,
} from './ast-procedural.js';
import type { Token } from '../lexer.js';
import type { Parser } from './core.js';
import { SyntaxFailure } from './core.js';
import { atMoneyLiteral, parseCondition, parseExpression, parseExpressionOrDefault, parseMoneyLiteral, startsExpression } from './expressions.js';
import { parseSelectStatement } from './query.js';
import { parseTableElements } from './ddl-tables.js';
import { isReserved } from './keywords.js';
import { atStatementStart, opaque, parseStatement, parseStatementList, registerStatement } from './statements.js';

const wordSet = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

// ---- small shared pieces -----------------------------------------------------------------------

/** A use of a local variable (`@x`, not `@@x`). */
function variable(p: Parser): Variable {
  if (!p.isVariable()) p.fail();
  const t = p.next();
  return { kind: 'Variable', name: t.text, start: t.start, end: t.end };
}

/** A transaction, savepoint or cursor name: an identifier, or a variable holding it. */
function nameOrVariable(p: Parser): Ident | Variable {
  return p.isVariable() ? variable(p) : p.identifier();
}

/** A string or number literal token as a Literal node (no sign). */
function literalToken(p: Parser): Literal {
  const t = p.tok;
  if (t.kind === 'string') {
    p.next();
    const national = t.text.charCodeAt(0) === 78 || t.text.charCodeAt(0) === 110; /* N n */
    return { kind: 'Literal', type: national ? 'nstring' : 'string', value: t.value, start: t.start, end: t.end };
  }
  if (t.kind === 'number') {
    p.next();
    const binary = t.text.length > 1 && (t.text.charCodeAt(1) === 120 || t.text.charCodeAt(1) === 88); /* 0x */
    return { kind: 'Literal', type: binary ? 'binary' : 'number', value: t.text, start: t.start, end: t.end };
  }
  return p.fail();
}

/** Whether a constant (with an optional sign, money included) starts here. */
function startsConstant(p: Parser): boolean {
  const t = p.tok;
  if (t.kind === 'string' || t.kind === 'number' || p.isWord('NULL')) return true;
  if (p.isPunct('$')) return true;
  if (p.isPunct('-') || p.isPunct('+')) return p.peek().kind === 'number' || p.isPunct('$', 1);
  return false;
}

/** A constant: `'x'`, `N'x'`, `12`, `-1.5` (a Unary, as expressions.ts gives it), `0x1F`, `$12.50`, `-$1`, `NULL`. */
function constant(p: Parser): Literal | Unary {
  const start = p.tok.start;
  if (p.isPunct('-') || p.isPunct('+')) {
    const op = p.next().text === '-' ? '-' : '+';
    if (p.tok.kind !== 'number' && !p.isPunct('$')) p.fail();
    return p.finish<Unary>({ kind: 'Unary', op, operand: unsignedConstant(p) }, start);
  }
  return unsignedConstant(p);
}

function unsignedConstant(p: Parser): Literal {
  const start = p.tok.start;
  if (p.isWord('NULL')) {
    p.next();
    return { kind: 'Literal', type: 'null', value: 'NULL', start, end: p.prev.end };
  }
  if (p.isPunct('$')) {
    // `$12.50`, `$ 10`, `$-1`; a currency sign alone is the money constant 0.
    if (atMoneyLiteral(p)) return parseMoneyLiteral(p);
    p.next();
    return { kind: 'Literal', type: 'money', value: '0', start, end: p.prev.end };
  }
  return literalToken(p);
}

/**
 * A constant or a local variable: the only values THROW, RAISERROR's message/severity/state, EXEC
 * arguments and several SET options take (SQL Server rejects `THROW 50000, 'a' + @b, 1`).
 */
function constantOrVariable(p: Parser, allowGlobal = false): Expression {
  if (p.isVariable()) return variable(p);
  if (allowGlobal && p.tok.kind === 'variable') {
    const t = p.next();
    const g: GlobalVariable = { kind: 'GlobalVariable', name: t.text, start: t.start, end: t.end };
    return g;
  }
  if (startsConstant(p)) return constant(p);
  return p.fail();
}

/** A variable token as written, `@@x` included (the SQL Server 2022 parser's `variable` accepts both; `@@x` gives a GlobalVariable). */
function anyVariable(p: Parser): Variable | GlobalVariable {
  const t = p.tok;
  if (t.kind !== 'variable') p.fail();
  p.next();
  if (t.text.startsWith('@@')) return { kind: 'GlobalVariable', name: t.text, start: t.start, end: t.end };
  return { kind: 'Variable', name: t.text, start: t.start, end: t.end };
}

/** Whether the current token is an integer literal (digits only: no point, exponent or 0x). */
function isInteger(p: Parser): boolean {
  const t = p.tok;
  if (t.kind !== 'number') return false;
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function integer(p: Parser): Literal {
  if (!isInteger(p)) p.fail();
  return literalToken(p);
}

/** `[-] integer` */
function signedInteger(p: Parser): Literal | Unary {
  const start = p.tok.start;
  if (p.isPunct('-')) {
    p.next();
    return p.finish<Unary>({ kind: 'Unary', op: '-', operand: integer(p) }, start);
  }
  return integer(p);
}

/** `[-] integer | @v` (RAISERROR's severity and state). */
function signedIntegerOrVariable(p: Parser): Expression {
  return p.tok.kind === 'variable' ? anyVariable(p) : signedInteger(p);
}

/** `integer | @v` (THROW's number and state). */
function integerOrVariable(p: Parser): Expression {
  return p.tok.kind === 'variable' ? anyVariable(p) : integer(p);
}

/**
 * A procedure argument's or RAISERROR argument's constant: a literal (string, number, binary, money,
 * NULL), a variable (`@@x` too), or a negative number or money (`-1`, `-$5`); no `+` sign, no expression.
 */
function possibleNegativeConstant(p: Parser): Expression {
  const t = p.tok;
  if (t.kind === 'variable') return anyVariable(p);
  if (p.isPunct('-')) {
    const start = p.next().start;
    if (p.tok.kind !== 'number' && !p.isPunct('$')) p.fail();
    if (p.tok.kind === 'number' && isBinaryToken(p)) p.fail();
    return p.finish<Unary>({ kind: 'Unary', op: '-', operand: unsignedConstant(p) }, start);
  }
  if (t.kind === 'string' || t.kind === 'number' || p.isWord('NULL') || p.isPunct('$')) return unsignedConstant(p);
  return p.fail();
}

function isBinaryToken(p: Parser): boolean {
  const x = p.tok.text.charCodeAt(1);
  return p.tok.text.length > 1 && (x === 120 || x === 88);
}

/** A string literal or a variable (service names, principals, file names). */
function stringOrVariable(p: Parser): Expression {
  if (p.isVariable()) return variable(p);
  if (p.tok.kind === 'string') return literalToken(p);
  return p.fail();
}

/** `SELECT …` of a cursor; the query may start with WITH (CTEs). */
function cursorQuery(p: Parser): Statement {
  return parseSelectStatement(p);
}

// ---- DECLARE -----------------------------------------------------------------------------------

const CURSOR_OPTIONS = wordSet('LOCAL GLOBAL FORWARD_ONLY SCROLL STATIC KEYSET DYNAMIC FAST_FORWARD READ_ONLY SCROLL_LOCKS OPTIMISTIC TYPE_WARNING');
const ISO_CURSOR_OPTIONS = wordSet('INSENSITIVE SCROLL');

/**
 * The T-SQL cursor options choose at most one of each bracket (docs "DECLARE CURSOR": LOCAL | GLOBAL,
 * FORWARD_ONLY | SCROLL, STATIC | KEYSET | DYNAMIC | FAST_FORWARD, READ_ONLY | SCROLL_LOCKS | OPTIMISTIC),
 * and FAST_FORWARD excludes SCROLL: Msg 1048 names the pair.
 */
const CURSOR_OPTION_GROUP: ReadonlyMap<string, number> = new Map([
  ['LOCAL', 1], ['GLOBAL', 1],
  ['FORWARD_ONLY', 2], ['SCROLL', 2],
  ['STATIC', 3], ['KEYSET', 3], ['DYNAMIC', 3], ['FAST_FORWARD', 3],
  ['READ_ONLY', 4], ['SCROLL_LOCKS', 4], ['OPTIMISTIC', 4],
]);

function cursorOptionsConflict(a: string, b: string): boolean {
  if (a === b) return false;
  if ((a === 'FAST_FORWARD' && b === 'SCROLL') || (a === 'SCROLL' && b === 'FAST_FORWARD')) return true;
  const group = CURSOR_OPTION_GROUP.get(a);
  return group !== undefined && group === CURSOR_OPTION_GROUP.get(b);
}

/** Reads the T-SQL options after CURSOR into `options` (which may hold the ISO ones before CURSOR). */
function cursorOptions(p: Parser, options: string[]): void {
  while (p.isAnyWord(CURSOR_OPTIONS)) {
    const t = p.next();
    for (const o of options) {
      if (cursorOptionsConflict(o, t.upper)) throw new SyntaxFailure(1048, `Conflicting cursor options ${o} and ${t.upper}.`, t);
    }
    options.push(t.upper);
  }
}

function parseDeclare(p: Parser): Statement {
  const start = p.next().start;
  if (!p.isVariable()) return parseDeclareCursor(p, start);
  const items: (DeclareVariable | DeclareTable)[] = [];
  do {
    const nameTok = p.tok;
    if (!p.isVariable()) p.fail();
    p.next();
    p.acceptWord('AS');
    if (p.isWord('TABLE')) {
      // A table variable is declared on its own: `DECLARE @a int, @t TABLE (…)` is a syntax error.
      if (items.length > 0) p.fail();
      p.next();
      const elements = parseTableElements(p);
      items.push({ kind: 'DeclareTable', name: nameTok.text, nameStart: nameTok.start, elements, start: nameTok.start, end: p.prev.end });
      break;
    }
    const item: DeclareVariable = { kind: 'DeclareVariable', name: nameTok.text, nameStart: nameTok.start, start: nameTok.start, end: nameTok.end };
    if (p.acceptWord('CURSOR')) item.cursor = true;
    else item.dataType = p.dataType();
    // `NOT NULL` / `NULL` after the type: natively compiled modules (`DECLARE @d datetime2 NOT NULL = SYSDATETIME()`).
    if (!p.acceptWord('NULL')) p.acceptWords('NOT', 'NULL');
    item.end = p.prev.end;
    if (p.acceptPunct('=')) {
      item.value = parseExpression(p);
      item.end = p.prev.end;
    }
    items.push(item);
  } while (p.acceptPunct(','));
  return p.finish<Declare>({ kind: 'Declare', items }, start);
}

/** `DECLARE c [INSENSITIVE] [SCROLL] CURSOR FOR …` (ISO) or `DECLARE c CURSOR [LOCAL|…] FOR …`. */
function parseDeclareCursor(p: Parser, start: number): DeclareCursor {
  const name = p.identifier();
  const options: string[] = [];
  while (p.isAnyWord(ISO_CURSOR_OPTIONS)) options.push(p.next().upper);
  p.expectWord('CURSOR');
  // The T-SQL options come after CURSOR (the SQL Server 2022 parser accepts both lists together).
  cursorOptions(p, options);
  const body = cursorBody(p, start, options);
  const node: DeclareCursor = { kind: 'DeclareCursor', name, options, query: body.query, start, end: p.prev.end };
  if (body.forUpdate !== undefined) node.forUpdate = body.forUpdate;
  if (body.readOnly === true) node.readOnly = true;
  return node;
}

/** `FOR select [FOR READ ONLY | FOR UPDATE [OF col, …]]` */
function cursorBody(p: Parser, start: number, options: string[]): CursorDefinition {
  p.expectWord('FOR');
  const query = cursorQuery(p);
  const def: CursorDefinition = { kind: 'CursorDefinition', options, query, start, end: p.prev.end };
  if (p.isWord('FOR')) {
    if (p.isWords('FOR', 'READ', 'ONLY')) {
      p.pos += 3;
      def.readOnly = true;
    } else {
      p.next();
      p.expectWord('UPDATE');
      def.forUpdate = p.acceptWord('OF') ? p.commaList((q) => q.identifier()) : [];
    }
    def.end = p.prev.end;
  }
  return def;
}

// ---- SET ---------------------------------------------------------------------------------------

/** SET options taking ON | OFF, which may be listed together: `SET ANSI_NULLS, QUOTED_IDENTIFIER ON` (the SQL Server 2022 parser's predicate SET options). */
const ON_OFF_OPTIONS = wordSet(`
ANSI_DEFAULTS ANSI_NULL_DFLT_OFF ANSI_NULL_DFLT_ON ANSI_NULLS ANSI_PADDING ANSI_WARNINGS ARITHABORT ARITHIGNORE
CONCAT_NULL_YIELDS_NULL CURSOR_CLOSE_ON_COMMIT FMTONLY FORCEPLAN IMPLICIT_TRANSACTIONS NOCOUNT NOEXEC
NUMERIC_ROUNDABORT PARSEONLY QUOTED_IDENTIFIER REMOTE_PROC_TRANSACTIONS SHOWPLAN_ALL SHOWPLAN_TEXT SHOWPLAN_XML
XACT_ABORT NO_BROWSETABLE
`);
const STATISTICS_OPTIONS = wordSet('IO TIME XML PROFILE');
/** `SET name value [, name value …]`: the value is a constant, a variable, a negative number or a word. */
const VALUE_OPTIONS = wordSet('LANGUAGE DATEFORMAT DATEFIRST DEADLOCK_PRIORITY LOCK_TIMEOUT QUERY_GOVERNOR_COST_LIMIT CONTEXT_INFO');
const OFFSETS_WORDS = wordSet('SELECT FROM ORDER COMPUTE TABLE PROCEDURE PROC EXECUTE EXEC STATEMENT PARAM');

function parseSet(p: Parser): Statement {
  const start = p.next().start;
  if (p.tok.kind === 'variable') return parseSetVariable(p, start);
  const t = p.tok;
  if (t.kind !== 'word') return p.fail();
  const word = t.upper;
  if (ON_OFF_OPTIONS.has(word)) return p.finish<SetOption>({ kind: 'SetOption', options: p.commaList((q) => optionWord(q, ON_OFF_OPTIONS, '')), value: p.onOff() }, start);
  if (VALUE_OPTIONS.has(word) || word === 'FIPS_FLAGGER') return parseSetValueOptions(p, start);
  p.next();
  switch (word) {
    case 'STATISTICS':
      return p.finish<SetOption>({ kind: 'SetOption', options: p.commaList((q) => optionWord(q, STATISTICS_OPTIONS, 'STATISTICS ')), value: p.onOff() }, start);
    case 'OFFSETS':
      return p.finish<SetOption>({ kind: 'SetOption', options: p.commaList((q) => optionWord(q, OFFSETS_WORDS, 'OFFSETS ')), value: p.onOff() }, start);
    case 'TRANSACTION':
    case 'TRAN':
      p.expectWord('ISOLATION');
      p.expectWord('LEVEL');
      return p.finish<SetOption>({ kind: 'SetOption', options: ['TRANSACTION ISOLATION LEVEL'], value: isolationLevel(p) }, start);
    case 'IDENTITY_INSERT': {
      const table = p.objectName();
      return p.finish<SetOption>({ kind: 'SetOption', options: [word], table, value: p.onOff() }, start);
    }
    case 'ROWCOUNT':
      return p.finish<SetOption>({ kind: 'SetOption', options: [word], expr: integerOrVariable(p) }, start);
    case 'TEXTSIZE':
    case 'ERRLVL':
      return p.finish<SetOption>({ kind: 'SetOption', options: [word], expr: signedInteger(p) }, start);
  }
  // An unknown option word (`SET NOCOUNTT ON`): SQL Server's Msg 195 at that word; a reserved word fails as usual.
  if (!isReserved(word)) throw new SyntaxFailure(195, `'${t.text}' is not a recognized SET option.`, t);
  return p.fail(t);
}

/** One option word of a comma list (`ANSI_NULLS`, `IO`, `SELECT`), upper-cased with a prefix. */
function optionWord(p: Parser, words: ReadonlySet<string>, prefix: string): string {
  if (!p.isAnyWord(words)) p.fail();
  return prefix + p.next().upper;
}

/**
 * `SET DATEFORMAT dmy, DATEFIRST 1`, `SET LANGUAGE N'…' | us_english`, `SET DEADLOCK_PRIORITY LOW | -5 | @v`,
 * `SET LOCK_TIMEOUT -1`, `SET CONTEXT_INFO 0x01`, `SET FIPS_FLAGGER 'ENTRY' | OFF` (the SQL Server 2022 parser's set commands).
 * `value` holds a word value, `expr` a constant or variable (of the last option when several are listed).
 */
function parseSetValueOptions(p: Parser, start: number): SetOption {
  const node: SetOption = { kind: 'SetOption', options: [], start, end: start };
  do {
    const name = p.tok;
    if (!p.isAnyWord(VALUE_OPTIONS) && !p.isWord('FIPS_FLAGGER')) p.fail();
    p.next();
    node.options.push(name.upper);
    const v = p.tok;
    if (name.upper === 'FIPS_FLAGGER') {
      if (p.acceptWord('OFF')) node.value = 'OFF';
      else if (v.kind === 'string') node.expr = literalToken(p);
      else p.fail();
    } else if (v.kind === 'quoted' || (v.kind === 'word' && !isReserved(v.upper))) node.value = p.next().value;
    else node.expr = possibleNegativeConstant(p);
  } while (p.acceptPunct(','));
  node.end = p.prev.end;
  return node;
}

/** A (possibly negative) number or a variable: FETCH ABSOLUTE -2, LIFETIME = @n, TIMEOUT = 60. */
function numberOrVariable(p: Parser): Expression {
  if (p.isVariable()) return variable(p);
  if (p.tok.kind === 'number' || (p.isPunct('-') && p.peek().kind === 'number')) return constant(p);
  return p.fail();
}

function isolationLevel(p: Parser): string {
  if (p.acceptWords('READ', 'UNCOMMITTED')) return 'READ UNCOMMITTED';
  if (p.acceptWords('READ', 'COMMITTED')) return 'READ COMMITTED';
  if (p.acceptWords('REPEATABLE', 'READ')) return 'REPEATABLE READ';
  if (p.acceptWord('SNAPSHOT')) return 'SNAPSHOT';
  if (p.acceptWord('SERIALIZABLE')) return 'SERIALIZABLE';
  return p.fail();
}

/** The compound assignment operator at the current token, or '' (`+=` is one token, `%=` two). */
function assignmentOp(p: Parser): string {
  const t = p.tok;
  if (t.kind !== 'punct') return '';
  switch (t.text) {
    case '=':
    case '+=':
    case '-=':
    case '*=':
    case '/=':
      return t.text;
    case '|':
      // `||=` (as the SQL Server 2022 parser does) comes as three adjacent tokens.
      if (p.isPunct2('|', '|') && p.isPunct('=', 2) && p.peek(2).start === p.peek().end) return '||=';
      return p.isPunct2('|', '=') ? '|=' : '';
    case '%':
    case '&':
    case '^':
      return p.isPunct2(t.text, '=') ? `${t.text}=` : '';
    default:
      return '';
  }
}

function acceptAssignmentOp(p: Parser): string {
  const op = assignmentOp(p);
  if (op === '') return p.fail();
  // One token for = += -= *= /=, one per character for %= &= |= ^= ||=.
  p.pos += p.tok.text.length === op.length ? 1 : op.length;
  return op;
}

/** `SET @x op e`, `SET @c = CURSOR … FOR …`, `SET @x.Prop = e`, `SET @x.method(…)`. */
function parseSetVariable(p: Parser, start: number): SetVariable {
  const target = variable(p);
  if (p.isPunct('.') || p.isPunct('::')) {
    p.next();
    const member = p.identifier();
    if (p.isPunct('(')) {
      // A mutator: SET @x.modify('…'), SET @g.SetXY(1, 2). No value.
      const args = methodArguments(p);
      return p.finish<SetVariable>({ kind: 'SetVariable', target, op: '', member, args }, start);
    }
    const memberOp = acceptAssignmentOp(p);
    return p.finish<SetVariable>({ kind: 'SetVariable', target, op: memberOp, member, value: parseExpression(p) }, start);
  }
  const op = acceptAssignmentOp(p);
  if (op === '=' && p.isWord('CURSOR')) {
    const cursorStart = p.next().start;
    const options: string[] = [];
    cursorOptions(p, options);
    const cursor = cursorBody(p, cursorStart, options);
    return p.finish<SetVariable>({ kind: 'SetVariable', target, op, cursor }, start);
  }
  return p.finish<SetVariable>({ kind: 'SetVariable', target, op, value: parseExpression(p) }, start);
}

/** `( [e, …] )` */
function methodArguments(p: Parser): Expression[] {
  p.expectPunct('(');
  p.enter();
  const args = p.isPunct(')') ? [] : p.commaList(parseExpressionOrDefault);
  p.expectPunct(')');
  p.leave();
  return args;
}

// ---- control of flow ---------------------------------------------------------------------------

function parseIf(p: Parser): If {
  const start = p.next().start;
  // Nested IFs recurse: the depth guard turns 3,000 of them into Msg 191, not a stack overflow.
  p.enter();
  const condition = parseCondition(p);
  const then = parseStatement(p);
  const node: If = { kind: 'If', condition, then, start, end: p.prev.end };
  // A statement may end with several semicolons before ELSE (as the SQL Server 2022 parser does).
  while (p.isPunct(';') && (p.isPunct(';', 1) || p.isWord('ELSE', 1))) p.next();
  // ELSE binds to the nearest IF: the inner IF's rule has already taken it.
  if (p.acceptWord('ELSE')) {
    node.else = parseStatement(p);
    node.end = p.prev.end;
  }
  p.leave();
  return node;
}

function parseWhile(p: Parser): While {
  const start = p.next().start;
  p.enter();
  const condition = parseCondition(p);
  const body = parseStatement(p);
  p.leave();
  return p.finish<While>({ kind: 'While', condition, body }, start);
}

/** Where a block's statement list stops: END, but not END CONVERSATION (a statement). */
function atBlockEnd(p: Parser): boolean {
  return p.isWord('END') && !p.isWord('CONVERSATION', 1);
}

/** Statements up to END; at least one (`BEGIN END` is Msg 102 near 'END'). */
function blockStatements(p: Parser): Statement[] {
  const statements = parseStatementList(p, atBlockEnd);
  if (!p.isWord('END')) p.fail();
  if (statements.length === 0) throw new SyntaxFailure(102, `Incorrect syntax near '${p.tok.text}'.`, p.tok);
  return statements;
}

/** `BEGIN … END` (or `BEGIN ATOMIC WITH (…) … END` of natively compiled modules). */
export function parseBlock(p: Parser): Block | AtomicBlock {
  const start = p.tok.start;
  p.expectWord('BEGIN');
  if (p.isWord('ATOMIC')) return parseAtomicBlock(p, start);
  p.enter();
  const statements = blockStatements(p);
  p.next();
  p.leave();
  return p.finish<Block>({ kind: 'Block', statements }, start);
}

/** `BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'us_english', …) … END` */
function parseAtomicBlock(p: Parser, start: number): AtomicBlock {
  p.expectWord('ATOMIC');
  p.expectWord('WITH');
  const options = p.parenList(atomicOption);
  p.enter();
  const statements = blockStatements(p);
  p.next();
  p.leave();
  return p.finish<AtomicBlock>({ kind: 'AtomicBlock', options, statements }, start);
}

function atomicOption(p: Parser): string {
  if (p.acceptWords('TRANSACTION', 'ISOLATION', 'LEVEL')) {
    p.expectPunct('=');
    return `TRANSACTION ISOLATION LEVEL=${isolationLevel(p)}`;
  }
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  const name = p.next().upper;
  p.expectPunct('=');
  const v = p.tok;
  if (v.kind === 'word' || v.kind === 'quoted' || v.kind === 'string') return `${name}=${p.next().value}`;
  constantOrVariable(p);
  return `${name}=${p.text.slice(v.start, p.prev.end)}`;
}

/** `BEGIN TRY … END TRY BEGIN CATCH [ … ] END CATCH`: the TRY block needs a statement, CATCH may be empty. */
function parseTryCatch(p: Parser, start: number): TryCatch {
  p.expectWord('TRY');
  p.enter();
  const tryStatements = parseStatementList(p, atBlockEnd);
  if (tryStatements.length === 0) p.fail();
  p.expectWord('END');
  p.expectWord('TRY');
  // Nothing may come between END TRY and BEGIN CATCH, not even `;` (as the SQL Server 2022 parser does).
  p.expectWord('BEGIN');
  p.expectWord('CATCH');
  const catchStatements = parseStatementList(p, atBlockEnd);
  p.expectWord('END');
  p.expectWord('CATCH');
  p.leave();
  return p.finish<TryCatch>({ kind: 'TryCatch', tryStatements, catchStatements }, start);
}

/** Whether a value follows RETURN / THROW: an expression start that is not the next statement's first word. */
function valueFollows(p: Parser): boolean {
  if (!startsExpression(p)) return false;
  return !(p.tok.kind === 'word' && atStatementStart(p));
}

function parseReturn(p: Parser): Statement {
  const word = p.next();
  const start = word.start;
  if (!valueFollows(p)) {
    if (p.returnValueRequired) throw new SyntaxFailure(1075, 'RETURN statements in scalar valued functions must include an argument.', word);
    return p.finish<Return>({ kind: 'Return' }, start);
  }
  return p.finish<Return>({ kind: 'Return', value: parseExpression(p) }, start);
}

/** `GOTO label`: the label is an unquoted name (as the SQL Server 2022 parser does). */
function parseGoto(p: Parser): Statement {
  const start = p.next().start;
  if (p.tok.kind !== 'word') p.fail();
  const label = p.identifier();
  return p.finish<Goto>({ kind: 'Goto', label: label.value }, start);
}

function parseLineNo(p: Parser): LineNo {
  const start = p.next().start;
  return p.finish<LineNo>({ kind: 'LineNo', line: integer(p) }, start);
}

/** `THROW` (rethrow) or `THROW number|@v, 'message'|@v, state|@v` (as the SQL Server 2022 parser reads them: integerOrVariable). */
function parseThrow(p: Parser): Statement {
  const start = p.next().start;
  if (p.tok.kind !== 'variable' && p.tok.kind !== 'number') return p.finish<Throw>({ kind: 'Throw', args: [] }, start);
  const args = [integerOrVariable(p)];
  p.expectPunct(',');
  args.push(stringOrAnyVariable(p));
  p.expectPunct(',');
  args.push(integerOrVariable(p));
  return p.finish<Throw>({ kind: 'Throw', args }, start);
}

const RAISERROR_OPTIONS = wordSet('LOG NOWAIT SETERROR');

/**
 * `RAISERROR (msg, severity, state [, argument …]) [WITH LOG | NOWAIT | SETERROR, …]`. The legacy
 * `RAISERROR 50001 'text'` form was removed (SQL Server 2012): a syntax error.
 */
function parseRaiserror(p: Parser): Raiserror {
  const start = p.next().start;
  p.expectPunct('(');
  // The message: a number, a string or a variable; severity and state: a number or a variable.
  const args: Expression[] = [p.tok.kind === 'string' ? literalToken(p) : signedIntegerOrVariable(p)];
  p.expectPunct(',');
  args.push(signedIntegerOrVariable(p));
  p.expectPunct(',');
  args.push(signedIntegerOrVariable(p));
  while (p.acceptPunct(',')) args.push(possibleNegativeConstant(p));
  p.expectPunct(')');
  const options: string[] = [];
  // WITH is taken greedily (as the SQL Server 2022 parser does): `RAISERROR(…) WITH x` fails at x, not as a CTE.
  if (p.acceptWord('WITH')) {
    do {
      if (!p.isAnyWord(RAISERROR_OPTIONS)) p.fail();
      options.push(p.next().upper);
    } while (p.acceptPunct(','));
  }
  return p.finish<Raiserror>({ kind: 'Raiserror', args, options }, start);
}

function parsePrint(p: Parser): Statement {
  const start = p.next().start;
  return p.finish<Print>({ kind: 'Print', value: parseExpression(p) }, start);
}

/** `WAITFOR DELAY 'hh:mm:ss' | TIME @v`, `WAITFOR (RECEIVE … | GET CONVERSATION GROUP …) [, TIMEOUT n]`. */
function parseWaitfor(p: Parser): Waitfor {
  const start = p.next().start;
  if (p.isWord('DELAY') || p.isWord('TIME')) {
    const mode = p.next().upper === 'DELAY' ? 'DELAY' : 'TIME';
    // A string or a variable, not an expression (docs "WAITFOR"; the SQL Server 2022 parser's).
    return p.finish<Waitfor>({ kind: 'Waitfor', mode, value: stringOrVariable(p) }, start);
  }
  p.expectPunct('(');
  p.enter();
  const statement = p.isWord('RECEIVE') ? parseReceive(p) : p.isWord('GET') ? parseGetConversationGroup(p) : p.fail();
  p.expectPunct(')');
  p.leave();
  const node: Waitfor = { kind: 'Waitfor', mode: 'STATEMENT', statement, start, end: p.prev.end };
  if (p.isPunct(',') && p.isWord('TIMEOUT', 1)) {
    p.pos += 2;
    node.timeout = signedIntegerOrVariable(p);
    node.end = p.prev.end;
  }
  return node;
}

// ---- BEGIN … and transactions --------------------------------------------------------------------

function parseBegin(p: Parser): Statement {
  const start = p.tok.start;
  if (p.isWord('TRY', 1)) {
    p.next();
    return parseTryCatch(p, start);
  }
  if (p.isWord('TRAN', 1) || p.isWord('TRANSACTION', 1) || p.isWord('DISTRIBUTED', 1)) {
    p.next();
    return parseBeginTransaction(p, start);
  }
  if (p.isWord('DIALOG', 1)) {
    p.next();
    return parseBeginDialog(p, start);
  }
  if (p.isWords('BEGIN', 'CONVERSATION', 'TIMER')) {
    p.pos += 3;
    return parseConversationTimer(p, start);
  }
  return parseBlock(p);
}

function acceptTran(p: Parser): boolean {
  return p.acceptWord('TRAN') || p.acceptWord('TRANSACTION');
}

/** A transaction name or variable after TRAN, when one follows. */
function optionalTranName(p: Parser): Ident | Variable | undefined {
  if (startsWeirdTranName(p)) return weirdTranName(p);
  if (p.isVariable() || (p.isIdentifier() && !(p.tok.kind === 'word' && atStatementStart(p)))) return nameOrVariable(p);
  return undefined;
}

/** A transaction name (identifier, variable or the numbered `[-]n:a.b` form). */
function tranName(p: Parser): Ident | Variable {
  return startsWeirdTranName(p) ? weirdTranName(p) : nameOrVariable(p);
}

/** `[-] integer :` starts the numbered name form (as the SQL Server 2022 parser does). */
function startsWeirdTranName(p: Parser): boolean {
  const k = p.isPunct('-') ? 1 : 0;
  return p.peek(k).kind === 'number' && p.isPunct(':', k + 1);
}

/** `[-] integer : part . part`, kept as one name (`5:a.b`). */
function weirdTranName(p: Parser): Ident {
  const start = p.tok.start;
  p.acceptPunct('-');
  integer(p);
  p.expectPunct(':');
  tranNamePart(p);
  p.expectPunct('.');
  tranNamePart(p);
  const value = p.text.slice(start, p.prev.end);
  return { kind: 'Ident', value, quoted: false, start, end: p.prev.end };
}

/** An unreserved word or a quoted name (as the SQL Server 2022 parser does). */
function tranNamePart(p: Parser): void {
  if (!p.isIdentifier()) p.fail();
  p.next();
}

/** `BEGIN [DISTRIBUTED] TRAN[SACTION] [name | @v] [WITH MARK ['description']]` (the SQL Server 2022 parser: the mark needs no name). */
function parseBeginTransaction(p: Parser, start: number): BeginTransaction {
  const distributed = p.acceptWord('DISTRIBUTED');
  if (!acceptTran(p)) p.fail();
  const node: BeginTransaction = { kind: 'BeginTransaction', distributed, start, end: p.prev.end };
  const name = optionalTranName(p);
  if (name !== undefined) node.name = name;
  // WITH is taken greedily: `BEGIN TRAN WITH x` fails at x, not as a CTE.
  if (p.acceptWord('WITH')) {
    p.expectWord('MARK');
    node.mark = true;
    if (p.tok.kind === 'string' || p.isVariable()) node.markDescription = stringOrVariable(p);
  }
  node.end = p.prev.end;
  return node;
}

/** `COMMIT [TRAN[SACTION] [name|@v]] [WITH (DELAYED_DURABILITY = ON|OFF)]`, `COMMIT WORK`. */
function parseCommit(p: Parser): Commit {
  const start = p.next().start;
  const node: Commit = { kind: 'Commit', start, end: p.prev.end };
  if (p.acceptWord('WORK')) return p.finish<Commit>({ kind: 'Commit' }, start);
  if (acceptTran(p)) {
    const name = optionalTranName(p);
    if (name !== undefined) node.name = name;
  }
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    p.next();
    p.expectWord('DELAYED_DURABILITY');
    p.expectPunct('=');
    node.delayedDurability = p.onOff();
    p.expectPunct(')');
  }
  node.end = p.prev.end;
  return node;
}

/** `ROLLBACK [TRAN[SACTION] [name|@v|savepoint]]`, `ROLLBACK WORK`. */
function parseRollback(p: Parser): Rollback {
  const start = p.next().start;
  const node: Rollback = { kind: 'Rollback', start, end: p.prev.end };
  if (p.acceptWord('WORK')) return p.finish<Rollback>({ kind: 'Rollback' }, start);
  if (acceptTran(p)) {
    const name = optionalTranName(p);
    if (name !== undefined) node.name = name;
  }
  node.end = p.prev.end;
  return node;
}

/** `SAVE TRAN[SACTION] name|@v` */
function parseSave(p: Parser): Save {
  const start = p.next().start;
  if (!acceptTran(p)) p.fail();
  return p.finish<Save>({ kind: 'Save', name: tranName(p) }, start);
}

// ---- EXEC ----------------------------------------------------------------------------------------

function parseExec(p: Parser): Statement {
  const start = p.next().start;
  if (p.isWord('AS')) return parseExecuteAs(p, start);
  return parseExecuteBody(p, start);
}

/**
 * The part of EXEC / EXECUTE after the keyword: `[@rc =] proc|@procVar [args] [WITH …]` or
 * `( '…' + @sql [, args] ) [AS LOGIN|USER = '…'] [AT server | AT DATA_SOURCE name] [WITH …]`.
 * Also used by INSERT … EXEC (query.ts).
 */
export function parseExecuteBody(p: Parser, start: number): Execute {
  if (p.isPunct('(')) return parseExecuteString(p, start);
  const node: Execute = { kind: 'Execute', args: [], start, end: start };
  if (p.isVariable() && p.isPunct('=', 1)) {
    node.returnStatus = variable(p);
    p.next();
  }
  if (p.isVariable()) node.procedureVariable = variable(p);
  else {
    if (p.isWord('OPENDATASOURCE') && p.isPunct('(', 1)) node.dataSource = adHocDataSource(p);
    node.procedure = p.objectName();
  }
  return finishProcedureCall(p, node);
}

/** `OPENDATASOURCE('provider', 'init string') .` before a procedure's name (as the SQL Server 2022 parser does). */
function adHocDataSource(p: Parser): Expression[] {
  p.next();
  p.expectPunct('(');
  if (p.tok.kind !== 'string') p.fail();
  const provider = literalToken(p);
  p.expectPunct(',');
  if (p.tok.kind !== 'string') p.fail();
  const init = literalToken(p);
  p.expectPunct(')');
  p.expectPunct('.');
  return [provider, init];
}

/**
 * A procedure call without EXEC: `sp_who`, `dbo.p 1, @x` — allowed only as the first statement of a
 * batch (the caller decides that).
 */
export function parseImplicitExec(p: Parser): Execute {
  const start = p.tok.start;
  const node: Execute = { kind: 'Execute', args: [], procedure: p.objectName(), start, end: start };
  return finishProcedureCall(p, node);
}

/** After the procedure's name: `;n` (numbered procedure), the arguments, WITH options. */
function finishProcedureCall(p: Parser, node: Execute): Execute {
  if (node.procedure !== undefined && p.isPunct(';') && p.peek().kind === 'number' && p.peek().start === p.tok.end) {
    p.next();
    node.procedureNumber = Number(p.next().text);
  }
  if (startsExecArgument(p)) node.args = execArguments(p);
  parseExecWith(p, node);
  node.end = p.prev.end;
  return node;
}

/** Whether an argument of a procedure call starts here (not the next statement's first word). */
function startsExecArgument(p: Parser): boolean {
  const t = p.tok;
  if (t.kind === 'variable') return true;
  if (t.kind === 'quoted') return true;
  if (t.kind === 'word') {
    if (t.upper === 'DEFAULT' || t.upper === 'NULL') return true;
    return !isReserved(t.upper) && !atStatementStart(p);
  }
  return t.kind === 'string' || t.kind === 'number' || p.isPunct('$') || (p.isPunct('-') && (p.peek().kind === 'number' || p.isPunct('$', 1)));
}

/** The arguments of a call: once one is passed as `@name = value`, all after it must be (Msg 119). */
function execArguments(p: Parser): ExecArgument[] {
  const args = [execArgument(p)];
  let named = args[0]?.name !== undefined;
  while (p.acceptPunct(',')) {
    const at = p.tok;
    const arg = execArgument(p);
    if (named && arg.name === undefined) {
      const n = args.length + 1;
      throw new SyntaxFailure(119, `Must pass parameter number ${n} and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.`, at);
    }
    named ||= arg.name !== undefined;
    args.push(arg);
  }
  return args;
}

/**
 * `[@param =] value [OUTPUT|OUT] | [@param =] DEFAULT`: value is a constant, a variable or a bare word
 * (a string). OUTPUT only follows a variable (the SQL Server 2022 parser rejects `EXEC p 1 OUTPUT`).
 */
function execArgument(p: Parser): ExecArgument {
  const start = p.tok.start;
  const node: ExecArgument = { kind: 'ExecArgument', isDefault: false, output: false, start, end: start };
  if (p.tok.kind === 'variable' && p.isPunct('=', 1)) {
    node.name = p.next().text;
    p.next();
  }
  if (p.acceptWord('DEFAULT')) node.isDefault = true;
  else {
    const value = execValue(p);
    node.value = value;
    if ((value.kind === 'Variable' || value.kind === 'GlobalVariable') && (p.acceptWord('OUTPUT') || p.acceptWord('OUT'))) node.output = true;
  }
  node.end = p.prev.end;
  return node;
}

/** A procedure argument's value: no expressions (`EXEC p 1 + 1` is a syntax error). */
function execValue(p: Parser): Expression | Ident {
  const t = p.tok;
  if (t.kind === 'quoted') return p.identFrom(p.next());
  if (t.kind === 'word' && t.upper !== 'NULL') {
    // `EXEC sp_help Atoms`: an unquoted word is taken as a string.
    if (isReserved(t.upper)) p.fail();
    return p.identFrom(p.next());
  }
  // Global variables are accepted (`EXEC sp_executesql @s, N'@n sysname', @@SERVERNAME` runs in the First Responder Kit).
  return possibleNegativeConstant(p);
}

/** `( '…' + @sql … [, arg …] ) [AS LOGIN|USER = 'x'] [AT server | AT DATA_SOURCE name] [WITH …]` */
function parseExecuteString(p: Parser, start: number): Execute {
  p.expectPunct('(');
  p.enter();
  // Only string literals and variables, joined by + (no function calls, no other operators).
  const sql: Expression[] = [stringOrAnyVariable(p)];
  while (p.acceptPunct('+')) sql.push(stringOrAnyVariable(p));
  const node: Execute = { kind: 'Execute', args: [], sql, start, end: start };
  // Parameters for `?` markers of a pass-through command (used with AT).
  // Once one is passed as `@name = value`, all after it must be (Msg 119, as for a procedure).
  if (p.acceptPunct(',')) node.args = execArguments(p);
  p.expectPunct(')');
  p.leave();
  if (p.isWord('AS')) {
    const asStart = p.next().start;
    node.asContext = executeContext(p, asStart);
  }
  if (p.acceptWord('AT')) {
    if (p.acceptWord('DATA_SOURCE')) node.atDataSource = true;
    node.at = p.identifier();
  }
  parseExecWith(p, node);
  node.end = p.prev.end;
  return node;
}

function stringOrAnyVariable(p: Parser): Expression {
  if (p.tok.kind === 'variable') return anyVariable(p);
  if (p.tok.kind === 'string') return literalToken(p);
  return p.fail();
}

/** `LOGIN|USER [= 'name']` after EXEC (…) AS: the name a string only (as the SQL Server 2022 parser does). */
function executeContext(p: Parser, start: number): ExecuteContext {
  if (!p.isWord('LOGIN') && !p.isWord('USER')) p.fail();
  const principalType = p.next().upper;
  if (!p.acceptPunct('=')) return p.finish<ExecuteContext>({ kind: 'ExecuteContext', principalType }, start);
  if (p.tok.kind !== 'string') p.fail();
  return p.finish<ExecuteContext>({ kind: 'ExecuteContext', principalType, principal: literalToken(p) }, start);
}

/** `WITH RECOMPILE | RESULT SETS UNDEFINED | RESULT SETS NONE | RESULT SETS ( … ), …` */
function parseExecWith(p: Parser, node: Execute): void {
  // WITH is taken greedily (as the SQL Server 2022 parser does): `EXEC p WITH x` fails at x.
  if (!p.acceptWord('WITH')) return;
  const withOptions: string[] = [];
  do {
    // Each option once: RECOMPILE, and one RESULT SETS (as the SQL Server 2022 parser does).
    if (p.isWord('RECOMPILE')) {
      if (withOptions.includes('RECOMPILE')) p.fail();
      p.next();
      withOptions.push('RECOMPILE');
      continue;
    }
    if (withOptions.some((o) => o !== 'RECOMPILE')) p.fail();
    p.expectWord('RESULT');
    p.expectWord('SETS');
    if (p.acceptWord('UNDEFINED')) withOptions.push('RESULT SETS UNDEFINED');
    else if (p.acceptWord('NONE')) withOptions.push('RESULT SETS NONE');
    else {
      withOptions.push('RESULT SETS');
      node.resultSets = p.parenList(resultSetDefinition);
    }
  } while (p.acceptPunct(','));
  node.withOptions = withOptions;
}

/** `( col type [NULL|NOT NULL] [COLLATE c], … )`, `AS OBJECT name`, `AS TYPE name`, `AS FOR XML`. */
function resultSetDefinition(p: Parser): ResultSetDefinition {
  const start = p.tok.start;
  if (p.acceptWord('AS')) {
    if (p.acceptWord('OBJECT')) return p.finish<ResultSetDefinition>({ kind: 'ResultSetDefinition', columns: [], asObject: p.objectName() }, start);
    if (p.acceptWord('TYPE')) return p.finish<ResultSetDefinition>({ kind: 'ResultSetDefinition', columns: [], asType: p.objectName() }, start);
    p.expectWord('FOR');
    p.expectWord('XML');
    return p.finish<ResultSetDefinition>({ kind: 'ResultSetDefinition', columns: [], forXml: true }, start);
  }
  const columns = p.parenList(resultSetColumn);
  return p.finish<ResultSetDefinition>({ kind: 'ResultSetDefinition', columns }, start);
}

function resultSetColumn(p: Parser): ResultSetColumn {
  const start = p.tok.start;
  const name = p.identifier();
  const node: ResultSetColumn = { kind: 'ResultSetColumn', name, dataType: p.dataType(), start, end: start };
  if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  if (p.acceptWord('NULL')) node.nullable = true;
  else if (p.acceptWords('NOT', 'NULL')) node.nullable = false;
  node.end = p.prev.end;
  return node;
}

/** `EXECUTE AS LOGIN|USER = 'x' [WITH NO REVERT | WITH COOKIE INTO @v]`, `EXECUTE AS CALLER`. */
function parseExecuteAs(p: Parser, start: number): ExecuteAs {
  const asStart = p.next().start;
  let context: ExecuteContext;
  if (p.isWord('CALLER')) {
    p.next();
    context = p.finish<ExecuteContext>({ kind: 'ExecuteContext', principalType: 'CALLER' }, asStart);
  } else if (p.isWord('LOGIN') || p.isWord('USER')) {
    // The statement form takes any expression as the principal (as the SQL Server 2022 parser does), the EXEC (…) AS form a string.
    const principalType = p.next().upper;
    p.expectPunct('=');
    context = p.finish<ExecuteContext>({ kind: 'ExecuteContext', principalType, principal: parseExpression(p) }, asStart);
  } else return p.fail();
  const node: ExecuteAs = { kind: 'ExecuteAs', context, noRevert: false, start, end: p.prev.end };
  if (p.isWord('WITH')) {
    p.next();
    if (p.acceptWords('NO', 'REVERT')) node.noRevert = true;
    else {
      p.expectWord('COOKIE');
      p.expectWord('INTO');
      node.cookieInto = variable(p);
    }
  }
  node.end = p.prev.end;
  return node;
}

/** `REVERT [WITH COOKIE = @v]` */
function parseRevert(p: Parser): Revert {
  const start = p.next().start;
  if (p.isWord('WITH') && p.isWord('COOKIE', 1)) {
    p.pos += 2;
    p.expectPunct('=');
    return p.finish<Revert>({ kind: 'Revert', cookie: parseExpression(p) }, start);
  }
  return p.finish<Revert>({ kind: 'Revert' }, start);
}

// ---- cursors -------------------------------------------------------------------------------------

/** `[GLOBAL] name | @v` */
function cursorRef(p: Parser): { cursor: Ident | Variable; global: boolean } {
  if (p.isVariable()) return { cursor: variable(p), global: false };
  const global = p.isWord('GLOBAL') && p.isIdentifier(1);
  if (global) p.next();
  return { cursor: p.identifier(), global };
}

function parseOpen(p: Parser): Statement {
  const start = p.next().start;
  if (p.isWords('SYMMETRIC', 'KEY') || p.isWords('MASTER', 'KEY')) return parseOpenKey(p, start);
  const ref = cursorRef(p);
  return p.finish<OpenCursor>({ kind: 'OpenCursor', cursor: ref.cursor, global: ref.global }, start);
}

/**
 * `OPEN SYMMETRIC KEY k DECRYPTION BY CERTIFICATE c [WITH PASSWORD = '…'] | ASYMMETRIC KEY a […] |
 * SYMMETRIC KEY k2 | PASSWORD = '…'`, `OPEN MASTER KEY DECRYPTION BY PASSWORD = '…'`.
 */
function parseOpenKey(p: Parser, start: number): KeyStatement {
  const master = p.next().upper === 'MASTER';
  p.next();
  const node: KeyStatement = { kind: 'OpenKey', keyType: master ? 'MASTER KEY' : 'SYMMETRIC KEY', start, end: start };
  if (!master) node.name = p.identifier();
  p.expectWord('DECRYPTION');
  p.expectWord('BY');
  if (p.acceptWord('PASSWORD')) {
    p.expectPunct('=');
    stringOrVariable(p);
  } else {
    if (p.acceptWord('CERTIFICATE')) p.identifier();
    else if (p.acceptWords('ASYMMETRIC', 'KEY')) p.identifier();
    else if (p.acceptWords('SYMMETRIC', 'KEY')) p.identifier();
    else p.fail();
    if (p.isWord('WITH') && p.isWord('PASSWORD', 1)) {
      p.pos += 2;
      p.expectPunct('=');
      stringOrVariable(p);
    }
  }
  node.end = p.prev.end;
  return node;
}

const FETCH_SIMPLE = wordSet('NEXT PRIOR FIRST LAST');

/** `FETCH [[NEXT|PRIOR|FIRST|LAST|ABSOLUTE n|RELATIVE n] FROM] [GLOBAL] cursor [INTO @a, …]` */
function parseFetch(p: Parser): Fetch {
  const start = p.next().start;
  const node: Fetch = { kind: 'Fetch', cursor: { kind: 'Ident', value: '', quoted: false, start, end: start }, global: false, into: [], start, end: start };
  if (p.isAnyWord(FETCH_SIMPLE) && p.isWord('FROM', 1)) node.orientation = p.next().upper;
  else if ((p.isWord('ABSOLUTE') || p.isWord('RELATIVE')) && !p.isWord('FROM', 1) && !p.isWord('INTO', 1) && !p.isPunct(';', 1)) {
    node.orientation = p.next().upper;
    node.offset = numberOrVariable(p);
    p.expectWord('FROM');
  }
  if (node.orientation === undefined) p.acceptWord('FROM');
  else if (node.offset === undefined) p.expectWord('FROM');
  const ref = cursorRef(p);
  node.cursor = ref.cursor;
  node.global = ref.global;
  if (p.acceptWord('INTO')) node.into = p.commaList(variable);
  node.end = p.prev.end;
  return node;
}

/** `CLOSE [GLOBAL] cursor`, `CLOSE SYMMETRIC KEY k`, `CLOSE ALL SYMMETRIC KEYS`, `CLOSE MASTER KEY`. */
function parseClose(p: Parser): Statement {
  const start = p.next().start;
  if (p.acceptWords('SYMMETRIC', 'KEY')) return p.finish<KeyStatement>({ kind: 'CloseKey', keyType: 'SYMMETRIC KEY', name: p.identifier() }, start);
  if (p.acceptWords('MASTER', 'KEY')) return p.finish<KeyStatement>({ kind: 'CloseKey', keyType: 'MASTER KEY' }, start);
  if (p.acceptWords('ALL', 'SYMMETRIC', 'KEYS')) return p.finish<KeyStatement>({ kind: 'CloseKey', keyType: 'ALL SYMMETRIC KEYS' }, start);
  const ref = cursorRef(p);
  return p.finish<CloseCursor>({ kind: 'CloseCursor', cursor: ref.cursor, global: ref.global }, start);
}

function parseDeallocate(p: Parser): Deallocate {
  const start = p.next().start;
  const ref = cursorRef(p);
  return p.finish<Deallocate>({ kind: 'Deallocate', cursor: ref.cursor, global: ref.global }, start);
}

// ---- Service Broker conversations ---------------------------------------------------------------

/**
 * `BEGIN DIALOG [CONVERSATION] @h FROM SERVICE s TO SERVICE 'name' [, 'instance'] [ON CONTRACT c]
 * [WITH RELATED_CONVERSATION = @h | RELATED_CONVERSATION_GROUP = @g, LIFETIME = n, ENCRYPTION = ON|OFF]`
 */
function parseBeginDialog(p: Parser, start: number): BeginDialog {
  p.expectWord('DIALOG');
  p.acceptWord('CONVERSATION');
  const handle = variable(p);
  p.expectWord('FROM');
  p.expectWord('SERVICE');
  const fromService = nameOrVariable(p);
  p.expectWord('TO');
  p.expectWord('SERVICE');
  const toService = stringOrVariable(p);
  const node: BeginDialog = { kind: 'BeginDialog', handle, fromService, toService, options: [], start, end: start };
  if (p.acceptPunct(',')) node.toInstance = stringOrVariable(p);
  if (p.acceptWord('ON')) {
    p.expectWord('CONTRACT');
    node.contract = nameOrVariable(p);
  }
  // WITH is taken greedily (as the SQL Server 2022 parser does); the options are comma-separated, each once.
  if (p.acceptWord('WITH')) {
    const seen = new Set<string>();
    do node.options.push(dialogOption(p, seen));
    while (p.acceptPunct(','));
  }
  node.end = p.prev.end;
  return node;
}

const DIALOG_OPTIONS = wordSet('RELATED_CONVERSATION RELATED_CONVERSATION_GROUP LIFETIME ENCRYPTION');

/** `name = value`; a repeated option (or both RELATED_CONVERSATION forms) fails at its name. */
function dialogOption(p: Parser, seen: Set<string>): BrokerOption {
  const start = p.tok.start;
  if (!p.isAnyWord(DIALOG_OPTIONS)) p.fail();
  const key = p.tok.upper === 'RELATED_CONVERSATION_GROUP' ? 'RELATED_CONVERSATION' : p.tok.upper;
  if (seen.has(key)) p.fail();
  seen.add(key);
  const name = p.next().upper;
  p.expectPunct('=');
  if (name === 'ENCRYPTION') return p.finish<BrokerOption>({ kind: 'BrokerOption', name, word: p.onOff() }, start);
  return p.finish<BrokerOption>({ kind: 'BrokerOption', name, value: parseExpression(p) }, start);
}

/** `BEGIN CONVERSATION TIMER ( @h ) TIMEOUT = n` */
function parseConversationTimer(p: Parser, start: number): BeginConversationTimer {
  p.expectPunct('(');
  p.enter();
  const handle = parseExpression(p);
  p.expectPunct(')');
  p.leave();
  p.expectWord('TIMEOUT');
  p.expectPunct('=');
  return p.finish<BeginConversationTimer>({ kind: 'BeginConversationTimer', handle, timeout: parseExpression(p) }, start);
}

/** `SEND ON CONVERSATION [(]@h [, …][)] [MESSAGE TYPE t] [( body )]` */
function parseSend(p: Parser): Send {
  const start = p.next().start;
  p.expectWord('ON');
  p.expectWord('CONVERSATION');
  // A `(` here opens the list of handles (the SQL Server 2022 parser takes it greedily): `SEND ON CONVERSATION (@a, @b)`.
  const conversations = p.isPunct('(') ? p.parenList(parseExpression) : [parseExpression(p)];
  const node: Send = { kind: 'Send', conversations, start, end: start };
  if (p.acceptWord('MESSAGE')) {
    p.expectWord('TYPE');
    node.messageType = nameOrVariable(p);
  }
  if (p.isPunct('(')) {
    p.next();
    p.enter();
    node.body = parseExpression(p);
    p.expectPunct(')');
    p.leave();
  }
  node.end = p.prev.end;
  return node;
}

/** `RECEIVE [TOP (n)] items FROM queue [INTO @t] [WHERE conversation_handle = @h | conversation_group_id = @g]` */
function parseReceive(p: Parser): Receive {
  const start = p.next().start;
  let top: Expression | undefined;
  if (p.acceptWord('TOP')) {
    p.expectPunct('(');
    top = parseExpression(p);
    p.expectPunct(')');
  }
  const items = p.commaList(receiveItem);
  p.expectWord('FROM');
  const queue = p.objectName();
  const node: Receive = { kind: 'Receive', items, queue, start, end: start };
  if (top !== undefined) node.top = top;
  if (p.acceptWord('INTO')) node.into = variable(p);
  // Only `conversation_handle = …` or `conversation_group_id = …`, with a string or a variable (as the SQL Server 2022 parser does).
  if (p.acceptWord('WHERE')) {
    if (!p.isAnyWord(RECEIVE_WHERE_COLUMNS)) p.fail();
    node.whereColumn = p.next().upper;
    p.expectPunct('=');
    node.where = stringOrVariable(p);
  }
  node.end = p.prev.end;
  return node;
}

const RECEIVE_WHERE_COLUMNS = wordSet('CONVERSATION_HANDLE CONVERSATION_GROUP_ID');

/** `*`, `expr [[AS] alias]`, `alias = expr`, `@v = expr`. */
function receiveItem(p: Parser): ReceiveItem {
  const start = p.tok.start;
  if (p.isPunct('*')) {
    const t = p.next();
    return { kind: 'ReceiveItem', expr: { kind: 'ColumnRef', parts: [], star: true, start: t.start, end: t.end }, start, end: t.end };
  }
  if (p.isVariable() && assignmentOp(p) === '' && p.isPunct('=', 1)) {
    const target = variable(p);
    p.next();
    return p.finish<ReceiveItem>({ kind: 'ReceiveItem', target, expr: parseExpression(p) }, start);
  }
  if ((p.isIdentifier() || p.tok.kind === 'string') && p.isPunct('=', 1)) {
    const t = p.next();
    p.next();
    const alias: Ident = { kind: 'Ident', value: t.value, quoted: t.kind !== 'word', start: t.start, end: t.end };
    return p.finish<ReceiveItem>({ kind: 'ReceiveItem', alias, expr: parseExpression(p) }, start);
  }
  const expr = parseExpression(p);
  const item: ReceiveItem = { kind: 'ReceiveItem', expr, start, end: p.prev.end };
  // `[AS] alias`, the alias an identifier or a string (as the SQL Server 2022 parser does).
  if (p.acceptWord('AS')) item.alias = aliasName(p);
  else if (p.isIdentifier() || p.tok.kind === 'string') item.alias = aliasName(p);
  item.end = p.prev.end;
  return item;
}

/** A column alias: an identifier or a string literal. */
function aliasName(p: Parser): Ident {
  if (p.tok.kind !== 'string') return p.identifier();
  const t = p.next();
  return { kind: 'Ident', value: t.value, quoted: true, start: t.start, end: t.end };
}

/** `END CONVERSATION handle [WITH ERROR = n DESCRIPTION = 'text' | WITH CLEANUP]`; a bare END is an error here. */
function parseEnd(p: Parser): EndConversation {
  const start = p.tok.start;
  if (!p.isWord('CONVERSATION', 1)) p.fail();
  p.pos += 2;
  const node: EndConversation = { kind: 'EndConversation', handle: parseExpression(p), cleanup: false, start, end: start };
  if (p.acceptWord('WITH')) {
    if (p.acceptWord('CLEANUP')) node.cleanup = true;
    else {
      p.expectWord('ERROR');
      p.expectPunct('=');
      node.error = integerOrVariable(p);
      p.expectWord('DESCRIPTION');
      p.expectPunct('=');
      node.description = stringOrVariable(p);
    }
  }
  node.end = p.prev.end;
  return node;
}

/** `GET CONVERSATION GROUP @g FROM queue` */
function parseGetConversationGroup(p: Parser): GetConversationGroup {
  const start = p.tok.start;
  p.expectWord('GET');
  p.expectWord('CONVERSATION');
  p.expectWord('GROUP');
  const target = variable(p);
  p.expectWord('FROM');
  return p.finish<GetConversationGroup>({ kind: 'GetConversationGroup', target, queue: p.objectName() }, start);
}

/** `MOVE CONVERSATION @h TO @g` */
function parseMoveConversation(p: Parser): MoveConversation {
  const start = p.next().start;
  p.expectWord('CONVERSATION');
  const handle = parseExpression(p);
  p.expectWord('TO');
  return p.finish<MoveConversation>({ kind: 'MoveConversation', handle, group: parseExpression(p) }, start);
}

// ---- session and server statements --------------------------------------------------------------

function parseUse(p: Parser): Statement {
  const start = p.next().start;
  return p.finish<Use>({ kind: 'Use', database: p.identifier() }, start);
}

function parseCheckpoint(p: Parser): Checkpoint {
  const start = p.next().start;
  if (p.tok.kind === 'number') return p.finish<Checkpoint>({ kind: 'Checkpoint', duration: integer(p) }, start);
  return p.finish<Checkpoint>({ kind: 'Checkpoint' }, start);
}

/** `DBCC name [( arg, … )] [WITH option [= value], …]`: args are constants, variables, expressions or words. */
function parseDbcc(p: Parser): Dbcc {
  const start = p.next().start;
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  const command = p.next().upper;
  let args: (Expression | Ident)[] = [];
  if (p.isPunct('(')) {
    p.next();
    p.enter();
    if (!p.isPunct(')')) args = p.commaList(dbccArgument);
    p.expectPunct(')');
    p.leave();
  }
  const options: string[] = [];
  if (p.acceptWord('WITH')) {
    // Options are comma-separated, or joined by JOIN (`WITH STAT_HEADER JOIN DENSITY_VECTOR`, as the SQL Server 2022 parser does).
    options.push(dbccOption(p));
    if (p.isWord('JOIN')) while (p.acceptWord('JOIN')) options.push(dbccOption(p));
    else while (p.acceptPunct(',')) options.push(dbccOption(p));
  }
  return p.finish<Dbcc>({ kind: 'Dbcc', command, args, options }, start);
}

/**
 * A DBCC option word, with a value for those that take one (`MAXDOP = 4`, documented for CHECKDB), or
 * SHRINKDATABASE's and SHRINKFILE's `WAIT_AT_LOW_PRIORITY [(ABORT_AFTER_WAIT = SELF | BLOCKERS)]` (SQL Server 2022).
 */
function dbccOption(p: Parser): string {
  if (p.tok.kind !== 'word' || isReserved(p.tok.upper)) p.fail();
  const name = p.next().upper;
  if (name === 'WAIT_AT_LOW_PRIORITY' && p.acceptPunct('(')) {
    p.expectWord('ABORT_AFTER_WAIT');
    p.expectPunct('=');
    if (!p.isWord('SELF') && !p.isWord('BLOCKERS')) p.fail();
    p.next();
    p.expectPunct(')');
  } else if (p.acceptPunct('=')) constantOrVariable(p);
  return name;
}

/**
 * `[name =] value`: a constant, a negative number, a variable or a bare name (RESEED, NOINDEX, a
 * database or index name); no expressions (as the SQL Server 2022 parser does).
 */
function dbccArgument(p: Parser): Expression | Ident {
  if (p.tok.kind === 'word' && !isReserved(p.tok.upper) && p.isPunct('=', 1)) p.pos += 2;
  if (p.tok.kind === 'quoted' || (p.tok.kind === 'word' && !isReserved(p.tok.upper))) return p.identFrom(p.next());
  return possibleNegativeConstant(p);
}

/** `KILL spid | 'uow' [WITH STATUSONLY]`, `KILL STATS JOB n`, `KILL QUERY NOTIFICATION SUBSCRIPTION ALL | n`. */
function parseKill(p: Parser): Kill {
  const start = p.next().start;
  if (p.acceptWords('STATS', 'JOB')) return p.finish<Kill>({ kind: 'Kill', what: 'STATS JOB', target: numberOrVariable(p) }, start);
  if (p.acceptWords('QUERY', 'NOTIFICATION', 'SUBSCRIPTION')) {
    if (p.acceptWord('ALL')) return p.finish<Kill>({ kind: 'Kill', what: 'QUERY NOTIFICATION SUBSCRIPTION', all: true }, start);
    return p.finish<Kill>({ kind: 'Kill', what: 'QUERY NOTIFICATION SUBSCRIPTION', target: numberOrVariable(p) }, start);
  }
  // A session id or a unit-of-work string, as a constant: `KILL @spid` is a syntax error (callers use EXEC ('KILL ' + …)).
  const node: Kill = { kind: 'Kill', what: '', target: p.tok.kind === 'string' ? literalToken(p) : signedInteger(p), start, end: start };
  if (p.acceptWord('WITH')) {
    p.expectWord('STATUSONLY');
    node.statusOnly = true;
  }
  node.end = p.prev.end;
  return node;
}

function parseReconfigure(p: Parser): Statement {
  const start = p.next().start;
  const override = p.isWord('WITH') && p.isWord('OVERRIDE', 1);
  if (override) p.pos += 2;
  return p.finish<Reconfigure>({ kind: 'Reconfigure', override }, start);
}

function parseShutdown(p: Parser): Statement {
  const start = p.next().start;
  const noWait = p.isWord('WITH') && p.isWord('NOWAIT', 1);
  if (noWait) p.pos += 2;
  return p.finish<Shutdown>({ kind: 'Shutdown', noWait }, start);
}

/** `SETUSER ['user' [WITH NORESET]]` */
function parseSetuser(p: Parser): Statement {
  const start = p.next().start;
  if (p.tok.kind !== 'string' && !p.isVariable()) return p.finish<Setuser>({ kind: 'Setuser', noReset: false }, start);
  const user = stringOrVariable(p);
  const noReset = p.isWord('WITH') && p.isWord('NORESET', 1);
  if (noReset) p.pos += 2;
  return p.finish<Setuser>({ kind: 'Setuser', user, noReset }, start);
}

/** RESTORE's kinds that read a backup without restoring it: `RESTORE HEADERONLY FROM …`. */
const RESTORE_INFO_KINDS = wordSet('HEADERONLY FILELISTONLY LABELONLY VERIFYONLY REWINDONLY');

/**
 * BACKUP and RESTORE of a database or log (the SQL Server 2022 parser's, docs "BACKUP
 * (Transact-SQL)", "RESTORE Statements"). The certificate and master key forms are kept whole.
 */
function parseBackupRestore(p: Parser): Statement {
  const first = p.next();
  const start = first.start;
  const verb = first.upper === 'BACKUP' ? 'BACKUP' : 'RESTORE';
  if (p.isWord('CERTIFICATE') || p.isWord('MASTER') || p.isWords('SERVICE', 'MASTER')) return opaque(p, start, `${verb} ${p.tok.upper}`);
  const node: BackupRestore = { kind: 'BackupRestore', verb, target: '', files: [], devices: [], mirrors: [], options: [], start, end: start };
  if (verb === 'RESTORE' && p.isAnyWord(RESTORE_INFO_KINDS)) {
    node.target = p.next().upper;
    p.expectWord('FROM');
    node.devices = p.commaList(backupDevice);
  } else {
    if (!p.isWord('DATABASE') && !p.isWord('LOG')) p.fail();
    node.target = p.next().upper;
    node.database = nameOrVariable(p);
    // BACKUP LOG names no files; RESTORE LOG may (as the SQL Server 2022 parser does).
    if ((node.target === 'DATABASE' || verb === 'RESTORE') && startsBackupFile(p)) node.files = p.commaList(backupFile);
    if (verb === 'BACKUP') {
      if (p.acceptWord('TO')) {
        node.devices = p.commaList(backupDevice);
        while (p.acceptWords('MIRROR', 'TO')) node.mirrors.push(p.commaList(backupDevice));
      }
    } else if (p.acceptWord('FROM')) node.devices = p.commaList(backupDevice);
  }
  // WITH is taken greedily: `BACKUP … WITH x` never starts a CTE.
  if (p.acceptWord('WITH')) node.options = p.commaList(verb === 'BACKUP' ? backupOption : restoreOption);
  node.end = p.prev.end;
  return node;
}

function startsBackupFile(p: Parser): boolean {
  return ((p.isWord('FILE') || p.isWord('FILEGROUP') || p.isWord('PAGE')) && p.isPunct('=', 1)) || p.isWord('READ_WRITE_FILEGROUPS');
}

/** `FILE|FILEGROUP|PAGE = 'x' | @v | ('x', …)`, `READ_WRITE_FILEGROUPS`. */
function backupFile(p: Parser): BackupItem {
  const start = p.tok.start;
  const name = p.next().upper;
  if (name === 'READ_WRITE_FILEGROUPS') return p.finish<BackupItem>({ kind: 'BackupItem', name, values: [] }, start);
  p.expectPunct('=');
  // A parenthesised list: FILE and FILEGROUP only (as the SQL Server 2022 parser does).
  const values = p.isPunct('(') && name !== 'PAGE' ? p.parenList(stringOrVariable) : [stringOrVariable(p)];
  return p.finish<BackupItem>({ kind: 'BackupItem', name, values }, start);
}

/** `logical_device | @v | DISK|TAPE|URL|… = 'physical' | @v`. */
function backupDevice(p: Parser): BackupItem {
  const start = p.tok.start;
  if (p.tok.kind === 'word' && !isReserved(p.tok.upper) && p.isPunct('=', 1)) {
    const name = p.next().upper;
    p.next();
    const value = pathOrVariable(p);
    return p.finish<BackupItem>({ kind: 'BackupItem', name, values: [value] }, start);
  }
  return p.finish<BackupItem>({ kind: 'BackupItem', name: '', values: [nameOrVariable(p)] }, start);
}

/**
 * A file path: a string or a variable. A double-quoted path (`DISK = "/tmp/x.bak"`, `MOVE "Data" TO "/d/x.mdf"`)
 * runs on SQL Server under sqlcmd's default QUOTED_IDENTIFIER OFF: taken as the string it spells.
 */
function pathOrVariable(p: Parser): Expression | Ident {
  const v: Token = p.tok;
  return v.kind === 'quoted' && v.text.charCodeAt(0) === 34 ? p.identFrom(p.next()) : stringOrVariable(p);
}

/** The name of a BACKUP / RESTORE option: a word that is not reserved (FILE is, and has its own form). */
function backupOptionName(p: Parser): string {
  if (p.tok.kind !== 'word' || isReserved(p.tok.upper)) p.fail();
  return p.next().upper;
}

/**
 * `name`, `name = [-]n | @v | 'text'`, `ENCRYPTION (ALGORITHM = a, SERVER CERTIFICATE|ASYMMETRIC KEY = k)`,
 * `COMPRESSION [(ALGORITHM = a)]` (SQL Server 2022's compression algorithm).
 */
function backupOption(p: Parser): BackupItem {
  const start = p.tok.start;
  const name = backupOptionName(p);
  const values: (Expression | Ident)[] = [];
  if (name === 'ENCRYPTION') {
    p.expectPunct('(');
    p.expectWord('ALGORITHM');
    p.expectPunct('=');
    values.push(p.identifier());
    p.expectPunct(',');
    p.expectWord('SERVER');
    if (!p.acceptWord('CERTIFICATE') && !p.acceptWords('ASYMMETRIC', 'KEY')) p.fail();
    p.expectPunct('=');
    values.push(p.identifier());
    p.expectPunct(')');
  } else if (name === 'COMPRESSION' && p.isPunct('(')) {
    p.next();
    p.expectWord('ALGORITHM');
    p.expectPunct('=');
    values.push(p.identifier());
    p.expectPunct(')');
  } else if (p.acceptPunct('=')) values.push(p.tok.kind === 'string' ? literalToken(p) : signedIntegerOrVariable(p));
  return p.finish<BackupItem>({ kind: 'BackupItem', name, values }, start);
}

const STOP_OPTIONS = wordSet('STOPATMARK STOPBEFOREMARK');

/**
 * `name`, `name = [-]n | 'text' | @v`, `STOPATMARK|STOPBEFOREMARK = 'mark' [AFTER 'datetime']`,
 * `MOVE 'logical' TO 'path'`, `FILE = n | @v`, `FILESTREAM (DIRECTORY_NAME = name)`.
 */
function restoreOption(p: Parser): BackupItem {
  const start = p.tok.start;
  const values: (Expression | Ident)[] = [];
  if (p.isWord('FILE')) {
    p.next();
    p.expectPunct('=');
    values.push(signedIntegerOrVariable(p));
    return p.finish<BackupItem>({ kind: 'BackupItem', name: 'FILE', values }, start);
  }
  const name = backupOptionName(p);
  if (name === 'MOVE' && !p.isPunct('=')) {
    values.push(pathOrVariable(p));
    p.expectWord('TO');
    values.push(pathOrVariable(p));
  } else if (name === 'FILESTREAM') {
    p.expectPunct('(');
    p.expectWord('DIRECTORY_NAME');
    p.expectPunct('=');
    values.push(p.tok.kind === 'string' ? literalToken(p) : p.isWord('NULL') ? unsignedConstant(p) : p.identifier());
    p.expectPunct(')');
  } else if (p.acceptPunct('=')) {
    values.push(p.tok.kind === 'number' || p.isPunct('-') ? signedInteger(p) : stringOrVariable(p));
    if (STOP_OPTIONS.has(name) && p.acceptWord('AFTER')) values.push(stringOrVariable(p));
  }
  return p.finish<BackupItem>({ kind: 'BackupItem', name, values }, start);
}

/**
 * `READTEXT table.column text_ptr offset size [HOLDLOCK]`, `WRITETEXT [BULK] table.column text_ptr [WITH LOG]
 * data`, `UPDATETEXT [BULK] table.column text_ptr [TIMESTAMP = 0x…] {NULL | offset} {NULL | length} [WITH LOG]
 * [data | table.column text_ptr]` (docs "READTEXT", "WRITETEXT", "UPDATETEXT"): constants and variables.
 */
function parseTextStatement(p: Parser): TextPointerStatement {
  const start = p.tok.start;
  const command = p.next().upper as TextPointerStatement['command'];
  const bulk = command !== 'READTEXT' && p.acceptWord('BULK');
  const column = textColumn(p);
  textValue(p);
  if (command === 'READTEXT') {
    textValue(p);
    textValue(p);
    p.acceptWord('HOLDLOCK');
  } else if (command === 'WRITETEXT') {
    p.acceptWords('WITH', 'LOG');
    textValue(p);
  } else {
    if (p.acceptWord('TIMESTAMP')) {
      p.expectPunct('=');
      textValue(p);
    }
    textValue(p);
    textValue(p);
    p.acceptWords('WITH', 'LOG');
    if (startsTextValue(p)) textValue(p);
    else if ((p.isIdentifier() || p.isPunct('.')) && !atStatementStart(p)) {
      textColumn(p);
      textValue(p);
    }
  }
  return p.finish<TextPointerStatement>({ kind: 'TextPointerStatement', command, bulk, column }, start);
}

/** `table.column` (up to `db.schema.table.column`): a column named alone is a syntax error at it. */
function textColumn(p: Parser): ObjectName {
  const at = p.tok;
  const name = p.objectName();
  if (name.schema === undefined && name.database === undefined && name.server === undefined) p.fail(at);
  return name;
}

function startsTextValue(p: Parser): boolean {
  const t = p.tok;
  return t.kind === 'number' || t.kind === 'string' || p.isVariable() || p.isWord('NULL') || (p.isPunct('-') && p.peek().kind === 'number');
}

/** A text pointer, offset, length or data: a constant, NULL, a (signed) number or a variable. */
function textValue(p: Parser): void {
  if (!startsTextValue(p)) p.fail();
  if (p.isPunct('-')) p.next();
  p.next();
}

// ---- registration -------------------------------------------------------------------------------

registerStatement('DECLARE', parseDeclare);
registerStatement('SET', parseSet);
registerStatement('IF', parseIf);
registerStatement('WHILE', parseWhile);
registerStatement('BEGIN', parseBegin);
registerStatement('BREAK', (p) => p.finish<Break>({ kind: 'Break' }, p.next().start));
registerStatement('CONTINUE', (p) => p.finish<Continue>({ kind: 'Continue' }, p.next().start));
registerStatement('GOTO', parseGoto);
registerStatement('LINENO', parseLineNo);
registerStatement('RETURN', parseReturn);
registerStatement('THROW', parseThrow);
registerStatement('RAISERROR', parseRaiserror);
registerStatement('PRINT', parsePrint);
registerStatement('WAITFOR', parseWaitfor);
registerStatement('COMMIT', parseCommit);
registerStatement('ROLLBACK', parseRollback);
registerStatement('SAVE', parseSave);
registerStatement('EXEC', parseExec);
registerStatement('EXECUTE', parseExec);
registerStatement('OPEN', parseOpen);
registerStatement('FETCH', parseFetch);
registerStatement('CLOSE', parseClose);
registerStatement('DEALLOCATE', parseDeallocate);
registerStatement('SEND', parseSend);
registerStatement('RECEIVE', parseReceive);
registerStatement('END', parseEnd);
registerStatement('GET', parseGetConversationGroup);
registerStatement('MOVE', parseMoveConversation);
registerStatement('USE', parseUse);
registerStatement('CHECKPOINT', parseCheckpoint);
registerStatement('DBCC', parseDbcc);
registerStatement('KILL', parseKill);
registerStatement('RECONFIGURE', parseReconfigure);
registerStatement('SHUTDOWN', parseShutdown);
registerStatement('SETUSER', parseSetuser);
registerStatement('REVERT', parseRevert);
registerStatement('BACKUP', parseBackupRestore);
registerStatement('RESTORE', parseBackupRestore);
registerStatement('READTEXT', parseTextStatement);
registerStatement('WRITETEXT', parseTextStatement);
registerStatement('UPDATETEXT', parseTextStatement);
