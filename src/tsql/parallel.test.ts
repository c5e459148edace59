// plan and check on two threads give what one thread gives. The worker is the compiled
// dist/tsql/analysis-worker.js (npm test builds first), so this suite drives the build: from the
// TypeScript sources there is no worker and everything runs on one thread (the other suites).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { random, writeTree } from './test-support.js';
import type { PayloadPlan } from './types.js';

type PayloadModule = typeof import('./payload.js');
type CheckModule = typeof import('./check.js');
type ParallelModule = typeof import('./parallel.js');

const DIST = join(import.meta.dirname, '..', '..', 'dist');
const built = existsSync(join(DIST, 'tsql', 'analysis-worker.js'));
if (!built) console.log('two-thread test skipped: no build in dist/ (npm run build; npm test builds first)');
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(DIST, path)).href)) as T;

/** Every phase's scripts in order, with their batches: what `plan` prints. */
const plannedBatches = (plan: PayloadPlan): unknown[] =>
  [plan.clrBindings, plan.migrations, plan.broker, plan.programmability].map((scripts) => scripts.map((s) => ({ path: s.path, file: s.file, kind: s.kind, hash: s.hash, batches: s.batches })));

const PIECES = ["'", '[', ']', '/*', '*/', '--', '\nGO\n', '\nGO 2\n', 'GO;', '\n:setvar A "1"\n', '$(A)', '$(Z)', '(', ')', 'BEGIN', 'END', 'CREATE ', 'FROM ', 'a.', ',', '\r\n'];

function mutate(text: string, rnd: () => number): string {
  let s = text;
  for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) {
    const at = Math.floor(rnd() * (s.length + 1));
    if (rnd() < 0.6) s = s.slice(0, at) + (PIECES[Math.floor(rnd() * PIECES.length)] ?? '') + s.slice(at);
    else s = s.slice(0, at) + s.slice(at + Math.floor(rnd() * 30));
  }
  return s;
}

/** A payload of a few hundred files: valid modules, mistakes the checks report, includes, CRLF, UTF-16, mutations. */
function payload(): string {
  const rnd = random(4242);
  const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tsql', 'valid');
  const real = readdirSync(fixtures, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
  const files: Record<string, string | Uint8Array> = {
    'migrations/1_Init.sql': Array.from({ length: 30 }, (_, t) => `CREATE TABLE dbo.T${t} (Id bigint NOT NULL, Name nvarchar(50) NULL, ParentId bigint NULL);\nGO\n`).join(''),
  };
  for (let p = 0; p < 240; p++) {
    const t = p % 30;
    const body = [
      `    SELECT a.Id, a.Name, b.Missing${p % 7} FROM dbo.T${t} a JOIN dbo.T${(t + 1) % 30} b ON b.ParentId = a.Id;`,
      `    INSERT INTO dbo.T${(t + 2) % 30} (Name, ParentId, Nope) VALUES (N'x', @id, 1);`,
      `    EXEC dbo.p${(p + 1) % 240} @id = @id; EXEC dbo.ghost${p % 5};`,
      p % 9 === 0 ? '    CREATE TABLE dbo.Made (Id int);' : '    SELECT 1 FROM dbo.Nowhere;',
    ];
    const text = `${p % 11 === 0 ? 'CREATE' : 'CREATE OR ALTER'} PROCEDURE dbo.p${p} @id bigint AS\nBEGIN\n${body.join('\n')}\nEND;\nGO\nGRANT EXECUTE ON dbo.p${p} TO [role${p % 3}];\nGO\n`;
    files[`programmability/procedures/p${p}.sql`] = p % 13 === 0 ? text.replace(/\n/g, '\r\n') : text;
  }
  for (let f = 0; f < 40; f++) {
    files[`programmability/functions/fn${f}.sql`] = `CREATE OR ALTER FUNCTION dbo.fn${f}() RETURNS int AS BEGIN RETURN ${f > 0 ? `dbo.fn${f - 1}()` : `dbo.fn39()`}; END;\nGO\n`;
  }
  files['programmability/inc/main.sql'] = ':setvar A "v"\nSELECT \'$(A)\';\n:r part.sql\nGO\n';
  files['programmability/inc/part.sql'] = 'SELECT 2 FROM dbo.T1;\n';
  files['programmability/utf16.sql'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("CREATE OR ALTER VIEW dbo.vZ AS SELECT N'Zürich' AS Z;\r\nGO\r\n", 'utf16le')]);
  for (let m = 0; m < 60; m++) files[`programmability/mutated/m${m}.sql`] = mutate(real[m % real.length] ?? '', rnd);
  for (let b = 0; b < 10; b++) files[`broker/b${b}.sql`] = mutate(real[b % real.length] ?? '', rnd);
  return writeTree(files);
}

describe.skipIf(!built)('plan and check on two threads (the build)', () => {
  it('order, batches, hashes and every diagnostic are those of one thread, for plan and for check', { timeout: 60_000 }, async () => {
    const { loadPayloadPlan, loadPathsPlan, remoteScript } = await load<PayloadModule>('tsql/payload.js');
    const { checkPayload } = await load<CheckModule>('tsql/check.js');
    const { AnalysisWorker } = await load<ParallelModule>('tsql/parallel.js');
    const dir = payload();
    // A payload this size does not start the worker (see WORKER_START_FILES), but a running one
    // takes its share; once the first load has let it warm up, it takes files of every load.
    expect(AnalysisWorker.get()).toBeDefined();
    await checkPayload(await loadPayloadPlan(dir, { variables: {}, parallel: true }));

    const one = await loadPayloadPlan(dir, { variables: {} });
    const two = await loadPayloadPlan(dir, { variables: {}, parallel: true });
    // The worker took its share of the files and keeps them (their trees) for the check.
    expect([...two.migrations, ...two.broker, ...two.programmability].filter((s) => remoteScript(s) !== undefined).length).toBeGreaterThan(0);
    expect(plannedBatches(two)).toEqual(plannedBatches(one));
    expect(two.diagnostics).toEqual(one.diagnostics);
    const found = await checkPayload(one);
    expect(found.length).toBeGreaterThan(100);
    expect(await checkPayload(two)).toEqual(found);
    // Checked again (the worker let go of its scripts, which are now parsed and checked here): still the same.
    expect(await checkPayload(two)).toEqual(found);

    for (const options of [{ orderOnly: true }, { orderOnly: true, root: join(dir, '..') }]) {
      const a = await loadPayloadPlan(dir, { variables: {}, ...options });
      const b = await loadPayloadPlan(dir, { variables: {}, ...options, parallel: true });
      expect(plannedBatches(b)).toEqual(plannedBatches(a));
      expect(b.diagnostics).toEqual(a.diagnostics);
    }
    const paths = [join(dir, 'programmability'), join(dir, 'nope.sql'), join(dir, 'broker', 'b1.sql')];
    const a = await loadPathsPlan(paths, { variables: { Z: 'z' }, root: dir });
    const b = await loadPathsPlan(paths, { variables: { Z: 'z' }, root: dir, parallel: true });
    expect(plannedBatches(b)).toEqual(plannedBatches(a));
    expect(await checkPayload(b, { context: one })).toEqual(await checkPayload(a, { context: one }));
  });

  it('a process that started the worker and sent it nothing still exits', () => {
    const url = pathToFileURL(join(DIST, 'tsql', 'parallel.js')).href;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `const { AnalysisWorker } = await import(${JSON.stringify(url)}); AnalysisWorker.get();`], { timeout: 20_000 });
    expect(run.status).toBe(0);
  });
});
