// `hart-dev doctor`: checks this machine for what `up` needs and says what to fix.
// Results go to stdout (they are the command's output); --json gives them as one JSON document.
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { HartError, UsageError } from '../engine/errors.js';
import type { CheckResult } from '../docker/doctor-checks.js';
import { terminalColumns, wrapLine } from '../ui/wrap.js';
import { isInteractive, writeLine, writeText, type CommandIo } from './io.js';

const ICONS = { ok: '✔', warn: '⚠', fail: '✖' } as const;

export function doctorHelp(): string {
  return [
    'Usage: hart-dev doctor [--json] [configuration flags of up]',
    '',
    'Checks: configuration and passwords, Docker engine (version), CPU architecture, memory available to the engine (SQL Server needs 2 GB), host ports, SQL Server EULA consent, free disk space.',
    'Exit code 1 when a check fails: `hart-dev up` would stop at its preflight phase.',
  ].join('\n');
}

/** One row per check (icon, title, message; the hint below), wrapped to `columns` under the message. */
export function doctorLines(results: readonly CheckResult[], columns: number): string[] {
  const width = Math.max(...results.map((r) => r.title.length)) + 2;
  const column = 2 + width;
  return results.flatMap((result) => [
    ...wrapLine(`${ICONS[result.verdict]} ${result.title.padEnd(width)}${result.message}`, { width: columns, hang: column }),
    ...(result.hint !== undefined && result.verdict !== 'ok' ? wrapLine(`${' '.repeat(column)}→ ${result.hint}`, { width: columns, hang: column + 2 }) : []),
  ]);
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const spec of VARIABLES) if ('flag' in spec) options[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev doctor --help' for the options." });
  }
  if (values.help === true) {
    writeText(io.stdout, doctorHelp());
    return 0;
  }
  const json = values.json === true;
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) {
    const value = 'flag' in spec ? values[spec.flag] : undefined;
    if ('flag' in spec && (typeof value === 'string' || typeof value === 'boolean')) flags[spec.flag] = value;
  }
  let config: Config | HartError;
  try {
    // Looks only: generated passwords are not written here.
    config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: false });
  } catch (error) {
    if (!(error instanceof HartError)) throw error;
    config = error;
  }
  const { runDoctorChecks } = await import('../docker/doctor-checks.js');
  const results = await runDoctorChecks({ env: io.env, config, interactive: isInteractive(io, json) }, io.cwd);
  if (io.signal.aborted) return 130;
  const failures = results.filter((r) => r.verdict === 'fail').length;
  const warnings = results.filter((r) => r.verdict === 'warn').length;
  if (json) {
    writeLine(io.stdout, JSON.stringify({ ok: failures === 0, failures, warnings, checks: results }));
    return failures === 0 ? 0 : 1;
  }
  for (const line of doctorLines(results, terminalColumns(io.stdout))) writeLine(io.stdout, line);
  writeLine(io.stdout);
  const warned = warnings === 0 ? '' : ` ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  writeLine(
    io.stdout,
    failures === 0
      ? `Ready for 'hart-dev up'.${warned}`
      : `${failures} problem${failures === 1 ? '' : 's'} to fix before 'hart-dev up'.${warned}`,
  );
  return failures === 0 ? 0 : 1;
}
