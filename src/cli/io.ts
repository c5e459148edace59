// What a command gets from the outside world: streams, environment, working folder, and the
// decision "interactive or not" taken once here and passed down.
import type { Readable, Writable } from 'node:stream';
import { terminalColumns, wrapBlock } from '../ui/wrap.js';

export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  /** Where questions are answered (EULA consent, confirmations); absent in tests that ask nothing. */
  stdin?: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a TTY (progress goes there). */
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Aborted on the first Ctrl-C. */
  signal: AbortSignal;
}

/** Interactive = stderr is a TTY, CI unset, no --json, TERM not dumb. Decided once, passed down. */
export function isInteractive(io: Pick<CommandIo, 'env' | 'stderrIsTTY'>, json: boolean): boolean {
  const ci = io.env.CI;
  return io.stderrIsTTY && !json && (ci === undefined || ci === '' || ci === 'false' || ci === '0') && io.env.TERM !== 'dumb';
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

/** A block of text (a help page), each line wrapped to the stream's terminal width (80 when not a TTY). */
export function writeText(stream: Writable, text: string): void {
  writeLine(stream, wrapBlock(text, terminalColumns(stream)));
}
