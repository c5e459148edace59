// npm run bench:watch — `watch` from a saved file to `deployed`, for one changed procedure, on the
// bench:tsql payload at 1× and 16×, against the recording fake session (SQL Server cannot run here;
// the time is the kit's own: change detection, re-read, check, deploy plan, journal). Printed per size,
// medians over ROUNDS saves: save → deployed through real file-system events (the debounce that
// gathers an editor's save into one round included), and the round alone (re-read, check, plan,
// send, journal). Targets: ≤ 100 ms at 1×, ≤ 300 ms at 16×. The first load and check of the whole
// payload (what `watch` does once at its start) is printed for information. Runs the built JS (dist/).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type RoundsModule = typeof import('../src/watch/sql-rounds.js');
type EventsModule = typeof import('../src/watch/file-events.js');
type LoopModule = typeof import('../src/watch/watch-loop.js');
type PathsModule = typeof import('../src/watch/watched-paths.js');
type FakeModule = typeof import('../test/support/recording-fake-session.js');
type GeneratorModule = typeof import('./tsql-payload.js');
type WatchEvent = import('../src/engine/watch-events.js').WatchEvent;

const { SqlRounds }: RoundsModule = await import(new URL('../dist/watch/sql-rounds.js', import.meta.url).href);
const { FileEvents }: EventsModule = await import(new URL('../dist/watch/file-events.js', import.meta.url).href);
const { watchLoop }: LoopModule = await import(new URL('../dist/watch/watch-loop.js', import.meta.url).href);
const { watchedKind }: PathsModule = await import(new URL('../dist/watch/watched-paths.js', import.meta.url).href);
const { RecordingFakeServer, SimulatedDatabase }: FakeModule = await import(new URL('../test/support/recording-fake-session.ts', import.meta.url).href);
const { generate }: GeneratorModule = await import(new URL('./tsql-payload.ts', import.meta.url).href);

const ROUNDS = 9;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
};

interface Result {
  scale: number;
  files: number;
  lines: number;
  start: number;
  saved: number;
  round: number;
}

async function measure(scale: number): Promise<Result> {
  const { dir, lines, files } = generate(scale);
  try {
    const server = new RecordingFakeServer();
    const db = new SimulatedDatabase(server, 'Hartonomous');
    db.exists = true;
    const events: WatchEvent[] = [];
    const rounds = new SqlRounds({ sqlDir: dir, variables: {} }, { openSession: async () => server.open('Hartonomous'), kitVersion: 'bench' }, (e) => events.push(e));
    const t0 = performance.now();
    if (!(await rounds.start())) throw new Error(`the bench payload should check clean: ${JSON.stringify(events.slice(0, 3))}`);
    const start = performance.now() - t0;
    // As after `up`: every script sent and journaled.
    await rounds.round([], true);
    const file = join(dir, 'programmability', 'procedures', 'p7.sql');
    const original = readFileSync(file, 'utf8');
    const edit = (k: number): void => writeFileSync(file, original.replace('SET NOCOUNT ON;', `SET NOCOUNT ON; -- edit ${k}`));

    // The round alone.
    const alone: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      edit(k);
      events.length = 0;
      const t = performance.now();
      await rounds.round([file]);
      alone.push(performance.now() - t);
      if (!events.some((e) => e.type === 'deployed')) throw new Error(`no deploy: ${JSON.stringify(events)}`);
    }

    // Save → deployed through the file-system watch and the loop.
    const folders = { sqlDir: dir, seedsDir: join(dir, 'no-seeds') };
    const fileEvents = new FileEvents({ roots: [dir], relevant: (p) => watchedKind(p, folders) !== undefined });
    const controller = new AbortController();
    let deployed: (() => void) | undefined;
    const loopRounds = new SqlRounds({ sqlDir: dir, variables: {} }, { openSession: async () => server.open('Hartonomous'), kitVersion: 'bench' }, (e) => {
      if (e.type === 'deployed') deployed?.();
    });
    await loopRounds.start();
    const loop = watchLoop({ events: fileEvents, folders, cwd: dir, sql: loopRounds, graph: false, phases: async () => ({ ok: true, done: [], ms: 0 }), emit: () => undefined, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    const saved: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const done = new Promise<void>((resolve) => (deployed = resolve));
      const t = performance.now();
      edit(100 + k);
      await done;
      saved.push(performance.now() - t);
    }
    controller.abort();
    await loop;
    fileEvents.close();
    return { scale, files, lines, start, saved: median(saved), round: median(alone) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Result[] = [];
for (const scale of [1, 16]) results.push(await measure(scale));
console.log(`median of ${ROUNDS} saves of one procedure, ms (recording fake session: the kit's own time)`);
console.log('size   files    lines   save→deployed   round alone   first load+check');
for (const r of results) {
  console.log(`${`${r.scale}×`.padEnd(6)} ${String(r.files).padStart(5)} ${String(r.lines).padStart(8)}  ${r.saved.toFixed(0).padStart(14)} ${r.round.toFixed(0).padStart(13)} ${r.start.toFixed(0).padStart(18)}`);
}
const [one, sixteen] = results;
if (one !== undefined && sixteen !== undefined) {
  console.log(`targets: 1× ≤ 100 ms: ${one.saved <= 100 ? 'yes' : 'NO'} (save→deployed); 16× ≤ 300 ms: ${sixteen.saved <= 300 ? 'yes' : 'NO'}`);
}
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
