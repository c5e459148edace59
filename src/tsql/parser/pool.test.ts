// The parser lexes into pooled tokens (index.ts) and reads reserved words from the lexer's class bit:
// trees and errors must not depend on the tokens of a later batch, and the bit must agree with keywords.ts.
import { describe, expect, it } from 'vitest';
import { lexCode, type LexInfo, W_RESERVED } from '../lexer.js';
import { parseBatch } from './index.js';
import { RESERVED } from './keywords.js';

describe('token pool', () => {
  it('keeps a batch tree and error intact after later batches reuse the tokens', () => {
    const first = parseBatch('SELECT a, b FROM dbo.t WHERE c = 1');
    const failed = parseBatch('SELECT a FROM FROM t');
    const snapshot = JSON.stringify(first);
    for (let k = 0; k < 3; k++) parseBatch('UPDATE x SET y = 2; DELETE FROM z WHERE w IS NULL; EXEC dbo.p @a = 1');
    expect(JSON.stringify(first)).toBe(snapshot);
    expect(first.error).toBeUndefined();
    expect(failed.error).toMatchObject({ code: 156, line: 1, col: 15 });
  });

  it('reports an unclosed string (105) and an unclosed block comment (113) from pooled tokens', () => {
    expect(parseBatch("SELECT 'abc").error).toMatchObject({ code: 105, offset: 7 });
    expect(parseBatch('SELECT 1 /* open').error).toMatchObject({ code: 113, offset: 9 });
    expect(parseBatch('SELECT 1 /* closed */').error).toBeUndefined();
  });
});

describe('lexer classes and info', () => {
  it('marks exactly the reserved keywords with W_RESERVED, in any case', () => {
    const words = ['select', 'From', 'WHERE', 'precision', 'name', 'Window', 'tran', 'disk'];
    for (const t of lexCode(words.join(' '))) expect((t.cls & W_RESERVED) !== 0).toBe(RESERVED.has(t.upper));
  });

  it('tells where a block comment is left open, and clears it on the next text', () => {
    const info: LexInfo = {};
    lexCode('SELECT 1\n  /* a /* nested */ still open', info);
    expect(info.unclosedComment).toEqual({ start: 11, line: 2, col: 3 });
    lexCode('SELECT 1 /* closed */', info);
    expect(info.unclosedComment).toBeUndefined();
  });
});
