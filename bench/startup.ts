// Startup time of the CLI against bare Node, measured in the same run: median wall time of
// `hart-dev --version` and `hart-dev --help` over RUNS runs each, as a ratio to `node -e 0`.
// Target: ≤ 2.5× (Ink, React, mssql and dockerode load only when a command needs them).
// Run: npm run bench:startup (builds first).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const TARGET = 2.5;
const cli = fileURLToPath(new URL('../bin/hart-dev.js', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['hart-dev --version', [cli, '--version']],
  ['hart-dev --help', [cli, '--help']],
];
// Interleave the cases so machine load affects them alike; one warm-up round first.
for (const [, args] of cases) time(args);
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let i = 0; i < RUNS; i++) for (const [name, args] of cases) samples.get(name)?.push(time(args));

const baseline = median(samples.get('node -e 0') ?? []);
let worst = 0;
for (const [name] of cases) {
  const m = median(samples.get(name) ?? []);
  const ratio = m / baseline;
  if (name !== 'node -e 0') worst = Math.max(worst, ratio);
  console.log(`${name.padEnd(20)} median ${m.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}× bare node`);
}
console.log(`${RUNS} runs each; target ≤ ${TARGET}×: ${worst <= TARGET ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×)`);
