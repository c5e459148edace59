// Real Mono builds (mcs, .NET Framework 4.x profile): the payload's CLR assembly and small DLLs
// compiled here; the metadata reader, `clr bindings` and the binding check on them; the build cache.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBindings, checkClrBindings, readBindingsFile } from '../../src/clr/bindings-check.js';
import { readBindingsText } from '../../src/clr/bindings-file.js';
import { generateBindings } from '../../src/clr/bindings-generate.js';
import { buildClr } from '../../src/clr/build/build-clr.js';
import { monoToolchain } from '../../src/clr/build/toolchains.js';
import { runTool, type Exec } from '../../src/clr/build/run-tool.js';
import { entryPoints } from '../../src/clr/entry-points.js';
import { readAssembly, type AssemblyModel } from '../../src/clr/metadata/assembly-model.js';
import { run as runClrCommand } from '../../src/cli/clr.js';
import { HartError } from '../../src/engine/errors.js';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = join(repo, 'test/fixtures/clr');
let work: string;
let payloadDll: string;
let payload: AssemblyModel;
let sampleDll: string;
let sample: AssemblyModel;

function mcs(out: string, sources: string[]): void {
  execFileSync('mcs', ['-target:library', '-sdk:4.5', '-r:System.Data.dll', `-out:${out}`, ...sources], { stdio: 'pipe' });
}

function countingExec(counter: { runs: number }): Exec {
  return async (command, args, options) => {
    counter.runs += 1;
    return runTool(command, args, options);
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hart-clr-'));
  const artifact = await buildClr({
    sqlDir: join(repo, 'sql'),
    stateDir: join(work, 'state'),
    env: process.env,
    signal: new AbortController().signal,
    toolchains: [monoToolchain],
  });
  payloadDll = artifact.dll;
  payload = readAssembly(readFileSync(payloadDll), payloadDll);
  sampleDll = join(work, 'Sample.dll');
  mcs(sampleDll, [join(fixtures, 'Sample.cs')]);
  sample = readAssembly(readFileSync(sampleDll), sampleDll);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the payload assembly built with Mono', () => {
  it('is Hartonomous.Clr for .NET Framework 4.x, referencing System.Data', () => {
    expect(payload.name).toBe('Hartonomous.Clr');
    expect(payload.version).toBe('1.0.0.0');
    expect(payload.runtimeVersion).toBe('v4.0.30319');
    expect(payload.references.map((r) => r.name)).toContain('System.Data');
  });

  it('declares the vector functions and aggregates others bind to', () => {
    const points = entryPoints(payload).map((e) => `${e.kind}:${e.sqlName}`).sort();
    expect(points).toEqual([
      'aggregate:agg_VectorMax', 'aggregate:agg_VectorMean', 'aggregate:agg_VectorSum',
      'function:clr_CosineSimilarity', 'function:clr_DotProduct', 'function:clr_L2Distance', 'function:clr_VectorNorm',
    ]);
  });

  it('reads Format.UserDefined, MaxByteSize -1 and IBinarySerialize on every aggregate', () => {
    for (const name of ['VectorSum', 'VectorMean', 'VectorMax']) {
      const type = payload.types.find((t) => t.fullName === `Hartonomous.Clr.${name}`);
      const attr = type?.attributes.find((a) => a.type === 'Microsoft.SqlServer.Server.SqlUserDefinedAggregateAttribute');
      expect(attr?.fixed[0]).toEqual({ type: 'Microsoft.SqlServer.Server.Format', value: 2 });
      expect(attr?.named.MaxByteSize).toEqual({ type: 'System.Int32', value: -1 });
      expect(type?.interfaces).toContain('Microsoft.SqlServer.Server.IBinarySerialize');
    }
  });

  it('reads SqlFunction named arguments (Name, IsDeterministic, DataAccess enum)', () => {
    const fn = payload.types.find((t) => t.fullName === 'Hartonomous.Clr.VectorFunctions')?.methods.find((m) => m.name === 'CosineSimilarity');
    const attr = fn?.attributes[0];
    expect(attr?.named.Name?.value).toBe('clr_CosineSimilarity');
    expect(attr?.named.IsDeterministic?.value).toBe(true);
    expect(attr?.named.DataAccess).toEqual({ type: 'Microsoft.SqlServer.Server.DataAccessKind', value: 0 });
    expect(fn?.params.map((p) => `${p.name}:${p.type}`)).toEqual(['a:System.Data.SqlTypes.SqlBytes', 'b:System.Data.SqlTypes.SqlBytes']);
  });

  it('generates exactly the statements of sql/clr/bindings.sql', async () => {
    const generated = readBindingsText(generateBindings(payload), 'generated.sql').batches.map((b) => b.text.trim()).sort();
    const file = await readBindingsFile(join(repo, 'sql/clr/bindings.sql'));
    const written = file.statements.map((s) => s.batch.text.replace(/^(--.*\n|\s*\n)*/, '').trim()).sort();
    expect(written).toEqual(generated);
  });

  it('passes the binding check of sql/clr/bindings.sql without a diagnostic', async () => {
    expect(await checkClrBindings(join(repo, 'sql/clr/bindings.sql'), payloadDll)).toEqual([]);
  });
});

describe('the build cache', () => {
  it('does not run the compiler again for unchanged sources, and does after a change', async () => {
    const sqlDir = join(work, 'payload-copy');
    cpSync(join(repo, 'sql/clr'), join(sqlDir, 'clr'), { recursive: true });
    const stateDir = join(work, 'cache-state');
    const counter = { runs: 0 };
    const options = { sqlDir, stateDir, env: process.env, signal: new AbortController().signal, toolchains: [monoToolchain], exec: countingExec(counter) };
    const first = await buildClr(options);
    expect(first).toMatchObject({ toolchain: 'mono', cached: false });
    const builtAt = statSync(first.dll).mtimeMs;
    const second = await buildClr(options);
    expect(counter.runs).toBe(1);
    expect(second).toEqual({ ...first, cached: true });
    expect(statSync(second.dll).mtimeMs).toBe(builtAt);

    writeFileSync(join(sqlDir, 'clr', 'Extra.cs'), 'namespace Hartonomous.Clr { internal static class Extra { } }\n');
    const third = await buildClr(options);
    expect(counter.runs).toBe(2);
    expect(third.cached).toBe(false);
    expect(third.dll).not.toBe(first.dll);
  });

  it('reports a C# error with its file:line', async () => {
    const sqlDir = join(work, 'broken');
    cpSync(join(repo, 'sql/clr'), join(sqlDir, 'clr'), { recursive: true });
    writeFileSync(join(sqlDir, 'clr', 'Broken.cs'), 'namespace Hartonomous.Clr {\n  internal static class Broken { int x = ; }\n}\n');
    const error = await buildClr({ sqlDir, stateDir: join(work, 'broken-state'), env: process.env, signal: new AbortController().signal, toolchains: [monoToolchain] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({ code: 'clr-build', location: { file: expect.stringMatching(/Broken\.cs$/), line: 2 } });
  });

  it('says how to get a toolchain when there is none', async () => {
    const none = { ...monoToolchain, available: async () => false };
    await expect(buildClr({ sqlDir: join(repo, 'sql'), stateDir: join(work, 'none'), env: process.env, signal: new AbortController().signal, toolchains: [none] }))
      .rejects.toMatchObject({ code: 'clr-no-toolchain', hint: expect.stringMatching(/\.NET SDK.*Mono.*Docker.*HART_CLR_DLL/s) });
  });
});

describe('small DLLs compiled in the test', () => {
  it('reads a namespace-less class, a SqlString parameter, an OUTPUT parameter and a struct aggregate', () => {
    const text = sample.types.find((t) => t.fullName === 'TextFunctions');
    expect(text).toMatchObject({ namespace: '', name: 'TextFunctions', isPublic: true });
    expect(text?.methods.find((m) => m.name === 'Length')?.params).toMatchObject([{ name: 's', type: 'System.Data.SqlTypes.SqlString' }]);
    const echo = sample.types.find((t) => t.fullName === 'Sample.Tools.Procedures')?.methods.find((m) => m.name === 'Echo');
    expect(echo?.params.map((p) => [p.name, p.type, p.out])).toEqual([
      ['message', 'System.Data.SqlTypes.SqlString', false],
      ['length', 'System.Data.SqlTypes.SqlInt32&', true],
    ]);
    expect(sample.types.find((t) => t.fullName === 'Sample.Tools.CountNonNull')?.isValueType).toBe(true);
  });

  it('prints bindings in the documented EXTERNAL NAME syntax', () => {
    expect(generateBindings(sample)).toBe(
      [
        'CREATE FUNCTION dbo.Length(@s NVARCHAR(MAX))\nRETURNS INT\nAS EXTERNAL NAME [Sample].[TextFunctions].[Length];\nGO\n',
        'CREATE PROCEDURE dbo.usp_Echo(@message NVARCHAR(MAX), @length INT OUTPUT)\nAS EXTERNAL NAME [Sample].[Sample.Tools.Procedures].[Echo];\nGO\n',
        'CREATE AGGREGATE dbo.CountNonNull(@v FLOAT)\nRETURNS INT\nEXTERNAL NAME [Sample].[Sample.Tools.CountNonNull];\nGO\n',
      ].join('\n'),
    );
  });

  it('accepts its own generated bindings', () => {
    expect(checkBindings(readBindingsText(generateBindings(sample), 'generated.sql'), sample)).toEqual([]);
  });

  it('catches each wrong EXTERNAL NAME with its file:line and what the DLL has', async () => {
    const file = join(fixtures, 'wrong-bindings.sql');
    const found = (await checkClrBindings(file, sampleDll)).map((d) => `${d.line} ${d.severity} ${d.rule}: ${d.message}${d.hint === undefined ? '' : ` | ${d.hint}`}`);
    expect(found).toEqual([
      '4 error clr-binding-method: Method [Lenght] of dbo.Length is not in TextFunctions | Public static methods of TextFunctions: static TextFunctions.Length(SqlString s).',
      '8 error clr-binding-class: Class [Sample.Tools.countnonnull] of dbo.CountNonNull is not in Sample | The DLL has [Sample.Tools.CountNonNull] (class names are case-sensitive and namespace-qualified).',
      '12 error clr-binding-method: Sample.Tools.Helpers.Instance is not static; a SQL CLR function must be a static method | Declare it public static.',
      '14 error clr-binding-params: dbo.usp_Echo declares 1 parameter(s); the DLL\'s method has 2: static Sample.Tools.Procedures.Echo(SqlString message, SqlInt32& length)',
      '17 error clr-binding-type: Parameter @s of dbo.Length2 is INT; the DLL\'s s is System.Data.SqlTypes.SqlString | Use the T-SQL type SQL Server maps to that CLR type (see `hart-dev clr bindings`).',
      '23 error clr-binding-name: EXTERNAL NAME of dbo.Agg2 has 4 part(s); a aggregate names [Assembly].[Class] | Bracket a namespace-qualified class as one part: [Hartonomous.Clr].[Hartonomous.Clr.VectorSum].',
    ]);
  });
});

describe('bad input to the metadata reader', () => {
  it('rejects files that are not .NET assemblies with a clear error', () => {
    expect(() => readAssembly(Buffer.from('hello'), 'x.dll')).toThrow(/x\.dll is not a readable \.NET assembly: it does not start with "MZ"/);
    expect(() => readAssembly(Buffer.alloc(0), 'empty.dll')).toThrow(HartError);
  });

  it('never crashes on truncated or mutated bytes (fuzz)', () => {
    const original = readFileSync(payloadDll);
    let rejected = 0;
    const seed = randomBytes(4).readUInt32LE(0);
    let state = seed;
    const next = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state;
    };
    for (let i = 0; i < 400; i++) {
      const bytes = i % 4 === 0 ? original.subarray(0, next() % original.length) : Buffer.from(original);
      if (i % 4 !== 0) for (let k = 0; k < 1 + (i % 8); k++) bytes[next() % bytes.length] = next() & 0xff;
      try {
        readAssembly(bytes, 'fuzz.dll');
      } catch (error) {
        // Anything else than a HartError would be a crash the user sees as a stack trace.
        if (!(error instanceof HartError)) throw new Error(`seed ${seed}, case ${i}: ${String(error)}`, { cause: error });
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('hart-dev clr', () => {
  function io(cwd: string, env: NodeJS.ProcessEnv): { io: Parameters<typeof runClrCommand>[1]; out: () => string; err: () => string } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    return { io: { stdout, stderr, env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal }, out: () => out, err: () => err };
  }

  it('clr build --json prints dll, sha512, toolchain and cached', async () => {
    const cwd = join(work, 'cli');
    cpSync(join(repo, 'sql/clr'), join(cwd, 'sql', 'clr'), { recursive: true });
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const first = io(cwd, env);
    expect(await runClrCommand(['build', '--json'], first.io)).toBe(0);
    const result: unknown = JSON.parse(first.out());
    expect(result).toMatchObject({ toolchain: expect.stringMatching(/^(dotnet|mono)$/), cached: false, sha512: expect.stringMatching(/^[0-9a-f]{128}$/) });
    const again = io(cwd, env);
    expect(await runClrCommand(['build', '--json'], again.io)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ cached: true });
  });

  it('clr bindings --dll prints the statements of that DLL', async () => {
    const run = io(work, { PATH: process.env.PATH ?? '' });
    expect(await runClrCommand(['bindings', '--dll', sampleDll], run.io)).toBe(0);
    expect(run.out()).toContain('CREATE PROCEDURE dbo.usp_Echo(@message NVARCHAR(MAX), @length INT OUTPUT)');
  });
});
