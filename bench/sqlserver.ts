// SQL Server speed targets, measured against a real server in the same run (never made up):
//   cold `up` · warm `up` with nothing changed (target ≤ 2 s, every SQL phase skipped = no batch sent)
//   `reset` fast path vs `reset --full` (target fast ≤ 5 s and ≥ 5× faster; the fast path needs the local container)
//   10,000 × 1536 embeddings: TDS bulk load vs row INSERTs (target bulk ≤ 5 s and ≥ 20× faster)
// Run: npm run bench:sqlserver, with the local container up (hart-dev up) or HART_SQL_URL=sqlserver://sa:…@host:1433.
import { spawnSync } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import mssql from 'mssql';

const cli = fileURLToPath(new URL('../bin/hart-dev.js', import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const DIM = 1536;

interface Target {
  host: string;
  port: number;
  user: string;
  password: string;
  external: boolean;
}

function target(): Target | string {
  const url = process.env.HART_SQL_URL;
  if (url !== undefined && url !== '') {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port || 1433), user: decodeURIComponent(u.username || 'sa'), password: decodeURIComponent(u.password || process.env.HART_SQL_SA_PASSWORD || ''), external: true };
  }
  const password = process.env.HART_SQL_SA_PASSWORD;
  if (password === undefined) return 'set HART_SQL_URL (or HART_SQL_SA_PASSWORD for the local container on HART_SQL_PORT)';
  return { host: '127.0.0.1', port: Number(process.env.HART_SQL_PORT ?? 1433), user: 'sa', password, external: false };
}

function reachable(t: Target): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: t.host, port: t.port, timeout: 3000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function hart(args: string[]): { ms: number; events: { type: string; id?: string; status?: string }[] } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, ...args, '--json', '--yes'], { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`hart-dev ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  const events = result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l): { type: string; id?: string; status?: string } => JSON.parse(l));
  return { ms, events };
}

function vector(i: number): Buffer {
  const b = Buffer.alloc(DIM * 4);
  for (let d = 0; d < DIM; d++) b.writeFloatLE(Math.sin(i * 31 + d), d * 4);
  return b;
}

async function bulkVsInserts(t: Target): Promise<{ bulkMs: number; insertMs: number; insertRows: number }> {
  const pool = new mssql.ConnectionPool({ server: t.host, port: t.port, user: t.user, password: t.password, database: 'tempdb', requestTimeout: 0, pool: { max: 1 }, options: { encrypt: true, trustServerCertificate: true, appName: 'hart-dev-bench' } });
  await pool.connect();
  try {
    await pool.request().batch('CREATE TABLE #bench (Id int NOT NULL, V varbinary(max) NOT NULL);');
    const table = new mssql.Table('#bench');
    table.create = false;
    table.columns.add('Id', mssql.Int, { nullable: false });
    table.columns.add('V', mssql.VarBinary(mssql.MAX), { nullable: false });
    for (let i = 0; i < ROWS; i++) table.rows.add(i, vector(i));
    let start = process.hrtime.bigint();
    await pool.request().bulk(table, { checkConstraints: true });
    const bulkMs = Number(process.hrtime.bigint() - start) / 1e6;
    await pool.request().batch('TRUNCATE TABLE #bench;');
    // Row INSERTs of the same rows (a tenth, scaled: the full count would take minutes), same session.
    const insertRows = Math.max(1, Math.floor(ROWS / 10));
    start = process.hrtime.bigint();
    for (let i = 0; i < insertRows; i++) await pool.request().input('id', mssql.Int, i).input('v', mssql.VarBinary(mssql.MAX), vector(i)).query('INSERT INTO #bench (Id, V) VALUES (@id, @v);');
    const insertMs = Number(process.hrtime.bigint() - start) / 1e6;
    return { bulkMs, insertMs, insertRows };
  } finally {
    await pool.close();
  }
}

const t = target();
if (typeof t === 'string') {
  console.error(`bench:sqlserver needs a SQL Server and measures nothing without one: ${t}.`);
  process.exit(2);
}
if (!(await reachable(t))) {
  console.error(`bench:sqlserver: no SQL Server answers at ${t.host}:${t.port}; no numbers are printed without a server. Start one with \`hart-dev up\` or set HART_SQL_URL.`);
  process.exit(2);
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const SQL_PHASES = ['database', 'migration', 'broker', 'programmability', 'seed', 'verify'];

const cold = hart(['reset', '--full']);
console.log(`cold up (reset --full: drop + full deploy, images present): ${s(cold.ms)}`);
const warm = hart(['up']);
const sent = warm.events.filter((e) => e.type === 'phase-finished' && e.id !== undefined && SQL_PHASES.includes(e.id) && e.status !== 'skipped').map((e) => e.id);
console.log(`warm up, nothing changed: ${s(warm.ms)} (target ≤ 2 s) ${warm.ms <= 2000 ? 'OK' : 'SLOW'}; ${sent.length === 0 ? 'no SQL phase sent a batch' : `phases that did work: ${sent.join(', ')}`}`);
if (t.external) {
  console.log('reset fast path: not measured (the golden backup lives in the local container volume; HART_SQL_URL is external)');
} else {
  const full = hart(['reset', '--full']);
  const fast = hart(['reset']);
  const ratio = full.ms / fast.ms;
  console.log(`reset fast ${s(fast.ms)} vs reset --full ${s(full.ms)}: ${ratio.toFixed(1)}× (target fast ≤ 5 s and ≥ 5×) ${fast.ms <= 5000 && ratio >= 5 ? 'OK' : 'MISSED'}`);
}
const { bulkMs, insertMs, insertRows } = await bulkVsInserts(t);
const perRowInsert = insertMs / insertRows;
const insertAll = perRowInsert * ROWS;
const ratio = insertAll / bulkMs;
console.log(`${ROWS} × ${DIM} embeddings: bulk ${s(bulkMs)} vs row INSERTs ${s(insertAll)} (${insertRows} measured, scaled to ${ROWS}): ${ratio.toFixed(1)}× (target bulk ≤ 5 s and ≥ 20×) ${bulkMs <= 5000 && ratio >= 20 ? 'OK' : 'MISSED'}`);
