// Running a compiler: output streamed line by line to the phase log, Ctrl-C kills it, and a
// failure names the first "file(line,col): error CSxxxx" the compiler printed.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HartError, InterruptedError, type SourceLocation } from '../../engine/errors.js';

export interface ToolResult {
  code: number;
  output: string[];
}

/** Runs a program; injected in tests to count compiler runs (the real one is `runTool`). */
export type Exec = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal; log: (line: string) => void }) => Promise<ToolResult>;

export const runTool: Exec = (command, args, { cwd, env, signal, log }) =>
  new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(command, args, { cwd, env, signal, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        log(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      if (signal.aborted) reject(new InterruptedError());
      else reject(new HartError(`Can't run ${command}: ${error.message}`, { code: 'clr-toolchain', cause: error }));
    });
    child.on('close', (code) => {
      if (pending !== '') {
        output.push(pending);
        log(pending);
      }
      if (signal.aborted) reject(new InterruptedError());
      else resolve({ code: code ?? 1, output });
    });
  });

/** The executable `name` on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, `${name}${ext}`);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const COMPILER_ERROR = /^\s*(.+?)\((\d+),(\d+)\):\s*error\s+(CS\d+):\s*(.*?)(?:\s+\[[^\]]*\])?\s*$/;

/** The error for a failed compiler run: the first C# error with its file:line, the last output lines. */
export function compileFailure(tool: string, result: ToolResult, hint: string): HartError {
  const first = result.output.map((l) => COMPILER_ERROR.exec(l)).find((m) => m !== null);
  const errors = result.output.filter((l) => COMPILER_ERROR.test(l));
  const details = (errors.length > 0 ? errors : result.output.filter((l) => l.trim() !== '')).slice(-12);
  if (first === undefined || first === null) {
    return new HartError(`${tool} fails to build the CLR assembly (exit code ${result.code})`, { hint, details, code: 'clr-build' });
  }
  const location: SourceLocation = { file: first[1] ?? '', line: Number(first[2]), col: Number(first[3]) };
  return new HartError(`${location.file}:${location.line}: ${first[5] ?? ''} (${first[4] ?? ''})`, { hint, details, location, code: 'clr-build' });
}
