// The parser never throws, never overflows the stack and stays linear: deep nesting ends with SQL
// Server's Msg 191, and the tokens it consumes (re-reads after a backtrack included) stay within a
// small multiple of the tokens in the batch, whatever the input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { random } from '../test-support.js';
import { parseBatch } from './index.js';

const PAYLOAD = join(import.meta.dirname, '..', '..', '..', 'sql');
const payloadTexts = (): string[] =>
  readdirSync(PAYLOAD, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

/** Consumed tokens per token of the batch: a parse that backtracks without bound shows here. */
const LINEAR = 4;

function parsesLinearly(text: string): ReturnType<typeof parseBatch> {
  const result = parseBatch(text);
  expect(result.steps).toBeLessThanOrEqual(LINEAR * (result.tokens + 1));
  return result;
}

describe('parser robustness', () => {
  it('fails deep parentheses with Msg 191, not a stack overflow', () => {
    const r = parsesLinearly(`SELECT ${'('.repeat(20000)}1${')'.repeat(20000)}`);
    expect(r.error?.code).toBe(191);
  });

  it('fails deep subqueries, CASE and blocks with Msg 191', () => {
    expect(parsesLinearly(`SELECT ${'(SELECT '.repeat(3000)}1${')'.repeat(3000)}`).error?.code).toBe(191);
    expect(parsesLinearly(`SELECT ${'CASE WHEN 1 = 1 THEN '.repeat(3000)}1${' END'.repeat(3000)}`).error?.code).toBe(191);
    expect(parsesLinearly(`${'BEGIN '.repeat(3000)}PRINT 1${' END'.repeat(3000)}`).error?.code).toBe(191);
    expect(parsesLinearly(`${'IF 1 = 1 '.repeat(3000)}PRINT 1`).error?.code).toBe(191);
    expect(parsesLinearly(`SELECT ${'- '.repeat(20000)}1`).error?.code).toBe(191);
    expect(parsesLinearly(`SELECT 1 WHERE ${'NOT '.repeat(20000)}1 = 1`).error?.code).toBe(191);
  });

  it('parses long flat inputs in linear steps', () => {
    expect(parsesLinearly(`SELECT ${Array.from({ length: 50000 }, (_, k) => `${k}`).join(' + ')}`).error).toBeUndefined();
    expect(parsesLinearly(`SELECT 1 WHERE ${Array.from({ length: 20000 }, (_, k) => `a${k} = ${k}`).join(' AND ')}`).error).toBeUndefined();
    expect(parsesLinearly(Array.from({ length: 20000 }, (_, k) => `SET @x${k % 7} = ${k}`).join('\n')).error).toBeUndefined();
    expect(parsesLinearly(`INSERT INTO t (a, b) VALUES ${Array.from({ length: 20000 }, (_, k) => `(${k}, N'v${k}')`).join(', ')}`).error).toBeUndefined();
  });

  it('parses unclosed openers in linear steps', () => {
    for (const opener of ['(', 'CASE ', 'BEGIN ', 'SELECT (', 'IF (', 'EXEC (', 'WHERE (']) {
      const r = parsesLinearly(`SELECT 1 ${opener.repeat(2000)}`);
      expect(r.error).toBeDefined();
    }
  });

  it('never throws on random bytes or on mutated payload scripts', () => {
    const rnd = random(20261203);
    const alphabet = "SELECT FROM WHERE ( ) , ; ' \" [ ] @x @@y 1 .5 0x1F N'a' BEGIN END CASE WHEN THEN ELSE AS ON JOIN INSERT INTO VALUES UPDATE SET DELETE MERGE CREATE PROCEDURE TABLE DECLARE IF WHILE EXEC . :: = < > + - * / % ~ & | ^ ! $ \n";
    const pieces = alphabet.split(' ');
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rnd() * 60);
      const text = Array.from({ length: n }, () => pieces[Math.floor(rnd() * pieces.length)] ?? '').join(rnd() < 0.5 ? ' ' : '');
      parsesLinearly(text);
    }
    for (const original of payloadTexts()) {
      for (let round = 0; round < 20; round++) {
        const at = Math.floor(rnd() * original.length);
        const cut = Math.floor(rnd() * 30);
        const insert = pieces[Math.floor(rnd() * pieces.length)] ?? '';
        parsesLinearly(original.slice(0, at) + insert + original.slice(at + cut));
      }
    }
  });
});
