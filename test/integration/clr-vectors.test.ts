// The payload's vector functions and aggregates run on Mono's CLR the way SQL Server calls them
// (Init/Accumulate/Merge/Terminate with serialization between partners): the answers are right,
// NULLs and mismatched dimensions are handled, and a 1536-dimension state needs MaxByteSize -1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'hart-clr-vectors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('computes cosine, dot, L2, norm, sum, mean and max over float32 LE bytes', () => {
  const sources = execFileSync('find', [join(repo, 'sql/clr'), '-name', '*.cs'], { encoding: 'utf8' }).trim().split('\n');
  const dll = join(work, 'Hartonomous.Clr.dll');
  execFileSync('mcs', ['-target:library', '-sdk:4.5', '-r:System.Data.dll', `-out:${dll}`, ...sources], { stdio: 'pipe' });
  const exe = join(work, 'harness.exe');
  execFileSync('mcs', ['-target:exe', '-sdk:4.5', '-r:System.Data.dll', `-r:${dll}`, `-out:${exe}`, join(repo, 'test/fixtures/clr/VectorHarness.cs')], { stdio: 'pipe' });
  const output = execFileSync('mono', [exe], { cwd: work, encoding: 'utf8' }).trim().split('\n');
  expect(output).toEqual([
    'cos 0',
    'cos-same 1',
    'cos-zero NULL',
    'cos-null NULL',
    'dot 32',
    'l2 5',
    'norm 5',
    'mismatch clr_DotProduct needs vectors of the same dimension, got 2 and 1 float32 values.',
    'sum [11,22]',
    'mean [3,4]',
    'max [3,7]',
    'empty NULL',
    // int64 count + int32 dimension + 1536 doubles: above the 8,000 a positive MaxByteSize allows.
    'state-bytes-1536 12300',
  ]);
});
