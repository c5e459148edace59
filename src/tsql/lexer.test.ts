import { describe, expect, it } from 'vitest';
import { codeTokens, lex } from './lexer.js';

const kinds = (text: string): string[] => lex(text).map((t) => `${t.kind}:${t.value}`);

describe('lex', () => {
  it('reads strings with doubled quotes and N prefixes', () => {
    expect(kinds("SELECT 'it''s', N'ünï'")).toEqual(['word:SELECT', "string:it's", 'punct:,', 'string:ünï']);
  });

  it('reads bracketed and double-quoted identifiers with their escapes', () => {
    expect(kinds('[a]]b].[c d] "x""y"')).toEqual(['quoted:a]b', 'punct:.', 'quoted:c d', 'quoted:x"y']);
  });

  it('nests block comments and ends line comments at the newline', () => {
    const tokens = lex('/* a /* b */ still comment */ SELECT -- tail\n1');
    expect(tokens.map((t) => t.kind)).toEqual(['comment', 'word', 'comment', 'number']);
    expect(codeTokens(tokens).map((t) => t.text)).toEqual(['SELECT', '1']);
  });

  it('keeps line and column of every token', () => {
    const t = lex("SELECT\n  'a\nb'\n  x").map((k) => [k.text.split('\n')[0], k.line, k.col]);
    expect(t).toEqual([['SELECT', 1, 1], ["'a", 2, 3], ['x', 4, 3]]);
  });

  it('marks unterminated strings, identifiers and comments instead of failing', () => {
    expect(lex("'open").at(0)?.unterminated).toBe(true);
    expect(lex('[open').at(0)?.unterminated).toBe(true);
    expect(lex('/* /* */').at(0)?.unterminated).toBe(true);
  });

  it('reads variables, temp tables and the :: operator', () => {
    expect(kinds('@x #t geography::Point')).toEqual(['variable:@x', 'word:#t', 'word:geography', 'punct:::', 'word:Point']);
  });

  it('ends a number where its digits, fraction and exponent end: a letter after it is the next token', () => {
    expect(kinds('1AND 2.5e-3x 0x1Fg .5E2 2e 7.')).toEqual([
      'number:1', 'word:AND', 'number:2.5e-3', 'word:x', 'number:0x1F', 'word:g', 'number:.5E2', 'number:2e', 'number:7.',
    ]);
    // The exponent takes its sign even without digits; `2ELSE` is 2E and LSE.
    expect(kinds('10MB 1e+ 3-1 2ELSE')).toEqual(['number:10', 'word:MB', 'number:1e+', 'number:3', 'punct:-', 'number:1', 'number:2E', 'word:LSE']);
  });
});
