// argv → command. Flags only, no logic: each command lives in its own file.
import { readFileSync } from 'node:fs';
import { HartError } from '../engine/errors.js';
import { nearestName } from '../engine/nearest-name.js';
import { terminalColumns, wrapLine } from '../ui/wrap.js';
import { COMMANDS } from './registry.js';
import { writeLine, writeText, type CommandIo } from './io.js';

export function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'hart-dev — a complete local Hartonomous database stack with one command',
    '',
    'Usage: hart-dev <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    '  --json            NDJSON events on stdout (everything human on stderr)',
    '  --show-secrets    print passwords instead of masking them',
    '  -h, --help        help for hart-dev or a command',
    '  -v, --version     print the version',
    '',
    'Configuration comes from flags, the environment, .env.local, .env and defaults; see .env.example.',
    "Run 'hart-dev <command> --help' for a command's options.",
  ].join('\n');
}

/** A warning on stderr for each HART_* name no setting has (a typo keeps the default silently). */
async function warnUnknownVariables(io: CommandIo): Promise<void> {
  // Loaded here, not at start-up: --help and --version need no configuration.
  const { unknownVariables } = await import('../config/load.js');
  let unknown: ReturnType<typeof unknownVariables>;
  try {
    unknown = unknownVariables(io.cwd, io.env);
  } catch {
    // An unreadable .env is reported by the command that loads the configuration.
    return;
  }
  for (const u of unknown) {
    writeLine(io.stderr, `⚠ ${u.name} (${u.where}) is not a hart-dev setting${u.near === undefined ? '' : `: did you mean ${u.near}?`}`);
  }
}

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    writeText(io.stdout, helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    writeLine(io.stdout, version());
    return 0;
  }
  if (first === 'help' && rest[0] !== undefined) return runCli([rest[0], '--help'], io);
  const entry = COMMANDS.find((c) => c.name === first);
  if (entry === undefined) {
    const near = nearestName(first, COMMANDS.map((c) => c.name));
    writeLine(io.stderr, `Unknown command "${first}".${near === undefined ? '' : ` Did you mean "${near}"?`}`);
    writeLine(io.stderr, `Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run 'hart-dev --help' for details.`);
    return 2;
  }
  await warnUnknownVariables(io);
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof HartError) {
      const width = terminalColumns(io.stderr);
      for (const line of wrapLine(`✖ ${error.message}`, { width, hang: 2 })) writeLine(io.stderr, line);
      if (error.hint !== undefined) for (const line of wrapLine(`  ${error.hint}`, { width, hang: 2 })) writeLine(io.stderr, line);
      return error.exitCode;
    }
    // Not a HartError: a bug. Show the stack so it can be reported, exit 1.
    writeLine(io.stderr, `✖ Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

/** The process entry point used by bin/hart-dev.js. */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let presses = 0;
  const onSigint = (): void => {
    presses += 1;
    if (presses === 1) {
      // The renderer of the run says "Stopping…" (a stray write here would garble Ink's live frame).
      controller.abort();
    } else {
      // Forced: Ink may have hidden the cursor; give it back before leaving.
      if (process.stderr.isTTY) process.stderr.write('\u001b[?25h\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const io: CommandIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    // Lazy: touching process.stdin opens it, which --version and --help never need.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    signal: controller.signal,
  };
  const code = await runCli(argv, io);
  process.exitCode = code;
  // Ink, drivers and sockets may hold the loop open; the command has finished its work.
  process.stdout.write('', () => process.exit(code));
}
