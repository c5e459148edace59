import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { createRedactor } from '../engine/redact.js';
import { runPhases } from '../engine/runner.js';
import { selectPhases } from '../engine/select.js';
import { upPhases } from '../phases/up-plan.js';
import { isInteractive, writeLine, type CommandIo } from './io.js';

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      skip: { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
    },
    strict: false,
  });
  const json = values.json === true;
  const config = loadConfig({ cwd: io.cwd, env: io.env, persistGenerated: true });
  const list = (v: unknown): string[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const phases = selectPhases(upPhases(), { only: list(values.only), skip: list(values.skip) });
  const result = await runPhases({
    command: 'up',
    phases,
    ctx: { config, interactive: isInteractive(io, json), yes: values.yes === true, state: {} },
    signal: io.signal,
    redact: createRedactor(config.secrets),
    emit: (event) => writeLine(json ? io.stdout : io.stderr, JSON.stringify(event)),
  });
  return result.exitCode;
}
