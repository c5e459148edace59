// clr-deploy's decisions against a recording fake session (SQL Server cannot run here), with real
// Mono-built DLLs: created, unchanged, altered (same signatures), recreated (a signature changed),
// a wrong binding stopped before any SQL, and a failing binding rolled back with its file:line.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClrArtifact } from '../../src/clr/artifact.js';
import { readBindingsFile } from '../../src/clr/bindings-check.js';
import { readBindingsText, type BindingsFile } from '../../src/clr/bindings-file.js';
import { deployClr } from '../../src/clr/deploy-clr.js';
import { HartError } from '../../src/engine/errors.js';
import { fakeSqlError, RecordingFakeServer } from '../support/recording-fake-session.js';

const repo = resolve(import.meta.dirname, '../..');
let work: string;
let current: ClrArtifact;
let currentBytes: Buffer;
let sameSignatures: Buffer;
let changedSignature: Buffer;
let bindings: BindingsFile;

function compile(dir: string, out: string): Buffer {
  const sources = execFileSync('find', [dir, '-name', '*.cs'], { encoding: 'utf8' }).trim().split('\n');
  execFileSync('mcs', ['-target:library', '-sdk:4.5', '-r:System.Data.dll', `-out:${out}`, ...sources], { stdio: 'pipe' });
  return readFileSync(out);
}

function variant(name: string, edit: (dir: string) => void): Buffer {
  const dir = join(work, name);
  cpSync(join(repo, 'sql/clr'), dir, { recursive: true });
  edit(dir);
  // The output file name is the assembly name: Hartonomous.Clr, as the build writes it.
  return compile(dir, join(work, `${name}-out`, 'Hartonomous.Clr.dll'));
}

const BOUND = [
  ['agg_VectorMax', 'AF', 'Hartonomous.Clr.VectorMax', null],
  ['agg_VectorMean', 'AF', 'Hartonomous.Clr.VectorMean', null],
  ['agg_VectorSum', 'AF', 'Hartonomous.Clr.VectorSum', null],
  ['clr_CosineSimilarity', 'FS', 'Hartonomous.Clr.VectorFunctions', 'CosineSimilarity'],
  ['clr_DotProduct', 'FS', 'Hartonomous.Clr.VectorFunctions', 'DotProduct'],
  ['clr_L2Distance', 'FS', 'Hartonomous.Clr.VectorFunctions', 'L2Distance'],
  ['clr_VectorNorm', 'FS', 'Hartonomous.Clr.VectorFunctions', 'VectorNorm'],
].map(([name, type, assemblyClass, assemblyMethod]) => ({ schema: 'dbo', name, type, assemblyClass, assemblyMethod }));

function serverWith(deployed: Buffer | undefined): RecordingFakeServer {
  const server = new RecordingFakeServer();
  if (deployed !== undefined) {
    server.on(/FROM sys\.assemblies/, [{ assemblyId: 65536, clrName: 'hartonomous.clr, version=1.0.0.0', permissionSet: 'SAFE_ACCESS', content: deployed }]);
    server.on(/FROM sys\.assembly_modules/, BOUND);
  }
  return server;
}

const report = { status: (): void => undefined, log: (): void => undefined };
const signal = new AbortController().signal;
const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('hex');
/** The statements sent, first line only, in order. */
const sent = (server: RecordingFakeServer): string[] => server.batches().map((t) => t.replace(/^(--.*\n|\s*\n)*/, '').split('\n')[0] ?? '');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hart-clr-deploy-'));
  for (const d of ['current-out', 'same-out', 'changed-out']) execFileSync('mkdir', ['-p', join(work, d)]);
  currentBytes = variant('current', () => undefined);
  const dll = join(work, 'current-out/Hartonomous.Clr.dll');
  current = { dll, sha512: sha512(currentBytes), toolchain: 'mono', cached: false };
  sameSignatures = variant('same', (dir) => writeFileSync(join(dir, 'Extra.cs'), 'namespace Hartonomous.Clr { internal static class Extra { internal const int Answer = 42; } }\n'));
  changedSignature = variant('changed', (dir) => {
    const file = join(dir, 'VectorFunctions.cs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('VectorNorm(SqlBytes v)', 'VectorNorm(SqlBytes v, SqlInt32 unused)'));
  });
  bindings = await readBindingsFile(join(repo, 'sql/clr/bindings.sql'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('clr-deploy decisions (recording fake session)', () => {
  it('creates the assembly from @bits and every binding on a fresh database, in one transaction', async () => {
    const server = serverWith(undefined);
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, report);
    expect(result).toMatchObject({ action: 'created', dropped: [], untrusted: false });
    expect(result.created).toHaveLength(7);
    expect(sent(server)).toEqual([
      "IF NOT EXISTS (SELECT 1 FROM sys.configurations WHERE [name] = N'clr enabled' AND CAST([value_in_use] AS INT) = 1)",
      `IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = 0x${current.sha512})`,
      'BEGIN TRANSACTION;',
      'CREATE ASSEMBLY [Hartonomous.Clr] FROM @bits WITH PERMISSION_SET = SAFE;',
      'CREATE FUNCTION dbo.clr_CosineSimilarity(@a VARBINARY(MAX), @b VARBINARY(MAX))',
      'CREATE FUNCTION dbo.clr_DotProduct(@a VARBINARY(MAX), @b VARBINARY(MAX))',
      'CREATE FUNCTION dbo.clr_L2Distance(@a VARBINARY(MAX), @b VARBINARY(MAX))',
      'CREATE FUNCTION dbo.clr_VectorNorm(@v VARBINARY(MAX))',
      'CREATE AGGREGATE dbo.agg_VectorSum(@v VARBINARY(MAX))',
      'CREATE AGGREGATE dbo.agg_VectorMean(@v VARBINARY(MAX))',
      'CREATE AGGREGATE dbo.agg_VectorMax(@v VARBINARY(MAX))',
      'COMMIT TRANSACTION;',
    ]);
    const create = server.calls.find((c) => c.kind === 'batch' && c.text.startsWith('CREATE ASSEMBLY'));
    expect(create?.kind === 'batch' ? create.params?.bits : undefined).toEqual({ type: 'varbinary', value: currentBytes });
  });

  it('sends nothing after the trust check when sys.assembly_files already holds these bytes', async () => {
    const server = serverWith(currentBytes);
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, report);
    expect(result).toEqual({ action: 'unchanged', created: [], dropped: [], untrusted: false });
    expect(sent(server)).toHaveLength(2);
  });

  it('ALTERs when every bound signature is unchanged, then drops the old trusted hash', async () => {
    const server = serverWith(sameSignatures).on(/sp_drop_trusted_assembly/, [{ dropped: true, inUse: false }]);
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, report);
    expect(result).toEqual({ action: 'altered', created: [], dropped: [], untrusted: true });
    expect(sent(server).slice(2)).toEqual([
      'BEGIN TRANSACTION;',
      'ALTER ASSEMBLY [Hartonomous.Clr] FROM @bits WITH PERMISSION_SET = SAFE;',
      'COMMIT TRANSACTION;',
      `DECLARE @hash varbinary(64) = 0x${sha512(sameSignatures)};`,
    ]);
  });

  it('keeps the old trusted hash when another database still has an assembly with those bytes (the trusted list is server-level), and says so', async () => {
    const server = serverWith(sameSignatures).on(/sp_drop_trusted_assembly/, [{ dropped: false, inUse: true }]);
    const logs: string[] = [];
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, { ...report, log: (line: string) => logs.push(line) });
    expect(result).toEqual({ action: 'altered', created: [], dropped: [], untrusted: false });
    expect(logs).toContain('The previous trusted hash was kept: another database on this server still has an assembly with those bytes');
  });

  it('drops bindings → drops assembly → creates → bindings when a bound signature changed', async () => {
    const server = serverWith(changedSignature);
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, report);
    expect(result.action).toBe('recreated');
    const statements = sent(server).slice(2);
    expect(statements.slice(0, 10)).toEqual([
      'BEGIN TRANSACTION;',
      'DROP AGGREGATE [dbo].[agg_VectorMax];',
      'DROP AGGREGATE [dbo].[agg_VectorMean];',
      'DROP AGGREGATE [dbo].[agg_VectorSum];',
      'DROP FUNCTION [dbo].[clr_CosineSimilarity];',
      'DROP FUNCTION [dbo].[clr_DotProduct];',
      'DROP FUNCTION [dbo].[clr_L2Distance];',
      'DROP FUNCTION [dbo].[clr_VectorNorm];',
      'DROP ASSEMBLY [Hartonomous.Clr];',
      'CREATE ASSEMBLY [Hartonomous.Clr] FROM @bits WITH PERMISSION_SET = SAFE;',
    ]);
    expect(statements.filter((s) => s.startsWith('CREATE FUNCTION') || s.startsWith('CREATE AGGREGATE'))).toHaveLength(7);
    expect(statements.slice(-2)).toEqual(['COMMIT TRANSACTION;', `DECLARE @hash varbinary(64) = 0x${sha512(changedSignature)};`]);
  });

  it('creates a binding missing from the database and drops one the file no longer has, without touching the assembly', async () => {
    const server = new RecordingFakeServer();
    server.on(/FROM sys\.assemblies/, [{ assemblyId: 65536, content: currentBytes }]);
    server.on(/FROM sys\.assembly_modules/, [...BOUND.filter((b) => b.name !== 'clr_DotProduct'), { schema: 'dbo', name: 'clr_Old', type: 'FS', assemblyClass: 'Hartonomous.Clr.VectorFunctions', assemblyMethod: 'Old' }]);
    const result = await deployClr(server.open('Hartonomous'), current, bindings, signal, report);
    expect(result).toEqual({ action: 'unchanged', created: ['dbo.clr_DotProduct'], dropped: ['dbo.clr_Old'], untrusted: false });
    expect(sent(server).slice(2)).toEqual(['BEGIN TRANSACTION;', 'DROP FUNCTION [dbo].[clr_Old];', 'CREATE FUNCTION dbo.clr_DotProduct(@a VARBINARY(MAX), @b VARBINARY(MAX))', 'COMMIT TRANSACTION;']);
  });

  it('stops on a wrong EXTERNAL NAME with its file:line before sending any SQL', async () => {
    const text = readFileSync(join(repo, 'sql/clr/bindings.sql'), 'utf8').replace('[Hartonomous.Clr.VectorFunctions].[DotProduct]', '[Hartonomous.Clr.VectorFunctions].[Dot]');
    const wrong = readBindingsText(text, 'sql/clr/bindings.sql');
    const server = serverWith(undefined);
    const error = await deployClr(server.open('Hartonomous'), current, wrong, signal, report).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({ code: 'clr-binding', location: { file: 'sql/clr/bindings.sql', line: 14 }, message: expect.stringContaining('Method [Dot] of dbo.clr_DotProduct is not in Hartonomous.Clr.VectorFunctions') });
    expect(server.batches()).toEqual([]);
  });

  it('rolls back and names the bindings file line when the server rejects a binding', async () => {
    const server = serverWith(undefined);
    server.on(/CREATE AGGREGATE dbo\.agg_VectorMean/, fakeSqlError(6556, 'CREATE AGGREGATE failed because it could not find type', { lineNumber: 2 }));
    const error = await deployClr(server.open('Hartonomous'), current, bindings, signal, report).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sql-error', location: { file: join(repo, 'sql/clr/bindings.sql'), line: 32 } });
    expect(sent(server).slice(-2)).toEqual(['CREATE AGGREGATE dbo.agg_VectorMean(@v VARBINARY(MAX))', 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;']);
  });
});
