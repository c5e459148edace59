// npm run bench:tsql — `check` and `plan` over a synthetic payload at 1×, 4× and 16× (1× ≈ 250 files,
// 50,000 lines: one migration, functions and views that reference each other, procedures, triggers).
// `check` and `plan` load as the CLI does (on two threads, see src/tsql/parallel.ts). Each size runs
// ROUNDS times in this process; printed: the median wall time (the best in brackets), the ratio of
// medians against 1× measured in the same run, and the median CPU of the process (all its threads,
// GC included). Targets, on the medians: 16× check ≤ 2 s and plan ≤ 1.5 s, and linear growth (16× size ≤ 20× time).
// Last, for information, the 16× payload through the CLI in fresh processes (Node's start, JIT
// warm-up, the worker's start and the output included), which is what one `hart-dev check` costs.
// Runs the built JS (dist/, bin/).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

type PayloadModule = typeof import('../src/tsql/payload.js');
type CheckModule = typeof import('../src/tsql/check.js');
type PlanModule = typeof import('../src/cli/plan.js');
type ParserModule = typeof import('../src/tsql/parser/index.js');
type GeneratorModule = typeof import('./tsql-payload.js');

const payload: PayloadModule = await import(new URL('../dist/tsql/payload.js', import.meta.url).href);
const checker: CheckModule = await import(new URL('../dist/tsql/check.js', import.meta.url).href);
const planner: PlanModule = await import(new URL('../dist/cli/plan.js', import.meta.url).href);
const parser: ParserModule = await import(new URL('../dist/tsql/parser/index.js', import.meta.url).href);
const { generate }: GeneratorModule = await import(new URL('./tsql-payload.ts', import.meta.url).href);

const ROUNDS = 5;
const CLI_ROUNDS = 3;
const BIN = fileURLToPath(new URL('../bin/hart-dev.js', import.meta.url));

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
  const okCheck = top.check.wall <= 2000;
  const okPlan = top.plan.wall <= 1500;
  const okGrowth = top.check.wall / base.check.wall <= 20 && top.plan.wall / base.plan.wall <= 20;
  console.log(`16× check ≤ 2 s: ${okCheck ? 'yes' : 'NO'}; 16× plan ≤ 1.5 s: ${okPlan ? 'yes' : 'NO'}; growth ≤ 20× for 16× size: ${okGrowth ? 'yes' : 'NO'}`);
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
