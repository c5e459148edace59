// parseBatch: one batch's text → its statements, the first syntax error (SQL Server's message
// number, wording and position), and the statements kept opaque. Never throws.
import { type LexInfo, lexCode, lexCodeInto, type Token } from '../lexer.js';
import type { ParsedBatch, Statement, SyntaxDiagnostic } from './ast.js';
import { Parser, SyntaxFailure } from './core.js';
import { parseImplicitExec } from './procedural.js';
import { atStatementStart, parseStatementList } from './statements.js';
// The area files register their statements with statements.ts when loaded.
import './expressions.js';
import './query.js';
import './procedural.js';
import './ddl-tables.js';
import './ddl-modules.js';
import './ddl-security.js';
import './ddl-broker.js';
import './ddl-endpoint.js';

/**
 * Token objects reused from one batch to the next (lexer.ts lexCodeInto): lexing the 16× payload
 * allocates millions of tokens otherwise. Safe because no token outlives its batch's parse — nodes
 * copy what they need of a token (offsets, text), and errors are turned into plain diagnostics before
 * parseBatch returns. A parse inside a parse (none today) lexes into fresh tokens instead.
 */
const pool: Token[] = [];
let poolInUse = false;
/** Past this many tokens the pool is trimmed after a batch: one huge batch does not pin its tokens. */
const POOL_KEEP = 1 << 16;
const lexInfo: LexInfo = {};

export function parseBatch(text: string): ParsedBatch {
  if (poolInUse) return parseTokens(text, lexCode(text, lexInfo), lexInfo.unclosedComment);
  poolInUse = true;
  try {
    const count = lexCodeInto(text, pool, lexInfo);
    return parseTokens(text, pool.slice(0, count), lexInfo.unclosedComment);
  } finally {
    if (pool.length > POOL_KEEP) pool.length = POOL_KEEP;
    poolInUse = false;
  }
}

const EMPTY_NAME =
  'An object or column name is missing or empty. For SELECT INTO statements, verify each column has a name. For other statements, look for empty alias names. Aliases defined as "" or [] are not allowed. Change the alias to a valid name.';

function parseTokens(text: string, tokens: Token[], comment: LexInfo['unclosedComment']): ParsedBatch {
  let unclosed: Token | undefined;
  let empty: Token | undefined;
  for (const t of tokens) {
    if (t.unterminated === true) {
      unclosed = t;
      break;
    }
    if (empty === undefined && t.kind === 'quoted' && t.text === '[]') empty = t;
  }
  const p = new Parser(text, tokens);
  const statements: Statement[] = [];
  let error: SyntaxDiagnostic | undefined;
  try {
    // A batch may open with a procedure call without EXEC (`sp_who`, `dbo.p 1`): only there.
    if ((p.tok.kind === 'word' || p.tok.kind === 'quoted') && !atStatementStart(p)) {
      statements.push(parseImplicitExec(p));
      if (!p.acceptPunct(';')) p.cteAllowed = false;
    }
    // The statements parsed before an error are kept: checks can still use them.
    for (const s of parseStatementList(p)) statements.push(s);
  } catch (e) {
    if (e instanceof SyntaxFailure) error = { code: e.code, message: e.message, offset: e.token.start, line: e.token.line, col: e.token.col };
    else if (e instanceof RangeError) {
      const t = p.tok;
      error = { code: 191, message: 'Some part of your SQL statement is nested too deeply. Rewrite the query or break it up into smaller queries.', offset: t.start, line: t.line, col: t.col };
    } else throw e;
  }
  // An empty name `[]` (Msg 1038) unless the parse failed before it: no object, column or alias has one.
  if (empty !== undefined && (error === undefined || error.offset >= empty.start)) {
    error = { code: 1038, message: EMPTY_NAME, offset: empty.start, line: empty.line, col: empty.col };
  }
  // An unclosed string or quoted identifier (Msg 105) is reported unless the parse failed before it:
  // everything after the quote is inside it, so a later failure is a consequence of it.
  if (unclosed !== undefined && (error === undefined || error.offset >= unclosed.start)) {
    const value = unclosed.value.slice(0, 64);
    error = { code: 105, message: `Unclosed quotation mark after the character string '${value}'.`, offset: unclosed.start, line: unclosed.line, col: unclosed.col };
  }
  // A block comment still open at the end of the batch: Msg 113 (what follows it is comment).
  if (comment !== undefined && (error === undefined || error.offset >= comment.start)) {
    error = { code: 113, message: "Missing end comment mark '*/'.", offset: comment.start, line: comment.line, col: comment.col };
  }
  const result: ParsedBatch = { statements, opaque: p.opaque, tokens: tokens.length - 1, steps: p.steps };
  if (error !== undefined) result.error = error;
  return result;
}
