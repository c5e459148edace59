// Runs the CLI in-process with --json-friendly streams and collects how each phase ended.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

export interface PhaseEnd {
  status: string;
  message?: string;
}

export interface HartRun {
  code: number;
  /** stdout and stderr together, for failure messages. */
  text: string;
  phases: Map<string, PhaseEnd>;
}

export async function hart(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<HartRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const io: CommandIo = { stdout, stderr, env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal };
  const code = await runCli(args, io);
  const phases = new Map<string, PhaseEnd>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event: unknown = JSON.parse(line);
    if (typeof event === 'object' && event !== null && 'type' in event && event.type === 'phase-finished' && 'id' in event && 'status' in event) {
      const end: PhaseEnd = { status: String(event.status) };
      if ('message' in event) end.message = String(event.message);
      phases.set(String(event.id), end);
    }
  }
  return { code, text, phases };
}
