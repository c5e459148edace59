import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { runCli } from './main.js';

function io(env: NodeJS.ProcessEnv = {}): { io: CommandIo; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  const stream = (add: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        add(chunk.toString());
        callback();
      },
    });
  const cwd = mkdtempSync(join(tmpdir(), 'hart-main-'));
  return { io: { stdout: stream((s) => (o += s)), stderr: stream((s) => (e += s)), env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal }, out: () => o, err: () => e };
}

describe('hart-dev', () => {
  it('an unknown command names the closest one and exits 2', async () => {
    const t = io();
    expect(await runCli(['stauts'], t.io)).toBe(2);
    expect(t.err()).toContain('Unknown command "stauts". Did you mean "status"?');
  });

  it('warns on stderr about a HART_* variable no setting has, naming the likely one', async () => {
    const t = io({ HART_SQL_PROT: '1444' });
    expect(await runCli(['plan', '--help'], t.io)).toBe(0);
    expect(t.err()).toContain('⚠ HART_SQL_PROT (environment) is not a hart-dev setting: did you mean HART_SQL_PORT?');
  });
});
