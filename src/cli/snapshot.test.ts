// `hart-dev snapshot`: what a user sees for bad input, an unknown snapshot, and the list (no server needed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { recordSnapshot } from '../snapshot/manifest.js';
import type { CommandIo } from './io.js';
import { runCli } from './main.js';
import { snapshotListLines } from './snapshot-list.js';

function cli(cwd = mkdtempSync(join(tmpdir(), 'hart-snapshot-cli-'))) {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CommandIo = { stdout, stderr, env: { HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd!', HART_NEO4J_PASSWORD: 'graph-Secret-9' }, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal };
  return { cwd, run: async (...args: string[]) => ({ code: await runCli(['snapshot', ...args], io), out: () => out, err: () => err }) };
}

const entry = {
  name: 'before-demo',
  createdAt: '2026-12-04T19:05:31.123Z',
  kitVersion: '0.1.0',
  message: 'seeded, before the demo',
  sql: { database: 'Hartonomous', file: '/var/opt/mssql/backup/snapshots/Hartonomous.before-demo.bak', bytes: 5_400_000, sha256: 'a'.repeat(64), compressed: true, fingerprint: null, scripts: 40 },
  graph: { file: 'snapshots/before-demo.graph.ndjson.gz', bytes: 1_200_000, sha256: 'b'.repeat(64), nodes: 1004, relationships: 6001, constraints: 4, indexes: 1, fingerprint: null },
};

describe('hart-dev snapshot', () => {
  it('refuses a bad name, a missing name, an unknown subcommand and misplaced flags with exit 2 and what to do', async () => {
    const bad = await cli().run('save', '../etc');
    expect(bad.code).toBe(2);
    expect(bad.err()).toContain('✖ "../etc" is not a snapshot name');
    expect(bad.err()).toContain('e.g. before-migration');
    expect((await cli().run('restore')).err()).toContain('✖ snapshot restore needs a NAME');
    expect((await cli().run('take', 'x')).code).toBe(2);
    const misplaced = await cli().run('save', 'x', '--as', 'Copy');
    expect(misplaced.code).toBe(2);
    expect(misplaced.err()).toContain('--as belongs to snapshot restore');
    expect((await cli().run('save', 'x', '--only', 'both')).err()).toContain('--only "both" is not sql or graph');
    const external = await cli().run('save', 'x', '--sql-url', 'sqlserver://sa@db.example:1433');
    expect(external.code).toBe(2);
    expect(external.err()).toContain('HART_SQL_BACKUP_DIR');
    const noArgs = await cli().run();
    expect(noArgs.code).toBe(2);
    expect(noArgs.err()).toContain('Usage: hart-dev snapshot save NAME');
  });

  it('a snapshot that does not exist is a clear error naming the nearest, before anything runs', async () => {
    const c = cli();
    recordSnapshot(join(c.cwd, '.hart'), entry);
    const missing = await c.run('restore', 'before-dem', '--yes');
    expect(missing.code).toBe(2);
    expect(missing.err()).toContain('✖ No snapshot named "before-dem"');
    expect(missing.err()).toContain('Did you mean "before-demo"?');
    expect((await c.run('restore', 'before-demo', '--as', 'Copy', '--only', 'graph')).err()).toContain('--as restores the database, not the graph');
    const asMain = await c.run('restore', 'before-demo', '--as', 'hartonomous');
    expect(asMain.err()).toContain('--as hartonomous is the main database');
  });

  it('restore and delete need --yes when not interactive', async () => {
    const c = cli();
    recordSnapshot(join(c.cwd, '.hart'), entry);
    const restore = await c.run('restore', 'before-demo');
    expect(restore.code).toBe(2);
    expect(restore.err().replace(/\s+/g, ' ')).toContain('or pass --yes: hart-dev snapshot restore before-demo --yes');
    const remove = await c.run('delete', 'before-demo');
    expect(remove.code).toBe(2);
    expect(remove.err().replace(/\s+/g, ' ')).toContain('or pass --yes: hart-dev snapshot delete before-demo --yes');
  });

  it('lists snapshots as a table, or the manifest entries with --json; an empty list says how to take one', async () => {
    const empty = await cli().run('list');
    expect(empty.code).toBe(0);
    expect(empty.err()).toBe('No snapshots yet: take one with hart-dev snapshot save NAME.\n');
    const c = cli();
    recordSnapshot(join(c.cwd, '.hart'), entry);
    const listed = await c.run('list', '--json');
    expect(JSON.parse(listed.out())).toEqual({ snapshots: [entry] });
    expect(snapshotListLines([entry], 120).join('\n')).toMatchInlineSnapshot(`
      "NAME         CREATED               DATABASE            GRAPH              MESSAGE
      before-demo  2026-12-04 19:05 UTC  Hartonomous 5.1 MB  1004 nodes 1.1 MB  seeded, before the demo"
    `);
    expect(snapshotListLines([entry], 50)).toEqual([
      'before-demo  2026-12-04 19:05 UTC',
      '  database  Hartonomous 5.1 MB',
      '  graph     1004 nodes 1.1 MB',
      '  message   seeded, before the demo',
    ]);
  });
});
