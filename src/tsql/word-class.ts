// What the analysis asks of a word, answered once per distinct word: the lexer's word table keeps
// each interned word's classes, and every token carries them (Token.cls). The analysis tests a bit
// where it would look the word up in a set, millions of times over a large payload.
import { KEYWORDS, STATEMENT_WORDS } from './builtins.js';

/** Reserved keywords and clause words (builtins.ts KEYWORDS): never an alias. */
export const W_KEYWORD = 1;
/** Statement-starting words (builtins.ts STATEMENT_WORDS). */
export const W_STATEMENT = 2;
/** The words the analysis's statement loop switches on. */
export const W_STATEMENT_CASE = 4;
/** The words the module-body reader switches on. */
export const W_MODULE_CASE = 8;
/** Clause words that end the comma-separated table list of a FROM. */
export const W_FROM_LIST_END = 16;
/** BEGIN, CASE and END: the words that open and close blocks. */
export const W_BLOCK = 32;
/** TRIM: FROM inside TRIM( … FROM …) is no table source (the analysis looks back only in a batch that has one). */
export const W_TRIM = 256;
/** Not a word: the punctuation ( and ), which the lexer marks with these. */
export const P_OPEN = 64;
export const P_CLOSE = 128;

const set = (text: string): ReadonlySet<string> => new Set(text.split(' '));
const STATEMENT_CASES = set('IF ELSE WHILE CREATE ALTER DROP EXEC EXECUTE GRANT DENY REVOKE');
const MODULE_CASES = set('FROM JOIN APPLY UPDATE DELETE INSERT INTO MERGE USING TRUNCATE PIVOT UNPIVOT NEXT DECLARE TYPE CONTRACT');
const FROM_LIST_END = set('WHERE GROUP ORDER HAVING UNION EXCEPT INTERSECT OPTION FOR JOIN ON WINDOW');

/** The classes of a word, given in upper case. */
export function wordClass(upper: string): number {
  return (
    (KEYWORDS.has(upper) ? W_KEYWORD : 0) |
    (STATEMENT_WORDS.has(upper) ? W_STATEMENT : 0) |
    (STATEMENT_CASES.has(upper) ? W_STATEMENT_CASE : 0) |
    (MODULE_CASES.has(upper) ? W_MODULE_CASE : 0) |
    (FROM_LIST_END.has(upper) ? W_FROM_LIST_END : 0) |
    (upper === 'BEGIN' || upper === 'CASE' || upper === 'END' ? W_BLOCK : 0) |
    (upper === 'TRIM' ? W_TRIM : 0)
  );
}
