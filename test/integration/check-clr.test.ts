// `hart-dev check` reviews the CLR bindings against the assembly itself (built here with Mono).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run as check } from '../../src/cli/check.js';
import type { CommandIo } from '../../src/cli/io.js';

const REPO = resolve(import.meta.dirname, '../..');

function payloadCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hart-check-clr-'));
  cpSync(join(REPO, 'sql'), join(dir, 'sql'), { recursive: true });
  return dir;
}

async function runCheck(cwd: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const io: CommandIo = { stdout, stderr, env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal };
  const code = await check(args, io);
  return { code, out, err };
}

describe('check: CLR bindings against the assembly (real Mono build)', () => {
  it('passes the payload as it is', async () => {
    const { code, err } = await runCheck(payloadCopy(), process.env);
    expect(code).toBe(0);
    expect(err).toContain('0 errors, 0 warnings');
  });

  it('reports a wrong EXTERNAL NAME at its file:line with what the DLL has', async () => {
    const dir = payloadCopy();
    const file = join(dir, 'sql', 'clr', 'bindings.sql');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('[CosineSimilarity]')) + 1;
    writeFileSync(file, text.replace('[CosineSimilarity]', '[Cosine]'));
    const { code, out } = await runCheck(dir, process.env, ['--json']);
    expect(code).toBe(1);
    const report: unknown = JSON.parse(out);
    expect(report).toMatchObject({
      diagnostics: [{ file: 'sql/clr/bindings.sql', line, severity: 'error', rule: 'clr-binding-method', hint: expect.stringContaining('CosineSimilarity(SqlBytes a, SqlBytes b)') }],
      summary: { errors: 1, warnings: 0 },
    });
  });

  it('says the binding check was skipped when no toolchain can build the assembly', async () => {
    const { code, err } = await runCheck(payloadCopy(), { ...process.env, PATH: '/nonexistent' });
    expect(code).toBe(0);
    expect(err).toMatch(/CLR bindings not checked against the assembly: no \.NET SDK or Mono here/);
    expect(err).toContain('0 errors, 0 warnings');
  });
});
