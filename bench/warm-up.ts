// npm run bench:warm-up — the warm path of `hart-dev up --only sqlserver,neo4j`: both containers
// already running with an unchanged spec and healthy, each re-checked with one login. Median wall time of the built CLI over RUNS runs,
// beside `docker inspect <both>` measured in the same run (the floor: one engine round trip from a
// native client). Targets: ≤ 500 ms and ≤ 3× the docker inspect figure.
//
// Beside the wall time it prints the CPU time of each `up` (process.cpuUsage at exit, startup
// included), with Node's compile cache (bin/hart-dev.js enables it) and without it
// (NODE_DISABLE_COMPILE_CACHE=1): CPU time stays meaningful on a busy machine where wall time does not.
//
// The containers come from HART_SQL_IMAGE / HART_NEO4J_IMAGE when set (images that answer a login: a
// reused container counts as ready only after one), else the stand-in images of the integration
// tests, which never answer a login: with them every run waits for one until HART_READY_TIMEOUT and
// fails. In a throwaway project on free ports, removed at the end. Runs dist/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Standins = typeof import('../test/support/docker-standins.js');
type ConfigModule = typeof import('../src/config/load.js');
type ConnectModule = typeof import('../src/docker/connect.js');
type SpecsModule = typeof import('../src/docker/service-specs.js');
type LifecycleModule = typeof import('../src/docker/service-container.js');

const RUNS = 11;
const root = new URL('..', import.meta.url);
const dist = (path: string): string => new URL(`dist/${path}`, root).href;
const bin = process.env.HART_BENCH_BIN ?? fileURLToPath(new URL('bin/hart-dev.js', root));

const standins: Standins = await import(new URL('test/support/docker-standins.ts', root).href);
const { loadConfig }: ConfigModule = await import(dist('config/load.js'));
const { openDocker }: ConnectModule = await import(dist('docker/connect.js'));
const specs: SpecsModule = await import(dist('docker/service-specs.js'));
const lifecycle: LifecycleModule = await import(dist('docker/service-container.js'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): { ms: number; status: number | null; stdout: string; stderr: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
  return { ms: performance.now() - started, status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** Loaded before the CLI: prints the process's CPU time (user + system, since it started) at exit. */
const CPU_PROBE =
  'data:text/javascript,' +
  encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\nhart-bench-cpu-us=' + (u.user + u.system) + '\\n'); });");

function cpuMs(stderr: string): number {
  const match = /hart-bench-cpu-us=(\d+)/.exec(stderr);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]) / 1000;
}

/** Phase durations from the NDJSON events of `up --json`: shows where the wall time goes. */
function phaseDurations(ndjson: string): Map<string, number> {
  const durations = new Map<string, number>();
  for (const line of ndjson.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event: unknown = JSON.parse(line);
    if (typeof event === 'object' && event !== null && 'type' in event && event.type === 'phase-finished' && 'id' in event && 'durationMs' in event) {
      if (typeof event.id === 'string' && typeof event.durationMs === 'number') durations.set(event.id, event.durationMs);
    }
  }
  return durations;
}

const { docker } = await openDocker(process.env);
await standins.buildStandinImages(docker);
const project = `hart-bench-${process.pid}`;
const cwd = mkdtempSync(join(tmpdir(), `${project}-`));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CI: '1',
  HART_PROJECT: project,
  HART_SQL_IMAGE: process.env.HART_SQL_IMAGE ?? standins.STANDIN_IMAGES.sqlserver,
  HART_NEO4J_IMAGE: process.env.HART_NEO4J_IMAGE ?? standins.STANDIN_IMAGES.neo4j,
  HART_SQL_PORT: String(await freePort()),
  HART_NEO4J_BOLT_PORT: String(await freePort()),
  HART_NEO4J_HTTP_PORT: String(await freePort()),
  HART_ACCEPT_EULA: 'Y',
};

const names = [specs.containerName(project, 'sqlserver'), specs.containerName(project, 'neo4j')];
try {
  // The same configuration the CLI will load (passwords persisted in <cwd>/.hart), so the specs match.
  const config = loadConfig({ cwd, env, persistGenerated: true });
  const signal = new AbortController().signal;
  const report = { status: () => undefined, progress: () => undefined };
  await lifecycle.ensureServiceContainer(docker, specs.sqlServerSpec(config, { eulaAccepted: true }), { report, signal });
  await lifecycle.ensureServiceContainer(docker, specs.neo4jSpec(config), { report, signal });
  const deadline = Date.now() + 60_000;
  for (const name of names) {
    while ((await docker.getContainer(name).inspect()).State.Health?.Status !== 'healthy') {
      if (Date.now() > deadline) throw new Error(`${name} did not turn healthy`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const up = (extra: NodeJS.ProcessEnv = {}): ReturnType<typeof timed> =>
    timed(process.execPath, ['--import', CPU_PROBE, bin, 'up', '--only', 'sqlserver,neo4j', '--json'], { cwd, env: { ...env, ...extra } });
  const first = up();
  if (first.status !== 0) throw new Error(`hart-dev up --only sqlserver,neo4j failed (exit ${first.status}):\n${first.stderr}`);
  const inspect = (): ReturnType<typeof timed> => timed('docker', ['inspect', ...names], { cwd, env });
  const probe = inspect();
  if (probe.status !== 0) throw new Error(`docker inspect failed (is the docker CLI installed?): ${probe.stderr}`);

  const upTimes: number[] = [];
  const upCpu: number[] = [];
  const noCacheCpu: number[] = [];
  const inspectTimes: number[] = [];
  const phaseTimes = new Map<string, number[]>();
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so both see the same machine load.
    inspectTimes.push(inspect().ms);
    const run = up();
    if (run.status !== 0) throw new Error(`run ${i + 1} failed: ${run.stderr}`);
    upTimes.push(run.ms);
    upCpu.push(cpuMs(run.stderr));
    const uncached = up({ NODE_DISABLE_COMPILE_CACHE: '1' });
    if (uncached.status !== 0) throw new Error(`run ${i + 1} without compile cache failed: ${uncached.stderr}`);
    noCacheCpu.push(cpuMs(uncached.stderr));
    for (const [id, ms] of phaseDurations(run.stdout)) phaseTimes.set(id, [...(phaseTimes.get(id) ?? []), ms]);
  }
  const upMs = median(upTimes);
  const inspectMs = median(inspectTimes);
  const ratio = upMs / inspectMs;
  console.log(`Warm path: both containers running, unchanged and healthy; median of ${RUNS} runs`);
  console.log(`  docker inspect <both> (baseline)        ${inspectMs.toFixed(0).padStart(6)} ms`);
  console.log(`  hart-dev up --only sqlserver,neo4j      ${upMs.toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}× the baseline`);
  for (const [id, times] of phaseTimes) console.log(`    of which phase ${id.padEnd(24)}${median(times).toFixed(0).padStart(6)} ms`);
  console.log(`  CPU time of up, compile cache on           ${median(upCpu).toFixed(0).padStart(6)} ms`);
  console.log(`  CPU time of up, NODE_DISABLE_COMPILE_CACHE=1 ${median(noCacheCpu).toFixed(0).padStart(4)} ms`);
  console.log(`  load average (1 min) ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`);
  console.log(`  target ≤ 500 ms: ${upMs <= 500 ? 'met' : 'NOT met'}; target ≤ 3× docker inspect: ${ratio <= 3 ? 'met' : 'NOT met'}`);
} finally {
  for (const name of names) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
  for (const service of ['sqlserver', 'neo4j'] as const) await docker.getVolume(specs.volumeName(project, service)).remove().catch(() => undefined);
  rmSync(cwd, { recursive: true, force: true });
}
