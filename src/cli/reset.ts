// `hart-dev reset [--yes] [--full] [--no-seed]`: a fresh database. Restores the golden backup of the
// current content when there is one (seconds), else drops the database and deploys it again.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { UsageError } from '../engine/errors.js';
import type { Phase } from '../engine/phase.js';
import { runPhases } from '../engine/runner.js';
import { selectPhases } from '../engine/select.js';
import type { UpContext } from '../phases/context.js';
import { upPhases } from '../phases/up-plan.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { payloadSeedSource } from '../sqlserver/payload-seed-source.js';
import { createResetDatabasePhase, withResetStep } from '../sqlserver/reset-database.js';
import { renderRun } from '../ui/render-run.js';
import { isInteractive, writeLine, type CommandIo } from './io.js';
import { upSummary } from './up.js';

/** Destructive commands ask first when interactive, or need --yes. */
export async function confirmOrYes(io: CommandIo, options: { yes: boolean; interactive: boolean; question: string; command: string }): Promise<boolean> {
  if (options.yes) return true;
  if (!options.interactive || !io.stdinIsTTY || io.stdin === undefined) {
    throw new UsageError(`${options.command} changes data and needs confirmation`, { hint: `Answer in a terminal, or pass --yes: hart-dev ${options.command} --yes` });
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(`${options.question} [y/N] `, { signal: io.signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export const RESET_HELP = [
  'Usage: hart-dev reset [--yes] [--full] [--no-seed] [--json]',
  '',
  'Gives a fresh Hartonomous database. When a golden backup of the current payload, CLR and seed',
  'exists (kept after every full deploy) it is restored in seconds; otherwise the database is dropped',
  'and deployed again.',
  '',
  'Options:',
  '  -y, --yes     do not ask (required when not interactive)',
  '  --full        drop and deploy from scratch even when a golden backup matches',
  '  --no-seed     leave the seed data out (always a full deploy: the golden backup holds seed data)',
  '  --json        NDJSON events on stdout',
].join('\n');

export async function run(args: string[], io: CommandIo): Promise<number> {
  const flagOptions: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    yes: { type: 'boolean', short: 'y' },
    full: { type: 'boolean' },
    'no-seed': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of VARIABLES) if ('flag' in spec) flagOptions[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: flagOptions, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev reset --help' for the options." });
  }
  if (values.help === true) {
    writeLine(io.stdout, RESET_HELP);
    return 0;
  }
  const json = values.json === true;
  const interactive = isInteractive(io, json);
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) {
    const v = 'flag' in spec ? values[spec.flag] : undefined;
    if ('flag' in spec && (typeof v === 'string' || typeof v === 'boolean')) flags[spec.flag] = v;
  }
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: true });
  const yes = values.yes === true;
  const ok = await confirmOrYes(io, { yes, interactive, command: 'reset', question: `Reset database ${config.sql.database}? Its data will be replaced.` });
  if (!ok) {
    writeLine(io.stderr, 'Reset cancelled: nothing was changed.');
    return 1;
  }
  const choice = { full: values.full === true, noSeed: values['no-seed'] === true };
  const reset = createResetDatabasePhase<UpContext>({ ...defaultDeployDeps, seed: payloadSeedSource }, choice);
  let phases: Phase<UpContext>[] = withResetStep(upPhases(), reset);
  if (choice.noSeed) phases = selectPhases(phases, { skip: phases.some((p) => p.id === 'seed') ? ['seed'] : [] });
  const ctx: UpContext = { config, interactive, yes: true, state: {} };
  return renderRun(io, { command: 'reset', json, interactive }, async (session) => {
    session.addSecrets(config.secrets);
    const result = await runPhases({ command: 'reset', phases, ctx, signal: io.signal, emit: session.emit, summary: () => upSummary(config, ctx.state) });
    return result.exitCode;
  });
}
