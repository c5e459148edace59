import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HartEvent } from '../engine/events.js';
import type { CommandIo } from './io.js';
import { loadConfig } from '../config/load.js';
import { wrapBlock } from '../ui/wrap.js';
import { run, upHelp, upSummary } from './up.js';

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
  const io: CommandIo = {
    stdout: stream((s) => (out += s)),
    stderr: stream((s) => (err += s)),
    env,
    cwd: mkdtempSync(join(tmpdir(), 'hart-up-')),
    stderrIsTTY: false,
    stdinIsTTY: false,
    signal: new AbortController().signal,
  };
  return { io, stdout: () => out, stderr: () => err };
}

const events = (text: string): HartEvent[] => text.trim().split('\n').map((line) => JSON.parse(line));

describe('hart-dev up (command level)', () => {
  it('a failing phase: exit 1, NDJSON with the error, hint and location, nothing on stderr', async () => {
    const { io, stdout, stderr } = capture({ HART_TEST_PHASES: 'fail' });
    expect(await run(['--json', '--only', 'test-fail'], io)).toBe(1);
    expect(stderr()).toBe('');
    const list = events(stdout());
    expect(list.map((e) => e.type)).toEqual(['run-started', 'phase-started', 'phase-log', 'phase-finished', 'run-finished']);
    expect(list[3]).toMatchObject({
      status: 'failed',
      error: { message: 'The failing test phase fails on purpose', hint: 'Unset HART_TEST_PHASES.', location: { file: 'sql/test.sql', line: 3 } },
    });
  });

  it('a bad flag value: exit 2 naming the flag; an unknown option or phase: exit 2 with what to do', async () => {
    const bad = capture({});
    expect(await run(['--json', '--sql-port', 'x'], bad.io)).toBe(2);
    expect(events(bad.stdout())).toEqual([
      expect.objectContaining({ type: 'run-finished', exitCode: 2, error: expect.objectContaining({ message: 'HART_SQL_PORT "x" from flag --sql-port is not a whole number' }) }),
    ]);
    const unknown = capture({});
    expect(await run(['--frobnicate'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toContain("Unknown option '--frobnicate'");
    expect(unknown.stderr()).toContain("Run 'hart-dev up --help' for the options.");
    const phase = capture({});
    expect(await run(['--only', 'nope'], phase.io)).toBe(2);
    expect(phase.stderr()).toContain('Unknown phase "nope"');
  });

  it('refuses an SSDT project for now (exit 2, before anything starts), from --project PATH.sqlproj or HART_SQL_PROJECT', async () => {
    const flag = capture({});
    writeFileSync(join(flag.io.cwd, 'Db.sqlproj'), '<Project Sdk="Microsoft.Build.Sql/1.0.0" />');
    expect(await run(['--json', '--project', 'Db.sqlproj'], flag.io)).toBe(2);
    expect(events(flag.stdout())).toEqual([
      expect.objectContaining({ type: 'run-finished', exitCode: 2, error: expect.objectContaining({ message: expect.stringContaining('up does not deploy an SSDT project yet') }) }),
    ]);
    const fromEnv = capture({ HART_SQL_PROJECT: 'Db.sqlproj' });
    writeFileSync(join(fromEnv.io.cwd, 'Db.sqlproj'), '<Project />');
    expect(await run([], fromEnv.io)).toBe(2);
    expect(fromEnv.stderr()).toContain('HART_SQL_PROJECT (environment)');
    expect(existsSync(join(fromEnv.io.cwd, '.hart'))).toBe(false);
  });

  it('--help lists a flag for every configuration variable that has one', async () => {
    const { io, stdout } = capture({});
    expect(await run(['--help'], io)).toBe(0);
    expect(stdout()).toBe(`${wrapBlock(upHelp(), 80)}\n`);
    expect(stdout()).toContain('--sql-port <value>');
    expect(stdout()).toContain('--accept-eula ');
    expect(stdout()).toContain('[HART_NEO4J_BOLT_PORT]');
  });
});

describe('the summary of up', () => {
  it('gives the connection details of existing servers too (HART_SQL_URL, HART_NEO4J_URL), passwords as values to copy', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hart-up-'));
    const config = loadConfig({
      cwd,
      env: { HART_SQL_URL: 'sqlserver://app:Sup3r.Secret-Pass@sql.example.com:1433/Hartonomous', HART_NEO4J_URL: 'bolt://neo4j:graph-Secret-9@graph.example.com:7687' },
      flags: {},
      persistGenerated: false,
    });
    expect(upSummary(config, {})).toEqual([
      { label: 'SQL Server', value: 'sql.example.com,1433 database Hartonomous, login app (existing server)' },
      { label: 'app password', value: 'Sup3r.Secret-Pass', copy: true },
      { label: 'Connection string', value: 'Server=sql.example.com,1433;Database=Hartonomous;User Id=app;Password=Sup3r.Secret-Pass', copy: true },
      { label: 'Neo4j', value: 'bolt://graph.example.com:7687, user neo4j (existing server)' },
      { label: 'Neo4j password', value: 'graph-Secret-9', copy: true },
    ]);
  });
});
