// npm run bench:tsql — `check` and `plan` over a synthetic payload at 1×, 4× and 16× (1× ≈ 250 files,
// 50,000 lines: one migration, functions and views that reference each other, procedures, triggers).
// `check` and `plan` load as the CLI does (on two threads, see src/tsql/parallel.ts). Each size runs
// ROUNDS times in this process; printed: the median wall time (the best in brackets), the ratio of
// medians against 1× measured in the same run, and the median CPU of the process (all its threads,
// GC included). Targets, on the medians: 16× in ≤ 2 s, and linear growth (16× size ≤ 20× time).
// Last, for information, the 16× payload through the CLI in fresh processes (Node's start, JIT
// warm-up, the worker's start and the output included), which is what one `hart-dev check` costs.
// Runs the built JS (dist/, bin/).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type PayloadModule = typeof import('../src/tsql/payload.js');
type CheckModule = typeof import('../src/tsql/check.js');
type PlanModule = typeof import('../src/cli/plan.js');
type ParserModule = typeof import('../src/tsql/parser/index.js');

const payload: PayloadModule = await import(new URL('../dist/tsql/payload.js', import.meta.url).href);
const checker: CheckModule = await import(new URL('../dist/tsql/check.js', import.meta.url).href);
const planner: PlanModule = await import(new URL('../dist/cli/plan.js', import.meta.url).href);
const parser: ParserModule = await import(new URL('../dist/tsql/parser/index.js', import.meta.url).href);

const ROUNDS = 5;
const CLI_ROUNDS = 3;
const BIN = fileURLToPath(new URL('../bin/hart-dev.js', import.meta.url));

/** Writes a payload of `scale` × (250 files, ~50,000 lines); returns its folder and line count. */
function generate(scale: number): { dir: string; lines: number; files: number } {
  const dir = mkdtempSync(join(tmpdir(), `hart-bench-tsql-${scale}x-`));
  let lines = 0;
  let files = 0;
  const write = (path: string, text: string): void => {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    lines += text.split('\n').length;
    files++;
  };
  const tables = 40 * scale;
  const migration: string[] = [];
  for (let t = 0; t < tables; t++) {
    migration.push(
      `IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'1_Init')`,
      'BEGIN',
      `    CREATE TABLE [dbo].[T${t}] (`,
      `        [Id] bigint NOT NULL IDENTITY,`,
      ...Array.from({ length: 8 }, (_, c) => `        [C${c}] nvarchar(100) NULL,`),
      `        [ParentId] bigint NULL,`,
      `        CONSTRAINT [PK_T${t}] PRIMARY KEY ([Id])`,
      '    );',
      `    EXEC(N'ALTER TABLE [dbo].[T${t}] ADD [Extra] int NULL');`,
      'END;',
      'GO',
    );
  }
  write('migrations/1_Init.sql', `${migration.join('\n')}\n`);
  const functions = 20 * scale;
  const views = 30 * scale;
  const procedures = 190 * scale;
  const triggers = 9 * scale;
  for (let f = 0; f < functions; f++) {
    const body = Array.from({ length: 40 }, (_, k) => `    SET @r = @r + (SELECT COUNT(*) FROM dbo.T${(f + k) % tables} t WHERE t.C${k % 8} = N'x');`);
    write(`programmability/functions/fn${f}.sql`, `CREATE OR ALTER FUNCTION dbo.fn${f}(@x int)\nRETURNS int\nAS\nBEGIN\n    DECLARE @r int = 0;\n${body.join('\n')}\n    RETURN @r${f > 0 ? ` + dbo.fn${f - 1}(@x)` : ''};\nEND;\nGO\n`);
  }
  for (let v = 0; v < views; v++) {
    const cols = Array.from({ length: 30 }, (_, k) => `    a.C${k % 8} AS A${k},`);
    const source = v > 0 ? `dbo.v${v - 1}` : `dbo.T0`;
    write(`programmability/views/v${v}.sql`, `CREATE OR ALTER VIEW dbo.v${v}\nAS\nSELECT\n${cols.join('\n')}\n    a.Id, dbo.fn${v % functions}(1) AS F, p.Id AS PrevId\nFROM dbo.T${v % tables} a\nLEFT JOIN ${source} p ON p.Id = a.ParentId;\nGO\n`);
  }
  for (let p = 0; p < procedures; p++) {
    const t = p % tables;
    const body: string[] = [];
    for (let k = 0; k < 28; k++) {
      body.push(
        `    ;WITH c${k} AS (SELECT a.Id, a.C${k % 8}, a.Extra FROM dbo.T${t} a WHERE a.ParentId = @id)`,
        `    UPDATE b SET b.C${(k + 1) % 8} = c${k}.C${k % 8}`,
        `    FROM dbo.T${(t + 1) % tables} b`,
        `    JOIN c${k} ON c${k}.Id = b.ParentId`,
        `    WHERE b.Extra IS NULL; -- step ${k}`,
        `    INSERT INTO dbo.T${(t + 2) % tables} (C0, C1, ParentId) SELECT N'a', N'b', @id;`,
        `    SELECT @n = COUNT(*) FROM dbo.v${p % views} v WHERE v.A${k % 30} IS NOT NULL;`,
        '',
      );
    }
    write(
      `programmability/procedures/p${p}.sql`,
      `CREATE OR ALTER PROCEDURE dbo.p${p}\n    @id bigint,\n    @name nvarchar(100) = NULL\nAS\nBEGIN\n    SET NOCOUNT ON;\n    DECLARE @n int = 0;\n    CREATE TABLE #w (Id bigint);\n${body.join('\n')}\n    IF @n > 0 EXEC dbo.p${(p + 1) % procedures} @id = @id;\nEND;\nGO\n`,
    );
  }
  for (let g = 0; g < triggers; g++) {
    write(`programmability/triggers/trg${g}.sql`, `CREATE OR ALTER TRIGGER dbo.trg${g} ON dbo.T${g % tables} AFTER INSERT\nAS\nBEGIN\n    SET NOCOUNT ON;\n    UPDATE t SET t.Extra = 1 FROM dbo.T${g % tables} t JOIN inserted i ON i.Id = t.Id;\nEND;\nGO\n`);
  }
  return { dir, lines, files };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Timing {
  wall: number;
  best: number;
  cpu: number;
}

/** Median and best wall time and median CPU time (ms) over ROUNDS runs. */
async function time(run: () => Promise<unknown>): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpuStarted);
    walls.push(performance.now() - started);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), best: Math.min(...walls), cpu: median(cpus) };
}

/** Median wall time (ms) of the CLI in a fresh process, over CLI_ROUNDS runs. */
function cli(args: string[]): number {
  const walls: number[] = [];
  for (let r = 0; r < CLI_ROUNDS; r++) {
    const started = performance.now();
    execFileSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), stdio: 'ignore' });
    walls.push(performance.now() - started);
  }
  return median(walls);
}

const results: { scale: number; files: number; lines: number; check: Timing; plan: Timing; errors: number }[] = [];
let fresh: { check: number; plan: number } | undefined;
let parsing: { lines: number; timing: Timing } | undefined;
for (const scale of [1, 4, 16]) {
  const { dir, lines, files } = generate(scale);
  try {
    let errors = 0;
    const check = await time(async () => {
      const plan = await payload.loadPayloadPlan(dir, { variables: {}, parallel: true });
      errors = (await checker.checkPayload(plan)).filter((d) => d.severity === 'error').length;
    });
    // As `hart-dev plan` loads it: for the order only.
    const plan = await time(async () => planner.plannedBatches(await payload.loadPayloadPlan(dir, { variables: {}, orderOnly: true, parallel: true })));
    results.push({ scale, files, lines, check, plan, errors });
    if (scale === 16) {
      fresh = { check: cli(['check', '--skip-clr', '--sql-dir', dir]), plan: cli(['plan', '--json', '--sql-dir', dir]) };
      // The parser alone over every batch of the payload (read once, outside the timing).
      const loaded = await payload.loadPayloadPlan(dir, { variables: {}, orderOnly: true });
      const texts = [...loaded.migrations, ...loaded.programmability].flatMap((s) => s.batches.map((b) => b.text));
      const parseLines = texts.reduce((n, t) => n + t.split('\n').length, 0);
      const parse = await time(async () => {
        for (const t of texts) parser.parseBatch(t);
      });
      parsing = { lines: parseLines, timing: parse };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = results[0];
if (base === undefined) throw new Error('no result');
const ms = (t: Timing): string => `${t.wall.toFixed(0)} (${t.best.toFixed(0)})`;
console.log(`median of ${ROUNDS} rounds (best in brackets), ms`);
console.log('size   files    lines       check  ×1×          plan  ×1×   check cpu   plan cpu  errors');
for (const r of results) {
  console.log(
    `${`${r.scale}×`.padEnd(6)} ${String(r.files).padStart(5)} ${String(r.lines).padStart(8)}  ${ms(r.check).padStart(10)} ${(r.check.wall / base.check.wall).toFixed(1).padStart(4)}  ${ms(r.plan).padStart(12)} ${(r.plan.wall / base.plan.wall).toFixed(1).padStart(4)}  ${r.check.cpu.toFixed(0).padStart(10)} ${r.plan.cpu.toFixed(0).padStart(10)}  ${String(r.errors).padStart(6)}`,
  );
}
const top = results[results.length - 1];
if (top !== undefined) {
  const okTime = top.check.wall <= 2000 && top.plan.wall <= 2000;
  const okGrowth = top.check.wall / base.check.wall <= 20 && top.plan.wall / base.plan.wall <= 20;
  console.log(`16× check+plan within 2 s: ${okTime ? 'yes' : 'NO'}; growth ≤ 20× for 16× size: ${okGrowth ? 'yes' : 'NO'}`);
  if (top.errors > 0 || base.errors > 0) console.log('note: the synthetic payload should check clean; errors above point at a false finding');
}
if (fresh !== undefined) {
  console.log(`16× through the CLI, a fresh process each (median of ${CLI_ROUNDS}): hart-dev check --skip-clr ${fresh.check.toFixed(0)} ms, hart-dev plan --json ${fresh.plan.toFixed(0)} ms`);
}
if (parsing !== undefined) {
  const perSecond = parsing.lines / (parsing.timing.wall / 1000);
  console.log(`parser alone over the 16× payload: ${parsing.lines} lines in ${ms(parsing.timing)} ms: ${(perSecond / 1e6).toFixed(2)} M lines/s`);
}
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
