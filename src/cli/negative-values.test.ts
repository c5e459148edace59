import { describe, expect, it } from 'vitest';
import { run as logs } from './logs.js';
import { joinNegativeValues } from './negative-values.js';
import { run as seed } from './seed.js';
import type { CommandIo } from './io.js';
import { Writable } from 'node:stream';

const sink = (): Writable => new Writable({ write: (_chunk, _encoding, callback) => callback() });
const io = (): CommandIo => ({ stdout: sink(), stderr: sink(), env: {}, cwd: process.cwd(), stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal });

describe('negative values of numeric flags', () => {
  it('joins a negative number to its numeric flag only', () => {
    expect(joinNegativeValues(['--dim', '-5', '--yes', '--topics', '3', '-y'], new Set(['--dim', '--topics']))).toEqual(['--dim=-5', '--yes', '--topics', '3', '-y']);
    expect(joinNegativeValues(['--only', '-x'], new Set(['--dim']))).toEqual(['--only', '-x']);
  });

  it('seed refuses --embeddings -5 and --dim 0 with the range before anything runs (exit 2)', async () => {
    await expect(seed(['--embeddings', '-5'], io())).rejects.toMatchObject({ exitCode: 2, message: '--embeddings -5 is out of range: the number of sample atoms takes 1 to 1000000' });
    await expect(seed(['--dim', '0'], io())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^--dim 0 is out of range: .* takes 2 to 4096$/) });
  });

  it('logs refuses --tail -1 with what it takes (exit 2)', async () => {
    await expect(logs(['sqlserver', '--tail', '-1'], io())).rejects.toMatchObject({ exitCode: 2, message: '--tail -1 is out of range: give 0 or more lines' });
  });
});
