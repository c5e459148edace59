// The live Ink view in a real terminal (tmux): rows update while a phase runs, and Ctrl-C stops the
// run with exit code 130 without reporting the interrupted phase as done. Uses the test-only slow
// phase (HART_TEST_PHASES=slow), so no Docker image is involved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = new URL('../../bin/hart-dev.js', import.meta.url).pathname;
const SOCKET = `hart-terminal-${process.pid}`;
const SESSION = 'run';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

async function waitForScreen(predicate: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Timed out waiting for ${what}. Screen:\n${text}`);
}

describe('hart-dev up in a real terminal', () => {
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // Already gone.
    }
  });

  it('shows live rows with spinner, elapsed time and progress; Ctrl-C exits 130', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hart-terminal-'));
    const script = join(cwd, 'run.sh');
    writeFileSync(
      script,
      [
        // The shell survives the Ctrl-C (a trap with a handler is reset to default for the CLI it runs).
        "trap ':' INT",
        'unset CI',
        'export TERM=xterm-256color HART_TEST_PHASES=slow',
        `"${process.execPath}" "${CLI}" up --only test-slow`,
        'echo "EXIT=$?"',
        'sleep 60',
      ].join('\n'),
    );
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-c', cwd, `sh ${script}`);

    // A live row: spinner, title, elapsed time, a progress bar with the step count, the status line.
    const live = await waitForScreen((t) => /Slow test phase \d+\.\ds █+░+ [2-9]\/60 steps/.test(t), 'a live progress row');
    expect(live).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Slow test phase/);
    expect(live).toMatch(/Step \d+ of 60 finished/);
    // It keeps moving.
    const step = (t: string): number => Number(/(\d+)\/60 steps/.exec(t)?.[1] ?? 0);
    const first = step(live);
    await waitForScreen((t) => step(t) > first, 'the progress to advance');

    tmux('send-keys', '-t', SESSION, 'C-c');
    const end = await waitForScreen((t) => t.includes('EXIT='), 'the command to exit');
    expect(end).toContain('EXIT=130');
    expect(end).toMatch(/■ Slow test phase interrupted/);
    expect(end).toMatch(/■ up interrupted after \d+\.\ds/);
    expect(end).not.toContain('✔ Slow test phase');
  });
});
