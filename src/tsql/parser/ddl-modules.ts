// DDL for modules: procedures, functions, views, triggers, schemas, CLR aggregates and assemblies, and
// ENABLE / DISABLE TRIGGER. Grammar from the docs pages "CREATE PROCEDURE (Transact-SQL)", "CREATE
// FUNCTION (Transact-SQL)", "CREATE VIEW", "CREATE TRIGGER", "CREATE SCHEMA", "ALTER SCHEMA", "CREATE
// AGGREGATE", "CREATE ASSEMBLY", "ALTER ASSEMBLY", "ENABLE TRIGGER". The helpers other DDL files of this
// area share (options, principals, EXECUTE AS) are exported from here.
import type { DataType, GlobalVariable, Ident, ObjectName, Parameter, Statement, Variable } from './ast.js';
import type { DefaultArgument, Literal } from './ast-expressions.js';
import type {
  AlterSchema,
  CreateAggregate,
  CreateAssembly,
  CreateFunction,
  CreateProcedure,
  CreateSchema,
  CreateTrigger,
  CreateView,
  EnableDisableTrigger,
  ExternalName,
  FunctionReturns,
  ModuleOption,
} from './ast-ddl-modules.js';
import type { Parser } from './core.js';
import { SyntaxFailure } from './core.js';
import { parseDropObjects, parseIndexColumn, parseTableElements } from './ddl-tables.js';
import { invalidEventTypeMessage, isTriggerEventType } from './event-types.js';
import { atMoneyLiteral, parseExpression, parseMoneyLiteral } from './expressions.js';
import { parseBlock } from './procedural.js';
import { checkOrderByInSubquery, parseQueryExpression, parseSelectStatement, parseWithCtes } from './query.js';
import type { SelectStatement } from './ast-query.js';
import type { DdlContext } from './statements.js';
import { parseStatement, parseStatementList, registerDdl, registerStatement } from './statements.js';

// ==== shared helpers ==================================================================================

/** `CREATE OR ALTER` exists only for procedures, functions, views and triggers: elsewhere it fails at the object word. */
export function noOrAlter(p: Parser, ctx: DdlContext): void {
  if (ctx.orAlter) p.fail();
}

/** A principal name: an identifier, or `public` (a reserved word that still names the public role). */
export function principal(p: Parser): Ident {
  if (p.isWord('PUBLIC')) return p.identFrom(p.next());
  return p.identifier();
}

/** `AUTHORIZATION owner` when written. */
export function authorization(p: Parser): Ident | undefined {
  if (!p.acceptWord('AUTHORIZATION')) return undefined;
  return principal(p);
}

/** An option value as written: a string, a (signed) number, 0x…, a word (upper-cased), a [name] or a @variable. */
export function optionValue(p: Parser): string {
  const t = p.tok;
  if ((p.isPunct('-') || p.isPunct('+')) && p.peek().kind === 'number') {
    p.next();
    return t.text + p.next().text;
  }
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'quoted' || p.isVariable()) return p.next().text;
  if (t.kind === 'word') return p.next().upper;
  return p.fail();
}

/**
 * One `NAME [NAME …] = value [FLAG …]` option of a security or broker statement; the name may be several
 * words (ENCRYPTION BY PASSWORD) and reserved words (IDENTITY, USER, FILE). `flags` lists the words that
 * may follow the value (PASSWORD = 'x' HASHED MUST_CHANGE).
 */
export function parseModuleOption(p: Parser, flags: ReadonlySet<string> = NO_FLAGS): ModuleOption {
  const start = p.tok.start;
  const words: string[] = [];
  while (p.tok.kind === 'word') words.push(p.next().upper);
  if (words.length === 0) p.fail();
  const node: ModuleOption = { kind: 'ModuleOption', name: words.join(' '), start, end: start };
  p.expectPunct('=');
  const valueTok = p.tok;
  node.value = optionValue(p);
  if (valueTok.kind === 'word' || valueTok.kind === 'quoted') node.ident = p.identFrom(valueTok);
  while (p.isAnyWord(flags)) (node.flags ??= []).push(p.next().upper);
  node.end = p.prev.end;
  return node;
}

const NO_FLAGS: ReadonlySet<string> = new Set();

/** Checks an option's name against the ones a statement knows: an unknown one fails at its first word. */
export function checkOption(p: Parser, option: ModuleOption, known: ReadonlySet<string>): ModuleOption {
  if (!known.has(option.name)) p.fail(p.tokenAt(option.start));
  return option;
}

/** `EXECUTE AS {CALLER | SELF | OWNER | 'user'}` in a module's WITH list; the parser stands on EXECUTE / EXEC. */
export function parseExecuteAsOption(p: Parser): string {
  p.next();
  p.expectWord('AS');
  if (p.tok.kind === 'string') return p.next().text;
  if (p.isWord('CALLER') || p.isWord('SELF') || p.isWord('OWNER')) return p.next().upper;
  return p.fail();
}

const isExecute = (p: Parser): boolean => (p.isWord('EXECUTE') || p.isWord('EXEC')) && p.isWord('AS', 1);

/**
 * `EXTERNAL NAME assembly.class[.method]`: the class may be a bracketed dotted name ([N.S.Class]).
 * `classOptional`: CREATE AGGREGATE's `assembly [.class]` (the class then defaults to the aggregate's name).
 */
export function parseExternalName(p: Parser, needMethod: boolean, defaultClass?: Ident): ExternalName {
  const start = p.expectWord('EXTERNAL').start;
  p.expectWord('NAME');
  const assembly = p.identifier();
  let className: Ident;
  if (defaultClass !== undefined && !p.isPunct('.')) className = defaultClass;
  else {
    p.expectPunct('.');
    className = p.identifier();
  }
  const node: ExternalName = { kind: 'ExternalName', assembly, className, start, end: start };
  if (needMethod) {
    p.expectPunct('.');
    node.method = p.identifier();
  }
  node.end = p.prev.end;
  return node;
}

/**
 * A module's name: `[schema.]name`. A database (or server) prefix is Msg 166; a temporary name (#v) cannot
 * name a view or function.
 */
function moduleName(p: Parser, what: string, temporaryAllowed: boolean): ObjectName {
  const first = p.tok;
  const name = p.objectName();
  if (name.database !== undefined || name.server !== undefined) {
    throw new SyntaxFailure(166, `'${what}' does not allow specifying the database name as a prefix to the object name.`, first);
  }
  if (!temporaryAllowed && name.name.value.startsWith('#')) p.fail(p.tokenAt(name.name.start));
  return name;
}

// ==== parameters ======================================================================================

/**
 * `@p [AS] [schema.]type [VARYING] [NULL | NOT NULL] [= default] [OUT | OUTPUT] [READONLY]` (docs "CREATE
 * PROCEDURE", "CREATE FUNCTION"). A default is a constant, NULL or a bare word (taken as a string); an
 * expression (a function call, arithmetic) is a syntax error at the token after the constant.
 */
export function parseParameter(p: Parser): Parameter {
  return parameter(p, true);
}

/** A parameter of CREATE FUNCTION / CREATE AGGREGATE: OUTPUT is Msg 181 there. */
export function parseFunctionParameter(p: Parser): Parameter {
  return parameter(p, false);
}

function parameter(p: Parser, outputAllowed: boolean): Parameter {
  const start = p.tok.start;
  // Any variable token, `@@x` included: ASPState's scripts declare `@@ver int OUTPUT` and SQL Server takes it.
  if (p.tok.kind !== 'variable') p.fail();
  const nameTok = p.next();
  p.acceptWord('AS');
  if (outputAllowed && p.isWord('CURSOR')) return cursorParameter(p, start, nameTok.text, nameTok.start);
  const dataType = p.dataType();
  if (p.isWord('NOT') && p.isWord('NULL', 1)) {
    p.next();
    p.next();
  } else p.acceptWord('NULL');
  const node: Parameter = { kind: 'Parameter', name: nameTok.text, nameStart: nameTok.start, dataType, readonly: false, output: false, varying: false, start, end: start };
  if (p.acceptPunct('=')) node.default = parameterDefault(p);
  // One modifier at most: READONLY (table types) or OUT / OUTPUT (procedures only).
  if (p.acceptWord('READONLY')) node.readonly = true;
  else if (p.isWord('OUT') || p.isWord('OUTPUT')) {
    if (!outputAllowed) throw new SyntaxFailure(181, 'Cannot use the OUTPUT option in a DECLARE, CREATE AGGREGATE or CREATE FUNCTION statement.', p.tok);
    p.next();
    node.output = true;
  }
  node.end = p.prev.end;
  return node;
}

/** `@c CURSOR VARYING OUTPUT`: a cursor parameter needs both words. */
function cursorParameter(p: Parser, start: number, name: string, nameStart: number): Parameter {
  const t = p.next();
  const ident: Ident = { kind: 'Ident', value: 'CURSOR', quoted: false, start: t.start, end: t.end };
  const dataType: DataType = { kind: 'DataType', name: { kind: 'ObjectName', name: ident, start: t.start, end: t.end }, args: [], start: t.start, end: t.end };
  p.expectWord('VARYING');
  if (!p.isWord('OUT') && !p.isWord('OUTPUT')) p.fail();
  p.next();
  return { kind: 'Parameter', name, nameStart, dataType, readonly: false, output: true, varying: true, start, end: p.prev.end };
}

/**
 * The default of a parameter: a constant (number, string, 0x…, $money, NULL), a minus and a number, a
 * variable (`@@SERVERNAME` in the First Responder Kit), DEFAULT, or a bare or [quoted] word (taken as a string).
 */
function parameterDefault(p: Parser): Literal | GlobalVariable | Variable | DefaultArgument {
  const start = p.tok.start;
  const t = p.tok;
  let type: Literal['type'];
  let value: string;
  if (p.isPunct('-') && (p.peek().kind === 'number' || p.isPunct('$', 1))) {
    p.next();
    const inner = parameterDefault(p);
    if (inner.kind !== 'Literal') return p.fail(p.tokenAt(inner.start));
    return { ...inner, value: `-${inner.value}`, start };
  }
  if (p.isWord('DEFAULT')) {
    p.next();
    return { kind: 'DefaultArgument', start, end: p.prev.end };
  }
  if (p.isVariable()) {
    p.next();
    return { kind: 'Variable', name: t.text, start, end: p.prev.end };
  }
  if (t.kind === 'number') {
    value = p.next().text;
    type = value.startsWith('0x') || value.startsWith('0X') ? 'binary' : 'number';
  } else if (t.kind === 'string') {
    value = t.value;
    type = t.text.startsWith('N') || t.text.startsWith('n') ? 'nstring' : 'string';
    p.next();
  } else if (p.isPunct('$')) {
    // `$23`, `$ 10.12`, `$-23.00` (the money constant's own sign); `$` alone is the money constant 0.
    let money = '0';
    if (atMoneyLiteral(p)) money = parseMoneyLiteral(p).value;
    else p.next();
    value = `$${money}`;
    type = 'money';
  } else if (t.kind === 'variable' && t.text.startsWith('@@')) {
    // Accepted by SQL Server (the First Responder Kit has `@Servername NVARCHAR(128) = @@SERVERNAME`).
    p.next();
    return { kind: 'GlobalVariable', name: t.text, start, end: p.prev.end };
  } else if (p.isWord('NULL')) {
    p.next();
    value = 'NULL';
    type = 'null';
  } else if (p.isIdentifier()) {
    value = p.next().value;
    type = 'string';
  } else return p.fail();
  // A constant only: `= GETDATE()`, `= 1 + 1` fail at the token after it.
  return { kind: 'Literal', type, value, start, end: p.prev.end };
}

/** Parameters of a procedure: none, a bare list, or a parenthesised list. */
function procedureParameters(p: Parser): Parameter[] {
  if (p.isPunct('(')) return p.parenList(parseParameter);
  if (p.tok.kind !== 'variable') return [];
  return p.commaList(parseParameter);
}

// ==== module options ==================================================================================

/** `WITH option [, …]`: the words each module kind accepts; an unknown one is Msg 155 like SQL Server. */
function parseModuleOptions(p: Parser, known: ReadonlySet<string>, what: string, out: { executeAs?: string }): string[] {
  const options: string[] = [];
  if (!p.acceptWord('WITH')) return options;
  do {
    const first = p.tok;
    const option = moduleOption(p, known, what, out);
    // An option given twice is a syntax error at its second occurrence (INLINE = ON, INLINE = OFF too).
    const key = option.startsWith('EXECUTE AS') ? 'EXECUTE AS' : option.startsWith('INLINE') ? 'INLINE' : option;
    if (options.some((o) => o === key || o.startsWith(`${key} `))) p.fail(first);
    options.push(option);
  } while (p.acceptPunct(','));
  return options;
}

function moduleOption(p: Parser, known: ReadonlySet<string>, what: string, out: { executeAs?: string }): string {
  const t = p.tok;
  if (isExecute(p) && known.has('EXECUTE AS')) {
    const who = parseExecuteAsOption(p);
    out.executeAs = who;
    return `EXECUTE AS ${who}`;
  }
  if (t.kind !== 'word') return p.fail();
  if (t.upper === 'RETURNS' && known.has('RETURNS NULL ON NULL INPUT')) {
    p.next();
    expectWords(p, 'NULL', 'ON', 'NULL', 'INPUT');
    return 'RETURNS NULL ON NULL INPUT';
  }
  if (t.upper === 'CALLED' && known.has('CALLED ON NULL INPUT')) {
    p.next();
    expectWords(p, 'ON', 'NULL', 'INPUT');
    return 'CALLED ON NULL INPUT';
  }
  if (t.upper === 'INLINE' && known.has('INLINE')) {
    p.next();
    p.expectPunct('=');
    if (!p.isWord('ON') && !p.isWord('OFF')) p.fail();
    return `INLINE = ${p.next().upper}`;
  }
  if (!known.has(t.upper)) {
    // A reserved word cannot name an option: a plain syntax error; any other word is Msg 155.
    if (!p.isIdentifier()) p.fail();
    throw new SyntaxFailure(155, `'${t.text}' is not a recognized ${what} option.`, t);
  }
  return p.next().upper;
}

function expectWords(p: Parser, ...words: string[]): void {
  for (const w of words) p.expectWord(w);
}

const PROCEDURE_OPTIONS = new Set(['RECOMPILE', 'ENCRYPTION', 'EXECUTE AS', 'NATIVE_COMPILATION', 'SCHEMABINDING']);
const FUNCTION_OPTIONS = new Set(['ENCRYPTION', 'SCHEMABINDING', 'RETURNS NULL ON NULL INPUT', 'CALLED ON NULL INPUT', 'EXECUTE AS', 'INLINE', 'NATIVE_COMPILATION']);
const INLINE_FUNCTION_OPTIONS = new Set(['ENCRYPTION', 'SCHEMABINDING', 'RETURNS NULL ON NULL INPUT', 'CALLED ON NULL INPUT', 'INLINE', 'NATIVE_COMPILATION']);
const VIEW_OPTIONS = new Set(['ENCRYPTION', 'SCHEMABINDING', 'VIEW_METADATA']);
const TRIGGER_OPTIONS = new Set(['ENCRYPTION', 'EXECUTE AS', 'NATIVE_COMPILATION', 'SCHEMABINDING']);

// ==== bodies ==========================================================================================

/** A trigger's body: every statement up to the end of the batch (there is no END), at least one. */
function batchBody(p: Parser): Statement[] {
  while (p.acceptPunct(';'));
  if (p.atEnd()) p.fail();
  return parseStatementList(p);
}

/** The `BEGIN … END` (or `BEGIN ATOMIC WITH (…) … END`) body of a scalar or multi-statement function. */
function functionBody(p: Parser): Statement[] {
  if (!p.isWord('BEGIN')) p.fail();
  const block = parseBlock(p);
  const end = p.prev;
  const statements = 'statements' in block ? block.statements : [block];
  // Msg 455: SQL Server checks the last statement of the body itself, not the branches of an IF (an
  // IF … RETURN … ELSE RETURN … ending the body is the classic case); a nested BEGIN … END is looked into.
  if (!endsWithReturn(statements)) {
    throw new SyntaxFailure(455, 'The last statement included within a function must be a return statement.', end);
  }
  return statements;
}

function endsWithReturn(statements: readonly Statement[]): boolean {
  let list = statements;
  for (;;) {
    const last = list[list.length - 1];
    if (last === undefined) return false;
    if (last.kind === 'Return') return true;
    if (last.kind !== 'Block') return false;
    list = last.statements;
  }
}

// ==== PROCEDURE =======================================================================================

/**
 * CREATE [OR ALTER] | ALTER {PROC | PROCEDURE} [schema.]name [;number] [params] [WITH options]
 * [FOR REPLICATION] AS {statements | EXTERNAL NAME a.c.m} (docs "CREATE PROCEDURE (Transact-SQL)").
 */
function parseProcedure(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'PROCEDURE');
  const objectWordStart = p.next().start;
  const name = moduleName(p, `${ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE/ALTER'} PROCEDURE`, true);
  const node: CreateProcedure = { kind: 'CreateProcedure', verb: ctx.verb, orAlter: ctx.orAlter, name, parameters: [], options: [], forReplication: false, body: [], objectWordStart, start: ctx.start, end: ctx.start };
  if (p.isPunct(';') && p.peek().kind === 'number') {
    p.next();
    node.number = p.next().text;
  }
  node.parameters = procedureParameters(p);
  node.options = parseModuleOptions(p, PROCEDURE_OPTIONS, 'CREATE/ALTER PROCEDURE', node);
  if (p.isWord('FOR')) {
    p.next();
    p.expectWord('REPLICATION');
    node.forReplication = true;
  }
  p.expectWord('AS');
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) node.external = parseExternalName(p, true);
  // The statement list may be empty (`CREATE PROCEDURE p AS` then GO): the SQL Server 2022 parser accepts it.
  else node.body = parseStatementList(p);
  node.end = p.prev.end;
  return node;
}

// ==== FUNCTION ========================================================================================

/**
 * CREATE [OR ALTER] | ALTER FUNCTION name ( [params] ) RETURNS … [WITH options] [AS] body
 * (docs "CREATE FUNCTION (Transact-SQL)"): scalar `RETURNS type … BEGIN … RETURN x END`, inline
 * `RETURNS TABLE … RETURN [(] select [)]`, multi-statement `RETURNS @t TABLE (…) … BEGIN … RETURN END`,
 * CLR `… EXTERNAL NAME a.c.m`.
 */
function parseFunction(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'FUNCTION');
  const objectWordStart = p.next().start;
  const name = moduleName(p, `${ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE/ALTER'} FUNCTION`, false);
  p.expectPunct('(');
  p.enter();
  const parameters = p.isPunct(')') ? [] : p.commaList(parseFunctionParameter);
  p.expectPunct(')');
  p.leave();
  const returns = functionReturns(p);
  const node: CreateFunction = { kind: 'CreateFunction', verb: ctx.verb, orAlter: ctx.orAlter, name, parameters, returns, options: [], body: [], objectWordStart, start: ctx.start, end: ctx.start };
  // An inline function takes no EXECUTE AS (as the SQL Server 2022 parser does).
  const known = returns.kind === 'InlineTableReturns' ? INLINE_FUNCTION_OPTIONS : FUNCTION_OPTIONS;
  node.options = parseModuleOptions(p, known, 'CREATE/ALTER FUNCTION', node);
  // A CLR table-valued function may declare the order of its result after its options:
  // ORDER (col [ASC|DESC], …) (as the SQL Server 2022 parser does).
  if (returns.kind === 'ClrTableReturns' && p.isWord('ORDER')) {
    p.next();
    returns.order = p.parenList(parseIndexColumn);
  }
  p.acceptWord('AS');
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1) && returns.kind !== 'InlineTableReturns' && returns.kind !== 'TableVariableReturns') {
    node.external = parseExternalName(p, true);
  } else if (returns.kind === 'InlineTableReturns') {
    p.expectWord('RETURN');
    node.query = inlineQuery(p);
  } else if (returns.kind === 'ClrTableReturns') {
    // RETURNS TABLE (…) is only for CLR functions: EXTERNAL NAME must follow.
    p.fail();
  } else {
    p.returnValueRequired = returns.kind !== 'TableVariableReturns';
    node.body = functionBody(p);
    p.returnValueRequired = false;
  }
  node.end = p.prev.end;
  return node;
}

/**
 * The query of an inline function: `[WITH …] query` or `( WITH … query )` (CTEs inside the parentheses are
 * allowed here, unlike in a subquery); no OPTION clause; ORDER BY only with TOP / OFFSET / FOR XML (Msg 1033).
 */
function inlineQuery(p: Parser): SelectStatement {
  if (p.isPunct('(') && p.isWord('WITH', 1)) {
    const start = p.next().start;
    p.enter();
    const ctes = parseWithCtes(p);
    const query = parseQueryExpression(p);
    p.expectPunct(')');
    p.leave();
    return { kind: 'SelectStatement', ctes, query, start, end: p.prev.end };
  }
  return subqueryStatement(p);
}

/** A SELECT statement used as a subquery (views, inline functions): no OPTION clause, Msg 1033 rules. */
function subqueryStatement(p: Parser): SelectStatement {
  const query = parseSelectStatement(p);
  const hint = query.option?.[0];
  if (hint !== undefined) {
    let k = p.pos - 1;
    while (k > 0 && (p.tokens[k]?.start ?? 0) >= hint.start) k--;
    while (k > 0 && !(p.tokens[k]?.kind === 'word' && p.tokens[k]?.upper === 'OPTION')) k--;
    p.fail(p.tokens[k]);
  }
  checkOrderByInSubquery(p, query);
  return query;
}

function functionReturns(p: Parser): FunctionReturns {
  const start = p.expectWord('RETURNS').start;
  if (p.isVariable()) {
    const nameTok = p.next();
    p.expectWord('TABLE');
    const elements = parseTableElements(p);
    return { kind: 'TableVariableReturns', name: nameTok.text, nameStart: nameTok.start, elements, start, end: p.prev.end };
  }
  if (p.isWord('TABLE')) {
    p.next();
    if (p.isPunct('(')) {
      const elements = parseTableElements(p);
      return { kind: 'ClrTableReturns', elements, start, end: p.prev.end };
    }
    return { kind: 'InlineTableReturns', start, end: p.prev.end };
  }
  const dataType = p.dataType();
  return { kind: 'ScalarReturns', dataType, start, end: p.prev.end };
}

// ==== VIEW ============================================================================================

/**
 * CREATE [OR ALTER] | ALTER VIEW name [(columns)] [WITH ENCRYPTION|SCHEMABINDING|VIEW_METADATA [, …]]
 * AS select_statement [WITH CHECK OPTION] (docs "CREATE VIEW (Transact-SQL)").
 */
function parseView(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'VIEW');
  const objectWordStart = p.next().start;
  const name = moduleName(p, `${ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE/ALTER'} VIEW`, false);
  const columns = p.isPunct('(') ? p.parenList((q) => q.identifier()) : [];
  const holder: { executeAs?: string } = {};
  const options = parseModuleOptions(p, VIEW_OPTIONS, 'CREATE/ALTER VIEW', holder);
  p.expectWord('AS');
  const query = subqueryStatement(p);
  let checkOption = false;
  if (p.isWord('WITH') && p.isWord('CHECK', 1)) {
    p.next();
    p.next();
    p.expectWord('OPTION');
    checkOption = true;
  }
  return p.finish<CreateView>({ kind: 'CreateView', verb: ctx.verb, orAlter: ctx.orAlter, name, columns, options, query, checkOption, objectWordStart }, ctx.start);
}

// ==== TRIGGER =========================================================================================

const DML_EVENTS = new Set(['INSERT', 'UPDATE', 'DELETE']);

/**
 * DML: CREATE [OR ALTER] | ALTER TRIGGER [schema.]name ON table|view [WITH options] {FOR|AFTER|INSTEAD OF}
 * {INSERT|UPDATE|DELETE} [, …] [WITH APPEND] [NOT FOR REPLICATION] AS body.
 * DDL / logon: … ON {DATABASE | ALL SERVER} [WITH options] {FOR|AFTER} event [, …] AS body (docs "CREATE TRIGGER").
 */
function parseTrigger(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropTrigger(p, ctx);
  const objectWordStart = p.next().start;
  const name = moduleName(p, `${ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE/ALTER'} TRIGGER`, true);
  p.expectWord('ON');
  const target = triggerTarget(p);
  const node: CreateTrigger = { kind: 'CreateTrigger', verb: ctx.verb, orAlter: ctx.orAlter, name, target, timing: 'FOR', events: [], options: [], notForReplication: false, body: [], objectWordStart, start: ctx.start, end: ctx.start };
  node.options = parseModuleOptions(p, TRIGGER_OPTIONS, 'CREATE/ALTER TRIGGER', node);
  const dml = typeof target !== 'string';
  if (p.acceptWord('FOR')) node.timing = 'FOR';
  else if (p.acceptWord('AFTER')) node.timing = 'AFTER';
  else if (dml && p.isWord('INSTEAD')) {
    p.next();
    p.expectWord('OF');
    node.timing = 'INSTEAD OF';
  } else p.fail();
  node.events = dml ? dmlEvents(p) : ddlEvents(p, target === 'DATABASE');
  if (dml && p.isWord('WITH') && p.isWord('APPEND', 1)) {
    p.next();
    p.next();
    node.withAppend = true;
  }
  if (dml && p.isWord('NOT')) {
    p.next();
    p.expectWord('FOR');
    p.expectWord('REPLICATION');
    node.notForReplication = true;
  }
  p.expectWord('AS');
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) node.external = parseExternalName(p, true);
  else node.body = batchBody(p);
  node.end = p.prev.end;
  return node;
}

/** `ON table | DATABASE | ALL SERVER` of a trigger (and of ENABLE / DISABLE TRIGGER). */
function triggerTarget(p: Parser): ObjectName | 'DATABASE' | 'ALL SERVER' {
  if (p.acceptWord('DATABASE')) return 'DATABASE';
  if (p.isWord('ALL') && p.isWord('SERVER', 1)) {
    p.next();
    p.next();
    return 'ALL SERVER';
  }
  return p.objectName();
}

/** INSERT, UPDATE or DELETE; `events` holds the ones already listed (one twice is a syntax error). */
function dmlEvents(p: Parser): string[] {
  const events: string[] = [];
  do {
    if (!p.isAnyWord(DML_EVENTS) || events.includes(p.tok.upper)) p.fail();
    events.push(p.next().upper);
  } while (p.acceptPunct(','));
  return events;
}

/**
 * The events of a DDL or logon trigger, each once (Msg 1095). LOGON is a server event: a trigger ON
 * DATABASE cannot fire on it (Msg 1098; docs "CREATE TRIGGER": logon triggers are ON ALL SERVER).
 */
function ddlEvents(p: Parser, onDatabase: boolean): string[] {
  const events: string[] = [];
  do {
    const t = p.tok;
    const event = ddlEvent(p);
    if (events.includes(event)) throw new SyntaxFailure(1095, `${event} has already been specified as an event type.`, t);
    if (onDatabase && event === 'LOGON') throw new SyntaxFailure(1098, 'The specified event type(s) is/are not valid on the specified target object.', t);
    events.push(event);
  } while (p.acceptPunct(','));
  return events;
}

/** A DDL event type or group (CREATE_TABLE, DDL_TABLE_EVENTS, LOGON); any other name is Msg 1084. */
function ddlEvent(p: Parser): string {
  if (!p.isIdentifier() || p.tok.kind !== 'word') p.fail();
  const t = p.next();
  if (!isTriggerEventType(t.upper)) throw new SyntaxFailure(1084, invalidEventTypeMessage(t.text), t);
  return t.upper;
}

/** DROP TRIGGER [IF EXISTS] t [, …] [ON DATABASE | ALL SERVER]: DDL triggers get objectType 'DATABASE TRIGGER' / 'SERVER TRIGGER'. */
function parseDropTrigger(p: Parser, ctx: DdlContext): Statement {
  const node = parseDropObjects(p, ctx, 'TRIGGER');
  if (!p.isWord('ON')) return node;
  p.next();
  const target = triggerTarget(p);
  if (typeof target !== 'string') p.fail(p.tokenAt(target.start));
  node.objectType = target === 'DATABASE' ? 'DATABASE TRIGGER' : 'SERVER TRIGGER';
  node.end = p.prev.end;
  return node;
}

/** `{ENABLE | DISABLE} TRIGGER {name [, …] | ALL} ON {object | DATABASE | ALL SERVER}` (docs "ENABLE TRIGGER"). */
function parseEnableDisableTrigger(p: Parser): Statement {
  const start = p.tok.start;
  const enable = p.next().upper === 'ENABLE';
  p.expectWord('TRIGGER');
  const all = p.acceptWord('ALL');
  const triggers = all ? [] : p.commaList((q) => q.objectName());
  p.expectWord('ON');
  const target = triggerTarget(p);
  return p.finish<EnableDisableTrigger>({ kind: 'EnableDisableTrigger', enable, triggers, all, target }, start);
}

// ==== SCHEMA ==========================================================================================

/**
 * CREATE SCHEMA {name | AUTHORIZATION o | name AUTHORIZATION o} [element …] where an element is CREATE
 * TABLE, CREATE VIEW, GRANT, REVOKE or DENY, with no separator; a `;` ends the statement (docs "CREATE SCHEMA").
 * ALTER SCHEMA s TRANSFER [class ::] name. DROP SCHEMA [IF EXISTS] s.
 */
function parseSchema(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb !== 'DROP') noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'SCHEMA', false);
  const objectWordStart = p.next().start;
  if (ctx.verb === 'ALTER') return alterSchema(p, ctx);
  const node: CreateSchema = { kind: 'CreateSchema', verb: 'CREATE', orAlter: false, elements: [], objectWordStart, start: ctx.start, end: ctx.start };
  if (!p.isWord('AUTHORIZATION')) node.name = p.identifier();
  const owner = authorization(p);
  if (owner !== undefined) node.authorization = owner;
  // Elements follow one another, `;` between them or not (as the SQL Server 2022 parser does).
  while (isSchemaElement(p)) {
    node.elements.push(parseStatement(p));
    while (p.isPunct(';') && (isSchemaElementAt(p, 1) || p.isPunct(';', 1))) p.next();
  }
  node.end = p.prev.end;
  return node;
}

function isSchemaElement(p: Parser): boolean {
  return isSchemaElementAt(p, 0);
}

function isSchemaElementAt(p: Parser, k: number): boolean {
  if (p.isWord('CREATE', k)) return p.isWord('TABLE', k + 1) || p.isWord('VIEW', k + 1);
  return p.isWord('GRANT', k) || p.isWord('DENY', k) || p.isWord('REVOKE', k);
}

const TRANSFER_CLASSES = new Set(['OBJECT', 'TYPE', 'XML']);

function alterSchema(p: Parser, ctx: DdlContext): Statement {
  const name = p.identifier();
  p.expectWord('TRANSFER');
  let classType: string | undefined;
  if (p.isAnyWord(TRANSFER_CLASSES) && (p.isPunct('::', 1) || (p.isWord('XML') && p.isWord('SCHEMA', 1)))) {
    classType = p.next().upper;
    if (classType === 'XML') {
      expectWords(p, 'SCHEMA', 'COLLECTION');
      classType = 'XML SCHEMA COLLECTION';
    }
    p.expectPunct('::');
  }
  const object = p.objectName();
  const node: AlterSchema = { kind: 'AlterSchema', verb: 'ALTER', orAlter: false, name, object, start: ctx.start, end: p.prev.end };
  if (classType !== undefined) node.classType = classType;
  return node;
}

// ==== AGGREGATE =======================================================================================

/** CREATE AGGREGATE [schema.]name (@p [AS] type [, …]) RETURNS type EXTERNAL NAME assembly [.class] (docs "CREATE AGGREGATE"). */
function parseAggregate(p: Parser, ctx: DdlContext): Statement {
  // A list of names, like DROP FUNCTION (as the SQL Server 2022 parser does).
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'AGGREGATE');
  if (ctx.verb === 'ALTER') return p.fail();
  noOrAlter(p, ctx);
  p.next();
  const name = p.objectName();
  const parameters = p.parenList(parseFunctionParameter);
  p.expectWord('RETURNS');
  const returns = p.dataType();
  const external = parseExternalName(p, false, name.name);
  return p.finish<CreateAggregate>({ kind: 'CreateAggregate', verb: 'CREATE', orAlter: false, name, parameters, returns, external }, ctx.start);
}

// ==== ASSEMBLY ========================================================================================

const ASSEMBLY_OPTIONS = new Set(['PERMISSION_SET', 'VISIBILITY']);
const PERMISSION_SETS = new Set(['SAFE', 'EXTERNAL_ACCESS', 'UNSAFE']);

/**
 * CREATE ASSEMBLY a [AUTHORIZATION o] FROM {'path' | 0x… | @v} [, …] [WITH PERMISSION_SET = …];
 * ALTER ASSEMBLY a [FROM …] [WITH option [, …]] [DROP FILE {name [, …] | ALL}] [ADD FILE FROM item [AS name] [, …]];
 * DROP ASSEMBLY [IF EXISTS] a [, …] [WITH NO DEPENDENTS] (docs "CREATE ASSEMBLY", "ALTER ASSEMBLY").
 */
function parseAssembly(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') {
    const drop = parseDropObjects(p, ctx, 'ASSEMBLY');
    if (p.isWord('WITH') && p.isWord('NO', 1)) {
      p.next();
      p.next();
      p.expectWord('DEPENDENTS');
      drop.end = p.prev.end;
    }
    return drop;
  }
  noOrAlter(p, ctx);
  p.next();
  const node: CreateAssembly = { kind: 'CreateAssembly', verb: ctx.verb, orAlter: false, name: p.identifier(), from: [], options: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
    p.expectWord('FROM');
    node.from = p.commaList(assemblySource);
  } else if (p.acceptWord('FROM')) node.from = [assemblySource(p)];
  if (p.isWord('WITH')) {
    p.next();
    node.options = p.commaList((q) => assemblyOption(q, ctx.verb === 'ALTER'));
    failOnRepeatedAssemblyOption(p, node.options);
  }
  if (ctx.verb === 'ALTER') alterAssemblyFiles(p, node);
  if (ctx.verb === 'ALTER' && node.from.length === 0 && node.options.length === 0 && node.addFiles === undefined && node.dropFiles === undefined) p.fail();
  node.end = p.prev.end;
  return node;
}

/** WITH PERMISSION_SET = …, VISIBILITY = …, UNCHECKED DATA: each option once; a repeated one fails at it. */
function failOnRepeatedAssemblyOption(p: Parser, options: readonly ModuleOption[]): void {
  for (let i = 1; i < options.length; i++) {
    const o = options[i] as ModuleOption;
    for (let j = 0; j < i; j++) if ((options[j] as ModuleOption).name === o.name) p.fail(p.tokenAt(o.start));
  }
}

/**
 * A client path ('\\server\a.dll'), the assembly's bits (0x…), a variable holding either, or any
 * expression giving one (`@dir + 'a.dll'`: the SQL Server 2022 parser's takes an expression list).
 */
function assemblySource(p: Parser): string {
  const source = parseExpression(p);
  return p.text.slice(source.start, source.end);
}

function assemblyOption(p: Parser, alter: boolean): ModuleOption {
  const start = p.tok.start;
  if (alter && p.isWord('UNCHECKED')) {
    p.next();
    p.expectWord('DATA');
    return { kind: 'ModuleOption', name: 'UNCHECKED DATA', start, end: p.prev.end };
  }
  if (!p.isAnyWord(ASSEMBLY_OPTIONS) || (!alter && p.isWord('VISIBILITY'))) p.fail();
  const name = p.next().upper;
  p.expectPunct('=');
  const ok = name === 'PERMISSION_SET' ? p.isAnyWord(PERMISSION_SETS) : p.isWord('ON') || p.isWord('OFF');
  if (!ok) p.fail();
  return { kind: 'ModuleOption', name, value: p.next().upper, start, end: p.prev.end };
}

function alterAssemblyFiles(p: Parser, node: CreateAssembly): void {
  if (p.isWord('DROP') && p.isWord('FILE', 1)) {
    p.next();
    p.next();
    node.dropFiles = p.acceptWord('ALL') ? ['ALL'] : p.commaList(fileName);
  }
  if (p.isWord('ADD') && p.isWord('FILE', 1)) {
    p.next();
    p.next();
    p.expectWord('FROM');
    node.addFiles = p.commaList(addedFile);
  }
}

function fileName(p: Parser): string {
  const t = p.tok;
  if (t.kind === 'string' || p.isVariable()) return p.next().text;
  return p.fail();
}

/** `'client path' [AS 'name']` or `0x… AS 'name'`. */
function addedFile(p: Parser): string {
  const bits = p.tok.kind === 'number';
  const item = assemblySource(p);
  if (bits || p.isWord('AS')) {
    p.expectWord('AS');
    return `${item} AS ${fileName(p)}`;
  }
  return item;
}

// ==== registration ====================================================================================

const ALL_VERBS = ['CREATE', 'ALTER', 'DROP'] as const;

registerDdl(ALL_VERBS, 'PROCEDURE', parseProcedure);
registerDdl(ALL_VERBS, 'PROC', parseProcedure);
registerDdl(ALL_VERBS, 'FUNCTION', parseFunction);
registerDdl(ALL_VERBS, 'VIEW', parseView);
registerDdl(ALL_VERBS, 'TRIGGER', parseTrigger);
registerDdl(ALL_VERBS, 'SCHEMA', parseSchema);
registerDdl(ALL_VERBS, 'AGGREGATE', parseAggregate);
registerDdl(ALL_VERBS, 'ASSEMBLY', parseAssembly);
registerStatement('ENABLE', parseEnableDisableTrigger);
registerStatement('DISABLE', parseEnableDisableTrigger);
