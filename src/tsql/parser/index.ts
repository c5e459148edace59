// parseBatch: one batch's text → its statements, the first syntax error (SQL Server's message
// number, wording and position), and the statements kept opaque. Never throws.
import { lex, lexCode, type Token } from '../lexer.js';
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

export function parseBatch(text: string): ParsedBatch {
  const tokens = lexCode(text);
  const unclosed = tokens.find((t) => t.unterminated === true);
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
  // An unclosed string or quoted identifier (Msg 105) is reported unless the parse failed before it:
  // everything after the quote is inside it, so a later failure is a consequence of it.
  if (unclosed !== undefined && (error === undefined || error.offset >= unclosed.start)) {
    const value = unclosed.value.slice(0, 64);
    error = { code: 105, message: `Unclosed quotation mark after the character string '${value}'.`, offset: unclosed.start, line: unclosed.line, col: unclosed.col };
  }
  // A block comment still open at the end of the batch: Msg 113 (what follows it is comment).
  const comment = text.includes('/*') ? unclosedComment(text) : undefined;
  if (comment !== undefined && (error === undefined || error.offset >= comment.start)) {
    error = { code: 113, message: "Missing end comment mark '*/'.", offset: comment.start, line: comment.line, col: comment.col };
  }
  const result: ParsedBatch = { statements, opaque: p.opaque, tokens: tokens.length - 1, steps: p.steps };
  if (error !== undefined) result.error = error;
  return result;
}

/** The block comment left open at the end of the text, if there is one (the lexer marks it). */
function unclosedComment(text: string): Token | undefined {
  const tokens = lex(text);
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.kind === 'comment' && last.unterminated === true ? last : undefined;
}
