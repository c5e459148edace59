import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { run as reset } from './reset.js';
import { run as seed } from './seed.js';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function capture(env: NodeJS.ProcessEnv): { io: CommandIo; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const stream = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const cwd = mkdtempSync(join(tmpdir(), 'hart-reset-'));
  folders.push(cwd);
  const io: CommandIo = {
    stdout: stream((s) => (out += s)),
    stderr: stream((s) => (err += s)),
    env: { HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd!', HART_NEO4J_PASSWORD: 'Neo4j.Passw0rd', ...env },
    cwd,
    stderrIsTTY: false,
    stdinIsTTY: false,
    signal: new AbortController().signal,
  };
  return { io, stdout: () => out, stderr: () => err };
}

const REMOTE = { HART_NEO4J_URL: 'bolt://graph.team.example:7687' };

describe('hart-dev reset and seed (command level, nothing reached)', () => {
  it('reset refuses a Neo4j on another machine without --yes, before asking or touching SQL Server', async () => {
    const { io } = capture(REMOTE);
    await expect(reset([], io)).rejects.toMatchObject({
      message: 'Refusing to empty the Neo4j at bolt://graph.team.example:7687: it is not on this machine',
      hint: expect.stringContaining('run again with --yes'),
      exitCode: 2,
    });
  });

  it('without the graph reset in the run, a remote Neo4j is no reason to refuse; the confirmation still is', async () => {
    const { io } = capture(REMOTE);
    await expect(reset(['--skip', 'neo4j-reset'], io)).rejects.toMatchObject({ message: 'reset changes data and needs confirmation' });
  });

  it('reset --only with an unknown phase names the phases of reset', async () => {
    const { io } = capture({});
    await expect(reset(['--yes', '--only', 'nope'], io)).rejects.toMatchObject({
      message: 'Unknown phase "nope"',
      hint: expect.stringContaining('clr-build, reset-database, database, filestream'),
    });
  });

  it('reset --help and seed --help say what each store gets', async () => {
    // The help is wrapped to the terminal: read it as one line.
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    const r = capture({});
    expect(await reset(['--help'], r.io)).toBe(0);
    expect(flat(r.stdout())).toContain('the Neo4j graph is emptied (batched DETACH DELETE), then its schema');
    expect(flat(r.stdout())).toMatch(/Phases: .*reset-database.*neo4j-reset, neo4j-schema, neo4j-seed, neo4j-verify/);
    const s = capture({});
    expect(await seed(['--help'], s.io)).toBe(0);
    expect(flat(s.stdout())).toContain('With --target only that SQL Server is seeded: the local database and the Neo4j graph are left alone.');
    expect(flat(s.stdout())).toMatch(/Phases: .*\bseed\b.*neo4j-seed/);
  });
});
