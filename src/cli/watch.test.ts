import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { run as watch } from './watch.js';

function io(): { io: CommandIo; stdout: () => string } {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out += chunk.toString();
      callback();
    },
  });
  return {
    io: { stdout: sink, stderr: sink, env: {}, cwd: process.cwd(), stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal },
    stdout: () => out,
  };
}

describe('hart-dev watch (arguments)', () => {
  it('--help names the events, the keys and the exit codes', async () => {
    const c = io();
    expect(await watch(['--help'], c.io)).toBe(0);
    const text = c.stdout().replace(/\s+/g, ' ');
    expect(text).toContain('watch-ready, change, diagnostics, deployed, deploy-failed, note');
    expect(text).toContain('r send everything again, s seed again, q quit');
  });

  it('--only takes sql or graph, before anything starts (a usage error: exit 2)', async () => {
    await expect(watch(['--only', 'migration'], io().io)).rejects.toMatchObject({ message: '--only "migration" is not sql or graph' });
    await expect(watch(['--nope'], io().io)).rejects.toMatchObject({ hint: "Run 'hart-dev watch --help' for the options." });
  });
});
