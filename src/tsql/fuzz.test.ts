// Never crash, never hang: random bytes and mutated real scripts each give a result or diagnostics.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPayload } from './check.js';
import { loadPayloadPlan } from './payload.js';
import { random, writeTree } from './test-support.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tsql', 'valid');
const realScripts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

const PIECES = ["'", '[', ']', '"', '/*', '*/', '--', '\nGO\n', 'GO;', ':r x.sql\n', ':r a.sql\n', ':setvar A "1"\n', '$(A)', '$(', '(', ')', 'BEGIN', 'END', 'CASE', 'CREATE ', 'PROCEDURE ', 'TABLE ', 'EXEC(N\'', 'FROM ', 'a.', '.', ',', 'WITH ', 'AS (', '\r', '\u0000', '\uFEFF'];

function mutate(text: string, rnd: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rnd() * 8);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.4) s = s.slice(0, at) + (PIECES[Math.floor(rnd() * PIECES.length)] ?? '') + s.slice(at);
    else if (op < 0.7) s = s.slice(0, at) + s.slice(at + Math.floor(rnd() * 40));
    else s = s.slice(0, at) + s.slice(Math.floor(rnd() * s.length), Math.floor(rnd() * s.length)) + s.slice(at);
  }
  return s;
}

async function survive(files: Record<string, string | Uint8Array>): Promise<void> {
  const dir = writeTree(files);
  const plan = await loadPayloadPlan(dir, { variables: {} });
  const diagnostics = await checkPayload(plan);
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const d of diagnostics) expect(d.line).toBeGreaterThan(0);
}

describe('fuzz', () => {
  const rnd = random(20251121);
  const originals = realScripts(FIXTURES);

  it('survives random bytes', { timeout: 60_000 }, async () => {
    for (let k = 0; k < 40; k++) {
      const bytes = new Uint8Array(Math.floor(rnd() * 4000));
      for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(rnd() * 256);
      const started = Date.now();
      await survive({ 'programmability/r.sql': bytes, 'migrations/m.sql': bytes.subarray(0, bytes.length >> 1) });
      // Bounded time per input: a hang would show up here long before the test timeout.
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('survives mutated real scripts, includes of itself included', { timeout: 60_000 }, async () => {
    for (let k = 0; k < 150; k++) {
      const original = originals[k % originals.length] ?? '';
      const started = Date.now();
      await survive({ 'programmability/a.sql': mutate(original, rnd), 'programmability/x.sql': mutate(original, rnd), 'broker/b.sql': mutate(original, rnd) });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('survives pathological shapes: deep nesting, huge lines, unclosed everything', async () => {
    await survive({
      'programmability/deep.sql': `${'('.repeat(20_000)}SELECT 1${')'.repeat(19_999)}`,
      'programmability/comments.sql': '/*'.repeat(10_000),
      'programmability/long.sql': `SELECT '${'x'.repeat(200_000)}`,
      'programmability/begins.sql': `CREATE OR ALTER PROCEDURE dbo.P AS ${'BEGIN '.repeat(5000)}`,
    });
  });
});
