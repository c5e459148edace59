// Which rule parses a statement: a table from the statement's first word (and, for CREATE, ALTER and
// DROP, from the object word after it) to the area file's parse function. Each area file registers its
// statements when it is loaded (index.ts loads them all), so adding a statement touches one file.
import type { LabelStatement, OpaqueStatement, Statement } from './ast.js';
import type { Parser} from './core.js';
import { SyntaxFailure } from './core.js';
import { W_RESERVED } from '../lexer.js';

export type StatementRule = (p: Parser) => Statement;

/** A CREATE / ALTER / DROP rule: the parser stands on the object word (after OR ALTER). */
export interface DdlContext {
  verb: 'CREATE' | 'ALTER' | 'DROP';
  /** CREATE OR ALTER */
  orAlter: boolean;
  /** Offset of the verb: the statement's start. */
  start: number;
}
export type DdlRule = (p: Parser, ctx: DdlContext) => Statement;

const statementRules = new Map<string, StatementRule>();
const ddlRules = { CREATE: new Map<string, DdlRule>(), ALTER: new Map<string, DdlRule>(), DROP: new Map<string, DdlRule>() };

/** Registers the rule for statements starting with `word` (upper case, or a punctuation like '('). */
export function registerStatement(word: string, rule: StatementRule): void {
  if (statementRules.has(word)) throw new Error(`Two rules for statements starting with ${word}`);
  statementRules.set(word, rule);
}

/** Registers the rule for `verb <objectWord> …` (e.g. CREATE TABLE, ALTER QUEUE, DROP INDEX). */
export function registerDdl(verbs: readonly DdlContext['verb'][], objectWord: string, rule: DdlRule): void {
  for (const verb of verbs) {
    if (ddlRules[verb].has(objectWord)) throw new Error(`Two rules for ${verb} ${objectWord}`);
    ddlRules[verb].set(objectWord, rule);
  }
}

/** Whether a statement can start at the current token (a registered word, a label, `;`). */
export function atStatementStart(p: Parser): boolean {
  const t = p.tok;
  if (t.kind === 'word') return statementRules.has(t.upper) || t.upper === 'CREATE' || t.upper === 'ALTER' || t.upper === 'DROP' || isLabel(p);
  return t.kind === 'punct' && statementRules.has(t.text);
}

function isLabel(p: Parser): boolean {
  return p.tok.kind === 'word' && (p.tok.cls & W_RESERVED) === 0 && p.isPunct(':', 1) && p.peek().start === p.tok.end;
}

/** One statement with its optional `;`. */
export function parseStatement(p: Parser): Statement {
  const t = p.tok;
  // Statements nested in this one (an IF's branch, a block's first statement) start fresh.
  p.cteAllowedHere = p.cteAllowed;
  p.cteAllowed = true;
  if (isLabel(p)) {
    p.next();
    p.next();
    const label: LabelStatement = { kind: 'Label', name: t.value, start: t.start, end: p.prev.end };
    return label;
  }
  let statement: Statement;
  if (t.kind === 'word' && (t.upper === 'CREATE' || t.upper === 'ALTER' || t.upper === 'DROP')) statement = parseDdl(p);
  else {
    const rule = statementRules.get(t.kind === 'word' ? t.upper : t.kind === 'punct' ? t.text : '');
    if (rule === undefined) p.fail();
    statement = rule(p);
  }
  p.acceptPunct(';');
  return statement;
}

function parseDdl(p: Parser): Statement {
  const verbToken = p.next();
  const verb = verbToken.upper === 'CREATE' ? 'CREATE' : verbToken.upper === 'ALTER' ? 'ALTER' : 'DROP';
  let orAlter = false;
  if (verb === 'CREATE' && p.isWord('OR') && p.isWord('ALTER', 1)) {
    p.next();
    p.next();
    orAlter = true;
  }
  const word = p.tok;
  if (word.kind !== 'word') p.fail();
  const rule = ddlRules[verb].get(word.upper);
  if (rule !== undefined) return rule(p, { verb, orAlter, start: verbToken.start });
  // A documented object kind the grammar does not model is kept whole (a note); any other word here
  // (`DROP IF EXISTS t`, `CREATE TABEL`) is what SQL Server rejects.
  if (!OPAQUE_OBJECT_WORDS.has(word.upper)) p.fail();
  return opaque(p, verbToken.start, `${verb} ${word.upper}`);
}

/**
 * The first words of the object kinds of CREATE, ALTER and DROP in SQL Server 2022's reference
 * (docs/t-sql/statements: "CREATE …", "ALTER …", "DROP …" pages), for those the rule tables lack.
 */
const OPAQUE_OBJECT_WORDS = new Set(
  `AGGREGATE APPLICATION ASSEMBLY ASYMMETRIC AUTHORIZATION AVAILABILITY BROKER CERTIFICATE COLUMN COLUMNSTORE
  CONTRACT CREDENTIAL CRYPTOGRAPHIC DATABASE DEFAULT ENDPOINT EVENT EXTERNAL FULLTEXT FUNCTION INDEX LOGIN
  MASTER MESSAGE PARTITION PROC PROCEDURE QUEUE REMOTE RESOURCE ROLE ROUTE RULE SCHEMA SEARCH SECURITY
  SELECTIVE SEQUENCE SERVER SERVICE SIGNATURE COUNTER SPATIAL STATISTICS SYMMETRIC SYNONYM TABLE TRIGGER TYPE
  USER VIEW WORKLOAD XML LEDGER`.split(/\s+/),
);

/**
 * Statements up to (not including) a token where `stop` holds, or the end of the batch. Each
 * statement must start where a statement can; `;` alone is an empty statement.
 */
export function parseStatementList(p: Parser, stop: (p: Parser) => boolean = () => false): Statement[] {
  const out: Statement[] = [];
  let fresh = p.cteAllowed;
  while (!p.atEnd() && !stop(p)) {
    if (p.acceptPunct(';')) {
      fresh = true;
      continue;
    }
    p.cteAllowed = fresh;
    const statement = parseStatement(p);
    out.push(statement);
    // The next statement may start with WITH only when this one ended with `;` (or was a label).
    fresh = statement.kind === 'Label' || (p.prev.kind === 'punct' && p.prev.text === ';' && p.prev.end <= p.tok.start);
  }
  return out;
}

/** Statements that begin a new statement when met at depth 0 while skipping an opaque one. */
const OPAQUE_STOP = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'ALTER', 'DROP', 'DECLARE', 'SET', 'IF', 'WHILE', 'BEGIN', 'END', 'EXEC', 'EXECUTE', 'PRINT', 'RETURN', 'GRANT', 'DENY', 'REVOKE', 'USE', 'GO']);

/**
 * A statement the grammar does not model: kept whole, from `start` to the next `;` or the next word
 * that starts a common statement outside parentheses, and reported as a note (never an error).
 */
export function opaque(p: Parser, start: number, what: string): OpaqueStatement {
  let depth = 0;
  let first = true;
  while (!p.atEnd()) {
    const t = p.tok;
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && !first && t.kind === 'punct' && t.text === ';') break;
    else if (depth === 0 && !first && t.kind === 'word' && OPAQUE_STOP.has(t.upper) && !isContinuation(p)) break;
    first = false;
    p.next();
  }
  if (depth > 0) throw new SyntaxFailure(102, `Incorrect syntax near '${p.prev.text}'.`, p.prev);
  const statement: OpaqueStatement = { kind: 'Opaque', what, start, end: p.prev.end };
  p.opaque.push(statement);
  return statement;
}

/**
 * Words of OPAQUE_STOP that continue a statement rather than start one, right after a name or keyword
 * or a comma (`ALTER AVAILABILITY GROUP ag SET (…)`, `ON SERVER DROP EVENT e, DROP EVENT f`, an
 * availability group's `GRANT CREATE ANY DATABASE`). After `)` they start the next
 * statement, which is then checked (`CREATE EVENT SESSION … (ACTION (x))` then `SET NOCOUNT ON`).
 */
function isContinuation(p: Parser): boolean {
  const t = p.tok;
  const before = p.prev;
  // No statement starts after a comma either (`… DROP TARGET a.b, DROP TARGET b.c`).
  if (t.upper === 'SET' || t.upper === 'DROP' || t.upper === 'ALTER') return before.kind === 'word' || before.kind === 'quoted' || (before.kind === 'punct' && before.text === ',');
  // `ALTER AVAILABILITY GROUP ag GRANT | DENY CREATE ANY DATABASE`: without TO, no GRANT statement.
  if (t.upper === 'GRANT' || t.upper === 'DENY') {
    return (before.kind === 'word' || before.kind === 'quoted') && p.isWord('CREATE', 1) && p.isWord('ANY', 2) && p.isWord('DATABASE', 3) && !p.isWord('TO', 4);
  }
  if (t.upper === 'CREATE') return before.kind === 'word' && (before.upper === 'GRANT' || before.upper === 'DENY');
  return false;
}
