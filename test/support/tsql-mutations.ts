// Single-edit mutations of a T-SQL script that SQL Server's parser (the SQL Server 2022 parser, SQL Server 2022) rejects:
// the inputs of bench/tsql-mutations.ts, which measures how many syntax errors `hart-dev check` finds.
//
// The generator works on the lexer's tokens (src/tsql/lexer.ts): comments are never edited, strings
// and bracketed identifiers only by the "left open" classes. Every mutation is ONE edit at ONE token
// spot: a token replaced, a token removed, or a token inserted right after another one.
//
// It is conservative on purpose. T-SQL is forgiving: `;` is optional, a misspelt keyword is a valid
// identifier (an alias after an expression or a table, a procedure called without EXEC as the first
// statement of a batch, a label before `:`), a dropped comma can turn `a, b` into `a AS b`. A mutation
// is emitted only in a context where the reasoning written beside its rule shows the parser must
// fail; a context that needs more than a few lines of argument is left out. Facts the rules rely on:
//
//  F1 A statement that starts with a plain identifier is valid only as the first statement of a batch
//     (a procedure called without EXEC) or as a label (`name:`). Anywhere else it is a syntax error.
//  F2 Parentheses balance in every T-SQL construct: a batch with one `(` or `)` fewer cannot parse.
//  F3 BEGIN (a block, BEGIN TRY/CATCH) and CASE each need their END: a batch whose openers and ENDs
//     no longer pair up cannot parse. BEGIN TRAN/DIALOG/CONVERSATION/DISTRIBUTED open nothing and
//     END CONVERSATION closes nothing.
//  F4 An expression is followed by an identifier (or a string) only as its alias, which exists in a
//     select list (and RECEIVE/OUTPUT lists) and after a table source, never in a predicate, a CASE,
//     a VALUES row, a SET assignment, an argument list or ORDER/GROUP BY. An alias is one identifier
//     (never dotted) and a table source has at most one; after an alias come `,`, a clause keyword or
//     a new statement, never another identifier, variable or literal. The one exception the rules
//     avoid: a table name or alias followed by `(` can be an old-style table hint, `t (NOLOCK)`.
//  F4b Some lists take their commas optionally: table hints, a trigger's INSERT, UPDATE, DELETE, the
//     options of CREATE QUEUE and BEGIN DIALOG. Commas are only dropped in lists that need them.
//  F5 A quoted string or [identifier] still open at the end of the file is open at the end of its
//     batch: sqlcmd only sees GO outside strings, so the batch runs to the end of the file.
//  F6 GRANT/DENY/REVOKE read permissions as free word sequences (VIEW DEFINITION, ALTER ANY USER):
//     a misspelt or repeated word there may parse, so nothing inside them is mutated.
//
// Runtime dependencies come in through `Toolkit` (the lexer and the seeded PRNG): the unit test hands
// it the sources under src/, the bench the built modules under dist/ (this file runs there under
// Node's type stripping, which cannot resolve `../../src/….js` to a .ts file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Token } from '../../src/tsql/lexer.js';

export const MUTATION_CLASSES = [
  'keyword-misspelt',
  'keyword-duplicated',
  'keyword-to-comma',
  'then-dropped',
  'end-dropped',
  'as-dropped',
  'paren-dropped',
  'comma-dropped',
  'operator-doubled',
  'string-left-open',
  'bracket-left-open',
] as const;

export type MutationClass = (typeof MUTATION_CLASSES)[number];

export interface Mutation {
  class: MutationClass;
  /** The file as the caller named it (the bench: relative to the payload folder, as check reports it). */
  file: string;
  /** 1-based position of the edit in the original text. */
  line: number;
  col: number;
  description: string;
  /** The edit: text[start, end) becomes `replacement` (start === end: an insertion). */
  start: number;
  end: number;
  replacement: string;
}

export interface SourceFile {
  file: string;
  text: string;
}

/** What the generator needs at run time, passed in (see the header). */
export interface Toolkit {
  lex(text: string): Token[];
  random(seed: number): () => number;
}

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** SQL Server's reserved keywords: never an identifier without brackets or quotes. */
const RESERVED = words(`
ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK
CHECKPOINT CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS CONTAINSTABLE CONTINUE
CONVERT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DBCC
DEALLOCATE DECLARE DEFAULT DELETE DENY DESC DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP ELSE END ERRLVL ESCAPE
EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FREETEXTTABLE FROM FULL
FUNCTION GOTO GRANT GROUP HAVING HOLDLOCK IDENTITY IDENTITY_INSERT IDENTITYCOL IF IN INDEX INNER INSERT
INTERSECT INTO IS JOIN KEY KILL LEFT LIKE LINENO LOAD MERGE NATIONAL NOCHECK NONCLUSTERED NOT NULL NULLIF OF
OFF OFFSETS ON OPEN OPENDATASOURCE OPENQUERY OPENROWSET OPENXML OPTION OR ORDER OUTER OVER PERCENT PIVOT PLAN
PRECISION PRIMARY PRINT PROC PROCEDURE PUBLIC RAISERROR READ READTEXT RECONFIGURE REFERENCES REPLICATION
RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ROLLBACK ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA SECURITYAUDIT SELECT
SEMANTICKEYPHRASETABLE SEMANTICSIMILARITYDETAILSTABLE SEMANTICSIMILARITYTABLE SESSION_USER SET SETUSER
SHUTDOWN SOME STATISTICS SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO TOP TRAN TRANSACTION TRIGGER TRUNCATE
TRY_CONVERT TSEQUAL UNION UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES VARYING VIEW WAITFOR WHEN WHERE
WHILE WITH WITHIN WRITETEXT
`);

/** Built-in type names (upper case): what follows a column or parameter name in a definition. */
const TYPES = words(`
BIGINT BINARY BIT CHAR CHARACTER DATE DATETIME DATETIME2 DATETIMEOFFSET DEC DECIMAL FLOAT GEOGRAPHY GEOMETRY
HIERARCHYID IMAGE INT INTEGER MONEY NCHAR NTEXT NUMERIC NVARCHAR REAL ROWVERSION SMALLDATETIME SMALLINT
SMALLMONEY SQL_VARIANT SYSNAME TEXT TIME TIMESTAMP TINYINT UNIQUEIDENTIFIER VARBINARY VARCHAR XML JSON VECTOR
`);

/**
 * Words a misspelling must not produce: every keyword (reserved or not) and built-in name that could
 * give the misspelt word a meaning of its own (RETURNS → RETURN, ON → NO, INTO → INT, IF → IIF).
 */
const NOT_A_MISSPELLING = new Set([
  ...RESERVED,
  ...TYPES,
  ...words(`
  NO IIF VALUE EXIST RETURNS OUTPUT OUT APPLY MATCHED TARGET SOURCE USING THROW RECEIVE SEND GET MOVE TRY CATCH
  NEXT PRIOR FIRST LAST TYPE ROLE LOGIN NAME PATH AUTO RAW JSON ROW ROWS PERIOD AFTER INSTEAD ATOMIC WINDOW OFFSET
  MAX MIN SUM AVG COUNT LEN ABS DAY CAST TRY_CAST PARSE LOWER UPPER ISNULL CONCAT LOCAL GLOBAL STATUS TIMEOUT
  DIALOG CONVERSATION CONTRACT QUEUE SERVICE MESSAGE AGGREGATE SCHEMABINDING NONE HIDDEN PARTITION RANGE
  `),
]);

/** Words after BEGIN that make it a statement (transaction, dialog), not a block. */
const BEGIN_STATEMENT = words('TRAN TRANSACTION DIALOG CONVERSATION DISTRIBUTED');
/** Statement-starting keywords: misspelt at a statement start (not the batch's first) they break F1. */
const STATEMENT_KEYWORDS = words(`
SELECT INSERT UPDATE DELETE DECLARE SET IF WHILE BEGIN RETURN EXEC EXECUTE OPEN FETCH CLOSE DEALLOCATE MERGE
WITH RECEIVE SEND GET MOVE COMMIT ROLLBACK SAVE CREATE ALTER DROP GRANT DENY REVOKE THROW PRINT RAISERROR
WAITFOR TRUNCATE END GOTO BREAK CONTINUE USE DBCC KILL REVERT BULK CHECKPOINT RECONFIGURE SETUSER SHUTDOWN
`);
/** Object words after CREATE/ALTER (and the index words): CREATE + an unknown word never parses. */
const OBJECT_WORDS = words('PROCEDURE PROC FUNCTION VIEW TRIGGER TABLE INDEX SCHEMA ROLE USER QUEUE SERVICE CONTRACT MESSAGE AGGREGATE TYPE');
const OBJECT_PREFIXES = words('CREATE ALTER UNIQUE SPATIAL CLUSTERED NONCLUSTERED');
/** Predicate words: they only occur inside conditions, where an identifier cannot stand (F4). */
const PREDICATE_WORDS = words('AND OR NOT IS IN LIKE BETWEEN');
/**
 * Keywords that cannot follow themselves: `SELECT SELECT`, `FROM FROM`. Not among them: BEGIN, END,
 * NOT (nested blocks, NOT NOT x), RETURN, COMMIT (the second one starts a statement), NULL (`NOT NULL
 * NULL` parses and is refused later), CASE, CHECK (WITH CHECK CHECK CONSTRAINT), REFERENCES (a permission).
 */
const DUPLICABLE = words(`
SELECT FROM WHERE JOIN ON AS INTO VALUES THEN WHEN ELSE AND OR IS IN LIKE BETWEEN EXISTS BY INSERT UPDATE DELETE
DECLARE SET CREATE TABLE PROCEDURE VIEW FUNCTION TRIGGER INDEX IF WHILE TOP DISTINCT ORDER GROUP HAVING UNION
EXCEPT KEY PRIMARY FOREIGN CONSTRAINT
`);
/** Operators that cannot start an expression: doubled (`= =`, `* *`) they cannot parse. */
const BINARY_ONLY = words('= < > <= >= <> != * / % += -= *= /=');

/** A token of the analysed script: the lexer's token with what the rules ask about its place. */
interface Place {
  token: Token;
  /** The upper-cased word, the punctuation itself, '' for other kinds. */
  key: string;
  batch: number;
  /** Index of the innermost enclosing `(` (-1: none). */
  enclosing: number;
  /** For ( and ): the index of its partner. */
  partner: number;
  /** BEGIN that opens a block or TRY/CATCH. */
  opens: boolean;
  /** END that closes a BEGIN or CASE (not END CONVERSATION). */
  closes: boolean;
  /** The innermost open construct here is a CASE (an ELSE here is CASE's). */
  inCase: boolean;
  /** Inside a GRANT/DENY/REVOKE (F6). */
  inGrant: boolean;
  /** The AS that starts a procedure, trigger or view body (required there, optional for functions). */
  moduleAs: boolean;
}

/** The code tokens of a script (comments left out) with their places. */
class Script {
  readonly places: Place[] = [];
  /** Per batch: the index of its first code token, and whether it is sound (F2, F3 hold in the original). */
  readonly batchStart: number[] = [];
  readonly batchSound: boolean[] = [];

  constructor(tokens: readonly Token[]) {
    const code = tokens.filter((t) => t.kind !== 'comment');
    let batch = 0;
    let lastLine = 0;
    /** The count of a `GO n` line. */
    let skip = -1;
    code.forEach((token, k) => {
      // GO alone on its line separates batches (src/tsql/reader.ts); it belongs to none.
      const next = code[k + 1];
      const count = next?.kind === 'number' && next.line === token.line ? code[k + 2] : next;
      const isGo = token.kind === 'word' && token.upper === 'GO' && token.line > lastLine && (count === undefined || count.line > token.line);
      if (isGo && count !== next) skip = k + 1;
      if (k === skip) return;
      lastLine = token.line + (token.text.match(/\n/g)?.length ?? 0);
      if (isGo) {
        batch++;
        return;
      }
      if (this.batchStart[batch] === undefined) this.batchStart[batch] = this.places.length;
      const key = token.kind === 'word' ? token.upper : token.kind === 'punct' ? token.text : '';
      this.places.push({ token, key, batch, enclosing: -1, partner: -1, opens: false, closes: false, inCase: false, inGrant: false, moduleAs: false });
    });
    for (let b = 0; b < this.batchStart.length; b++) this.batchSound[b] = this.analyseBatch(b);
  }

  at(i: number): Place | undefined {
    return this.places[i];
  }

  key(i: number): string {
    return this.places[i]?.key ?? '';
  }

  kind(i: number): Token['kind'] | undefined {
    return this.places[i]?.token.kind;
  }

  /** The previous code token of the same batch (-1: i is the batch's first). */
  prev(i: number): number {
    const p = this.places[i - 1];
    return p !== undefined && p.batch === this.places[i]?.batch ? i - 1 : -1;
  }

  /** The next code token of the same batch (-1: none). */
  next(i: number): number {
    const n = this.places[i + 1];
    return n !== undefined && n.batch === this.places[i]?.batch ? i + 1 : -1;
  }

  sound(i: number): boolean {
    const p = this.places[i];
    return p !== undefined && this.batchSound[p.batch] === true;
  }

  /** A name: an identifier that is not a reserved keyword, or a [quoted] one. */
  isName(i: number): boolean {
    const p = this.places[i];
    if (p === undefined) return false;
    return p.token.kind === 'quoted' || (p.token.kind === 'word' && !RESERVED.has(p.key));
  }

  /** Where a multi-part name ending at `last` starts (-1: no name ends there). Variables count as one-part names. */
  nameStart(last: number): number {
    if (!this.isName(last) && this.kind(last) !== 'variable') return -1;
    let s = last;
    while (this.key(s - 1) === '.' && this.isName(s - 2)) s -= 2;
    return s;
  }

  /**
   * The start of a statement: after `;`, a block's BEGIN, an IF's ELSE or a module's AS, and not the
   * batch's first token (F1: there an identifier would be a procedure call).
   */
  statementStart(i: number): boolean {
    const p = this.prev(i);
    if (p < 0) return false;
    const before = this.places[p];
    if (before === undefined) return false;
    return before.key === ';' || before.opens || before.moduleAs || (before.key === 'ELSE' && !before.inCase);
  }

  /** Walks back from i over the tokens of the same parenthesis level (skipping nested groups) to the first whose key is in `stops`. */
  clauseOf(i: number, stops: ReadonlySet<string>): number {
    const level = this.places[i]?.enclosing;
    for (let j = this.prev(i); j >= 0; j = this.prev(j)) {
      const p = this.places[j];
      if (p === undefined || p.enclosing !== level) return -1;
      if (p.key === ')') {
        j = p.partner;
        continue;
      }
      if (stops.has(p.key)) return j;
    }
    return -1;
  }

  /** Pairs parentheses and block words of one batch; false when they do not pair (the rules that rely on F2/F3 skip it). */
  private analyseBatch(b: number): boolean {
    const start = this.batchStart[b];
    if (start === undefined) return true;
    let end = start;
    while (this.places[end]?.batch === b) end++;
    const parens: number[] = [];
    const blocks: ('block' | 'case')[] = [];
    let sound = true;
    let grant = false;
    for (let i = start; i < end; i++) {
      const p = this.places[i];
      if (p === undefined) break;
      // A `)` stands on the level outside its group, like its `(`.
      p.enclosing = (p.key === ')' ? parens[parens.length - 2] : parens[parens.length - 1]) ?? -1;
      p.inCase = blocks[blocks.length - 1] === 'case';
      if (p.token.unterminated === true) sound = false;
      // F6: from GRANT/DENY/REVOKE to the end of its statement.
      if (p.key === 'GRANT' || p.key === 'DENY' || p.key === 'REVOKE') grant = true;
      else if (p.key === ';') grant = false;
      p.inGrant = grant;
      if (p.key === '(') parens.push(i);
      else if (p.key === ')') {
        const open = parens.pop();
        if (open === undefined) sound = false;
        else {
          p.partner = open;
          const o = this.places[open];
          if (o !== undefined) o.partner = i;
        }
      } else if (p.key === 'BEGIN' && p.token.kind === 'word') {
        if (!BEGIN_STATEMENT.has(this.key(i + 1))) {
          p.opens = true;
          blocks.push('block');
        }
      } else if (p.key === 'CASE' && p.token.kind === 'word') blocks.push('case');
      else if (p.key === 'END' && p.token.kind === 'word' && this.key(i + 1) !== 'CONVERSATION') {
        p.closes = true;
        if (blocks.pop() === undefined) sound = false;
      }
    }
    if (parens.length > 0 || blocks.length > 0) sound = false;
    this.markModuleAs(start, end);
    return sound;
  }

  /** The body's AS of a CREATE [OR ALTER] PROCEDURE/TRIGGER/VIEW that opens the batch: the first AS outside parentheses not naming a parameter's type (`@p AS int`). */
  private markModuleAs(start: number, end: number): void {
    let k = start;
    if (this.key(k) !== 'CREATE') return;
    k++;
    if (this.key(k) === 'OR' && this.key(k + 1) === 'ALTER') k += 2;
    if (!['PROCEDURE', 'PROC', 'TRIGGER', 'VIEW'].includes(this.key(k))) return;
    for (let i = k + 1; i < end; i++) {
      const p = this.places[i];
      if (p === undefined) return;
      if (p.key === 'AS' && p.enclosing === -1 && this.kind(i - 1) !== 'variable') {
        p.moduleAs = true;
        return;
      }
    }
  }
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Whether removing text[start, end) would glue its neighbours into other tokens (words, `--`, `/*`): then a space stays. */
function glues(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before === undefined || after === undefined || /\s/.test(before) || /\s/.test(after)) return false;
  return true;
}

/** The misspellings of a keyword: one letter dropped, doubled, or swapped with the next; none of them a known word (see NOT_A_MISSPELLING). */
export function misspellings(word: string): string[] {
  const out = new Set<string>();
  for (let k = 0; k < word.length; k++) {
    out.add(word.slice(0, k) + word.slice(k + 1));
    out.add(word.slice(0, k + 1) + word.slice(k));
    if (k + 1 < word.length && word[k] !== word[k + 1]) out.add(word.slice(0, k) + (word[k + 1] ?? '') + (word[k] ?? '') + word.slice(k + 2));
  }
  return [...out].filter((w) => w.length >= 2 && w !== word && /^[A-Za-z]/.test(w) && !NOT_A_MISSPELLING.has(w.toUpperCase()));
}

/** Collects the mutations of one script. */
class Sites {
  readonly out: Mutation[] = [];
  private readonly source: SourceFile;
  private readonly s: Script;
  private readonly rng: () => number;

  // Plain fields, not parameter properties: Node's type stripping (the bench) does not support those.
  constructor(source: SourceFile, s: Script, rng: () => number) {
    this.source = source;
    this.s = s;
    this.rng = rng;
  }

  private add(cls: MutationClass, start: number, end: number, replacement: string, description: string): void {
    const { line, col } = position(this.source.text, start);
    this.out.push({ class: cls, file: this.source.file, line, col, description, start, end, replacement });
  }

  /** Replace the token at i. */
  replace(cls: MutationClass, i: number, replacement: string, description: string): void {
    const t = this.s.at(i)?.token;
    if (t !== undefined) this.add(cls, t.start, t.end, replacement, description);
  }

  /** Remove the token at i (a space stays where its neighbours would glue). */
  remove(cls: MutationClass, i: number, description: string): void {
    const t = this.s.at(i)?.token;
    if (t !== undefined) this.add(cls, t.start, t.end, glues(this.source.text, t.start, t.end) ? ' ' : '', description);
  }

  /** Insert ` text` right after the token at i. */
  insertAfter(cls: MutationClass, i: number, text: string, description: string): void {
    const t = this.s.at(i)?.token;
    if (t !== undefined) this.add(cls, t.end, t.end, ` ${text}`, description);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.rng() * items.length)];
  }
}

/**
 * Where a misspelt keyword cannot parse as the identifier it becomes; returns why (for the
 * description) or undefined. K = the keyword at i, P the token before it, N the one after.
 */
function misspellingContext(s: Script, i: number): string | undefined {
  const place = s.at(i);
  if (place === undefined || place.token.kind !== 'word' || !s.sound(i)) return undefined;
  const k = place.key;
  const p = s.prev(i);
  const n = s.next(i);
  const pk = s.key(p);
  const nk = s.key(n);
  const nKind = s.kind(n);
  // F1: a statement keyword at a statement start (a label needs the `:` after it).
  if (STATEMENT_KEYWORDS.has(k) && s.statementStart(i) && nk !== ':' && !(place.inGrant && k !== 'GRANT' && k !== 'DENY' && k !== 'REVOKE')) return 'statement start';
  if (place.inGrant) return undefined;
  // F3: a block's BEGIN, a CASE or a closing END misspelt leaves an END or an opener unpaired.
  if (place.opens || k === 'CASE' || place.closes) return 'unpaired block';
  // FROM, then a table: `x FORM t` makes FORM x's alias, and an alias is not followed by a name (F4).
  if (k === 'FROM' && (nKind === 'word' || nKind === 'quoted' || nKind === 'variable') && !STATEMENT_KEYWORDS.has(nk)) return 'FROM before a table';
  // WHERE, then a condition: `t WHRE cond` makes WHRE t's alias, and a condition cannot follow an alias
  // (F4); `(` is left out (an old-style hint `t WHRE (NOLOCK)` parses).
  if (k === 'WHERE' && n >= 0 && nk !== '(') return 'WHERE before a condition';
  // JOIN after INNER/LEFT/…/CROSS, which need JOIN or APPLY; after `AS a` (a second alias cannot
  // follow); before a table (`t JION x`: JION becomes t's alias and x cannot follow it, F4).
  if (k === 'JOIN' && (['INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS'].includes(pk) || s.key(i - 2) === 'AS' || (n >= 0 && nk !== '('))) return 'JOIN';
  if (k === 'APPLY' && (pk === 'CROSS' || pk === 'OUTER')) return 'APPLY after CROSS/OUTER';
  // ON before a name (join, index, trigger, service, dialog, MERGE): not an option value (`= ON`,
  // `SET NOCOUNT ON`), where a statement word after it would start the next statement. `ON DELETE
  // CASCADE` after a REFERENCES column list is kept: an identifier after `)` there cannot parse.
  if (k === 'ON' && pk !== '=' && s.key(p - 1) !== 'SET' && (nKind === 'word' || nKind === 'quoted' || nKind === 'variable')) {
    if (!STATEMENT_KEYWORDS.has(nk) || (pk === ')' && (nk === 'DELETE' || nk === 'UPDATE'))) return 'ON before a name';
  }
  // AS before a name or a type: `x SA y` gives x the alias SA, then y cannot follow (F4); in a module
  // header or CAST an identifier cannot stand there at all (`@p SA int`: SA is a type, then another).
  // Before `(` only a CTE's: a computed column `c AS (1)` misspelt is a column of type SA(1).
  if (k === 'AS' && (nKind === 'word' || nKind === 'quoted' || (nk === '(' && s.key(i - 2) === 'WITH'))) return 'AS';
  if (k === 'INTO' && pk === 'INSERT' && (nKind === 'word' || nKind === 'quoted' || nKind === 'variable')) return 'INTO after INSERT';
  // VALUES after an INSERT column list: an identifier cannot follow the list.
  if (k === 'VALUES' && pk === ')' && nk === '(') return 'VALUES after a column list';
  // THEN and WHEN only occur in CASE and MERGE, after or before an expression or condition (F4).
  if (k === 'THEN' || k === 'WHEN') return `${k} in CASE/MERGE`;
  // ELSE of a CASE (F4), or of an IF after `;` or END (F1). After an expression an IF's ELSE misspelt
  // could become its alias (`IF c SELECT 1 ESLE SELECT 2` parses), so those are left out.
  if (k === 'ELSE' && (place.inCase || pk === ';' || s.at(p)?.closes === true)) return 'ELSE';
  // Predicate words: an identifier cannot continue a condition (F4), nor start a statement after it (F1).
  if (PREDICATE_WORDS.has(k) && nk !== ':' && n >= 0) return 'in a condition';
  if (k === 'NULL' && (pk === 'IS' || pk === 'NOT')) return 'NULL after IS/NOT';
  // EXISTS ( SELECT: a function call cannot take a bare SELECT as its argument.
  if (k === 'EXISTS' && nk === '(' && s.key(n + 1) === 'SELECT') return 'EXISTS before a subquery';
  if (k === 'BY' && (pk === 'ORDER' || pk === 'GROUP' || pk === 'PARTITION')) return 'BY after ORDER/GROUP';
  // CREATE/ALTER + an unknown object word never parses.
  if (OBJECT_WORDS.has(k) && OBJECT_PREFIXES.has(pk)) return 'object type after CREATE/ALTER';
  if (k === 'ALTER' && pk === 'OR' && s.key(p - 1) === 'CREATE') return 'CREATE OR ALTER';
  // RETURNS after a function's parameter list: an identifier cannot follow it.
  if (k === 'RETURNS' && pk === ')') return 'RETURNS';
  // TRANSACTION after BEGIN makes BEGIN a block opener (F3); after COMMIT/ROLLBACK the word starts a statement (F1).
  if (k === 'TRANSACTION' && (pk === 'BEGIN' || pk === 'COMMIT' || pk === 'ROLLBACK')) return 'TRANSACTION';
  // SET of an UPDATE: after the target (or MERGE's UPDATE) an identifier cannot stand.
  if (k === 'SET' && (pk === 'UPDATE' || (s.isName(p) && s.key(p - 1) === 'UPDATE'))) return 'SET of UPDATE';
  // SELECT opening a subquery: with `*`, a number, a variable, TOP/DISTINCT or a dotted name after it,
  // SELEC cannot be a column with an alias (an alias is one undotted identifier or a string, F4).
  if (k === 'SELECT' && pk === '(') {
    const nn = s.key(n + 1);
    if (nk === '*' || nKind === 'number' || nKind === 'variable' || nk === 'TOP' || nk === 'DISTINCT' || (s.isName(n) && nn === '.')) return 'SELECT opening a subquery';
  }
  if (k === 'SELECT' && ['UNION', 'EXCEPT', 'INTERSECT', 'ALL'].includes(pk)) return 'SELECT after a set operator';
  return undefined;
}

/** AS that a construct requires (so that dropping it or replacing it breaks the construct). */
function requiredAs(s: Script, i: number): string | undefined {
  const place = s.at(i);
  if (place === undefined || place.key !== 'AS' || place.inGrant || !s.sound(i)) return undefined;
  // Procedure, trigger and view bodies need AS (a function's and a CLR module's AS is optional).
  if (place.moduleAs) return 'the AS of a procedure/trigger/view';
  // CAST(x AS type): the AS is required.
  const open = place.enclosing;
  if (open >= 0 && ['CAST', 'TRY_CAST'].includes(s.key(open - 1))) return 'the AS of CAST';
  // WITH name AS ( … ): a CTE (a table hint is WITH ( … )).
  if (s.key(i - 2) === 'WITH' && s.isName(i - 1) && s.key(i + 1) === '(') return 'the AS of a CTE';
  if (s.key(i - 1) === 'ALWAYS' && s.key(i - 2) === 'GENERATED') return 'GENERATED ALWAYS AS';
  return undefined;
}

/** ON of a JOIN or MERGE … USING: the nearest clause word before it on its level is JOIN or USING. */
const JOIN_CLAUSE_STOPS = words('JOIN USING FROM WHERE ON SELECT SET INTO VALUES GROUP ORDER HAVING WHEN THEN ELSE INDEX TRIGGER ;');
function isJoinOn(s: Script, i: number): boolean {
  const c = s.clauseOf(i, JOIN_CLAUSE_STOPS);
  return c >= 0 && (s.key(c) === 'JOIN' || s.key(c) === 'USING') && s.key(c - 1) !== 'CROSS';
}

/** Whether the group opened at `open` holds only names, ASC/DESC and commas. */
function holdsNames(s: Script, open: number): boolean {
  const close = s.at(open)?.partner ?? -1;
  if (close < 0) return false;
  for (let j = open + 1; j < close; j++) {
    const k = s.key(j);
    if (!(s.isName(j) || k === ',' || k === 'ASC' || k === 'DESC')) return false;
  }
  return true;
}

/** A comma whose removal leaves two list items side by side where no alias can stand; returns the list's kind. */
const ORDER_STOPS = new Set([...RESERVED, ';']);
ORDER_STOPS.delete('ASC');
ORDER_STOPS.delete('DESC');
/** Clause words that end the walk back from a comma of an UPDATE's SET list to its SET (CASE and NULL may stand in the values). */
const SET_LIST_STOPS = words('SET FROM WHERE SELECT OUTPUT INTO VALUES ; BEGIN AS ON WITH GROUP ORDER HAVING EXEC EXECUTE DECLARE IF WHILE RETURN JOIN');
function commaContext(s: Script, c: number): string | undefined {
  const place = s.at(c);
  if (place === undefined || place.key !== ',' || place.inGrant || !s.sound(c)) return undefined;
  const p = s.prev(c);
  const n = s.next(c);
  if (p < 0 || n < 0) return undefined;
  const nk = s.key(n);
  const nKind = s.kind(n);
  const nn = s.key(n + 1);
  const open = place.enclosing;
  const before = s.key(open - 1);
  // Column definitions: `[a] int NOT NULL [b] nvarchar(…)`: after a column's type and constraints a
  // name cannot follow (the next column is a name and a type).
  if (open >= 0 && s.isName(n) && s.kind(n + 1) === 'word' && TYPES.has(nn)) {
    const nameAt = s.nameStart(open - 1);
    if (before === 'TABLE' || (nameAt >= 0 && s.key(nameAt - 1) === 'TABLE')) return 'column definitions';
  }
  // A VALUES row: `(@a @b)` is two expressions side by side (F4). A unary operator or `(` after the
  // comma could join them into one expression (`@a -1`, `s.f (x)`), so those are left out.
  if (before === 'VALUES' && !['(', '-', '+', '~'].includes(nk) && nKind !== 'punct') return 'VALUES row';
  // Column name lists (keys, indexes, INCLUDE, INSERT columns, PERIOD FOR SYSTEM_TIME): names only,
  // where `a b` has no meaning. Table hints (`WITH (UPDLOCK READPAST)`, commas optional) are not among them.
  if (open >= 0 && s.isName(p) && s.isName(n) && holdsNames(s, open)) {
    const nameAt = s.nameStart(open - 1);
    const target = nameAt >= 0 ? s.key(nameAt - 1) : '';
    if (['KEY', 'CLUSTERED', 'NONCLUSTERED', 'UNIQUE', 'INCLUDE', 'SYSTEM_TIME', 'INSERT'].includes(before) || ['INTO', 'INSERT', 'ON'].includes(target)) return 'column name list';
  }
  // IN ( literal, literal ): two literals side by side.
  if (before === 'IN' && (s.kind(p) === 'string' || s.kind(p) === 'number') && (nKind === 'string' || nKind === 'number')) return 'IN list';
  // Parameters or variables: `@a int @b int`: a variable cannot follow a declaration.
  if (nKind === 'variable' && s.kind(n + 1) === 'word' && TYPES.has(nn)) return 'parameter/variable declarations';
  // Assignments: `@a = 1 @b = 2` (SELECT assignments, EXEC's named parameters) and an UPDATE's
  // `SET a = 1 b = 2`: after a value, a variable or a name then `=` cannot parse (not even as an alias,
  // which `=` cannot follow). Option lists are left out: some take their commas optionally
  // (CREATE QUEUE … WITH STATUS = ON RETENTION = OFF, BEGIN DIALOG … WITH LIFETIME = 1 ENCRYPTION = OFF).
  if (['=', '+=', '-=', '*=', '/='].includes(nn)) {
    if (nKind === 'variable') return 'assignment list';
    const set = s.clauseOf(c, SET_LIST_STOPS);
    if (s.isName(n) && s.key(set) === 'SET' && (s.key(set - 1) === 'UPDATE' || (s.isName(set - 1) && s.key(set - 2) === 'UPDATE'))) return 'UPDATE SET list';
  }
  // ORDER BY / GROUP BY / PARTITION BY items: no alias there (F4); `(` and unary operators left out.
  if ((s.isName(n) || nKind === 'variable' || nKind === 'number') && s.key(n + 1) !== ':') {
    const by = s.clauseOf(c, ORDER_STOPS);
    if (by >= 0 && s.key(by) === 'BY' && ['ORDER', 'GROUP', 'PARTITION'].includes(s.key(by - 1))) return `${s.key(by - 1)} BY list`;
  }
  return undefined;
}

/** Every mutation of one file that the rules allow, in text order (misspellings drawn from `rng`). */
export function mutationSites(toolkit: Toolkit, source: SourceFile, rng: () => number): Mutation[] {
  // sqlcmd commands (`:setvar`, `:r`) and $(VARIABLES) are not T-SQL: a file with any is left alone
  // rather than told apart token by token (the payload has none).
  if (/^[ \t]*(:[A-Za-z]|!!)/m.test(source.text) || source.text.includes('$(')) return [];
  const tokens = toolkit.lex(source.text);
  const s = new Script(tokens);
  const sites = new Sites(source, s, rng);
  for (let i = 0; i < s.places.length; i++) {
    const place = s.at(i);
    if (place === undefined) continue;
    const t = place.token;
    const k = place.key;
    const sound = s.sound(i);

    const why = misspellingContext(s, i);
    if (why !== undefined) {
      const spelt = sites.pick(misspellings(t.text));
      if (spelt !== undefined) sites.replace('keyword-misspelt', i, spelt, `${t.text} misspelt ${spelt} (${why})`);
    }

    // A keyword twice in a row: none of DUPLICABLE can follow itself. Left out: UPDATE( (the trigger
    // function) and a trigger's action list (`AFTER INSERT, UPDATE`: its commas are optional, and a
    // repeated action may be let through by the parser and refused later).
    const action = (k === 'INSERT' || k === 'UPDATE' || k === 'DELETE') && ([',', 'FOR', 'AFTER', 'OF'].includes(s.key(s.prev(i))) || s.key(s.next(i)) === ',');
    if (sound && t.kind === 'word' && DUPLICABLE.has(k) && !place.inGrant && !action && !(k === 'UPDATE' && s.key(i + 1) === '(')) {
      sites.insertAfter('keyword-duplicated', i, t.text, `${t.text} ${t.text}`);
    }

    // A required keyword replaced by a comma: each of these keeps its construct from being complete
    // (a CASE WHEN without THEN, a JOIN without ON, CAST without AS, …) and a comma there starts no list
    // that could complete it. AND: `cond , cond` is no list anywhere a condition stands.
    if (sound && t.kind === 'word' && !place.inGrant) {
      const pk = s.key(s.prev(i));
      const required =
        k === 'THEN'
          ? 'THEN'
          : (requiredAs(s, i) ??
            (k === 'ON' && isJoinOn(s, i)
              ? 'the ON of a JOIN'
              : k === 'INTO' && pk === 'INSERT'
                ? 'INTO of INSERT'
                : k === 'VALUES' && pk === ')'
                  ? 'VALUES'
                  : k === 'AND' && s.key(i + 1) !== ':'
                    ? 'AND'
                    : k === 'SET' && (pk === 'UPDATE' || (s.isName(i - 1) && s.key(i - 2) === 'UPDATE'))
                      ? 'SET of UPDATE'
                      : k === 'BY' && (pk === 'ORDER' || pk === 'GROUP')
                        ? 'BY'
                        : undefined));
      if (required !== undefined) sites.replace('keyword-to-comma', i, ',', `${t.text} replaced by a comma (${required})`);
    }

    // THEN dropped: the WHEN before it has no THEN before the next WHEN/ELSE/END of its CASE (MERGE's WHEN likewise).
    if (sound && k === 'THEN' && t.kind === 'word') sites.remove('then-dropped', i, 'THEN dropped');
    // END dropped: its BEGIN or CASE stays open (F3).
    if (sound && place.closes) sites.remove('end-dropped', i, 'END dropped');
    const as = requiredAs(s, i);
    if (as !== undefined) sites.remove('as-dropped', i, `${as} dropped`);

    // F2.
    if (sound && (k === '(' || k === ')')) sites.remove('paren-dropped', i, `${k} dropped`);

    const list = commaContext(s, i);
    if (list !== undefined) sites.remove('comma-dropped', i, `comma dropped in a ${list}`);

    // An operator that cannot start an expression after another operator: `= =`, `* *`, `+ *`
    // (`- -` and `+ +` are unary minus and plus, valid).
    if (t.kind === 'punct' && (BINARY_ONLY.has(k) || k === '+' || k === '-')) {
      const extra = BINARY_ONLY.has(k) ? k : '*';
      sites.insertAfter('operator-doubled', i, extra, `${k} ${extra}`);
    }

    // F5: only the last string (or bracket) of the file, with no quote (bracket) after it anywhere,
    // comments included: opened, it then runs to the end of the file. An earlier one would end at the
    // next quote and pair the rest up anew, which may parse.
    if (t.kind === 'string' && source.text.indexOf("'", t.end) < 0 && t.text.endsWith("'")) {
      sites.replace('string-left-open', i, t.text.slice(0, -1), `closing quote of ${abbreviate(t.text)} removed`);
    }
    if (t.kind === 'quoted' && t.text.startsWith('[') && source.text.indexOf(']', t.end) < 0 && t.text.endsWith(']')) {
      sites.replace('bracket-left-open', i, t.text.slice(0, -1), `closing ] of ${abbreviate(t.text)} removed`);
    }
  }
  return sites.out;
}

const abbreviate = (text: string): string => (text.length > 30 ? `${text.slice(0, 27)}…` : text);

/** The text with the mutation applied. */
export function applyMutation(text: string, m: Mutation): string {
  return text.slice(0, m.start) + m.replacement + text.slice(m.end);
}

/** Shuffles in place (Fisher–Yates) with the given generator. */
function shuffle<T>(items: T[], rng: () => number): void {
  for (let k = items.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    const a = items[k];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[k] = b;
    items[j] = a;
  }
}

export interface GenerateOptions {
  seed: number;
  /** How many mutations in all: taken in turn from each class (a class with too few sites leaves its share to the others). */
  count: number;
}

/** `count` mutations over the files, the same for the same seed and files: every class's sites shuffled, then taken in turn. */
export function generateMutations(toolkit: Toolkit, sources: readonly SourceFile[], options: GenerateOptions): Mutation[] {
  const rng = toolkit.random(options.seed);
  const byClass = new Map<MutationClass, Mutation[]>(MUTATION_CLASSES.map((c) => [c, []]));
  for (const source of sources) for (const m of mutationSites(toolkit, source, rng)) byClass.get(m.class)?.push(m);
  for (const list of byClass.values()) shuffle(list, rng);
  const out: Mutation[] = [];
  for (let round = 0; out.length < options.count; round++) {
    let any = false;
    for (const cls of MUTATION_CLASSES) {
      const m = byClass.get(cls)?.[round];
      if (m === undefined || out.length >= options.count) continue;
      out.push(m);
      any = true;
    }
    if (!any) break;
  }
  return out;
}

/** The .sql files of a payload folder as loadPayloadPlan lists them (src/tsql/payload.ts), paths relative to it with forward slashes, sorted. */
export function readPayloadSources(sqlDir: string): SourceFile[] {
  const files: string[] = [];
  const collect = (dir: string, deep: boolean): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const isDir = statSync(path).isDirectory();
      if (isDir && deep) collect(path, true);
      else if (!isDir && name.toLowerCase().endsWith('.sql')) files.push(path);
    }
  };
  collect(join(sqlDir, 'migrations'), false);
  collect(join(sqlDir, 'broker'), false);
  collect(join(sqlDir, 'programmability'), true);
  collect(join(sqlDir, 'every-time'), true);
  try {
    if (statSync(join(sqlDir, 'clr', 'bindings.sql')).isFile()) files.push(join(sqlDir, 'clr', 'bindings.sql'));
  } catch {
    // No CLR bindings.
  }
  return files
    .map((path) => ({ file: relative(sqlDir, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
