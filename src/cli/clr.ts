// `hart-dev clr build [--json]` and `hart-dev clr bindings [--dll PATH]`.
import { parseArgs } from 'node:util';
import { generateBindings } from '../clr/bindings-generate.js';
import { buildClr } from '../clr/build/build-clr.js';
import { readAssemblyFile } from '../clr/metadata/assembly-model.js';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../engine/errors.js';
import { writeLine, writeText, type CommandIo } from './io.js';

const USAGE = [
  'Usage: hart-dev clr build [--json]         build the SQL CLR assembly (cached by source hash)',
  '       hart-dev clr bindings [--dll PATH]  print CREATE FUNCTION/PROCEDURE/AGGREGATE for every SQL CLR entry point',
].join('\n');

function parse(args: string[]): ReturnType<typeof parseFlags> {
  try {
    return parseFlags(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { hint: USAGE });
  }
}

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      dll: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  const sub = positionals[0];
  if (values.help === true || sub === undefined) {
    writeText(sub === undefined && values.help !== true ? io.stderr : io.stdout, USAGE);
    return values.help === true ? 0 : 2;
  }
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1] ?? ''}"`, { hint: USAGE });
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const build = (json: boolean): ReturnType<typeof buildClr> =>
    buildClr({
      sqlDir: config.paths.sqlDir,
      stateDir: config.stateDir,
      dll: config.clr.dll,
      project: config.clr.project,
      env: io.env,
      signal: io.signal,
      // Compiler output goes to stderr so stdout stays the result.
      log: json ? () => undefined : (line) => writeLine(io.stderr, line),
      status: (message) => writeLine(io.stderr, message),
    });

  if (sub === 'build') {
    if (values.dll !== undefined) throw new UsageError('--dll belongs to `clr bindings`', { hint: 'Set HART_CLR_DLL to use a prebuilt DLL.' });
    const artifact = await build(values.json === true);
    if (values.json === true) {
      writeLine(io.stdout, JSON.stringify({ dll: artifact.dll, sha512: artifact.sha512, toolchain: artifact.toolchain, cached: artifact.cached }));
    } else {
      const how = artifact.toolchain === 'prebuilt' ? 'Prebuilt DLL used' : artifact.cached ? 'Unchanged since last build' : `Built with ${artifact.toolchain}`;
      writeLine(io.stdout, `${how}: ${artifact.dll}`);
    }
    return 0;
  }
  if (sub === 'bindings') {
    if (values.json === true) throw new UsageError('--json belongs to `clr build`', { hint: USAGE });
    const dll = values.dll ?? (await build(false)).dll;
    const model = await readAssemblyFile(dll);
    io.stdout.write(generateBindings(model));
    return 0;
  }
  throw new UsageError(`Unknown clr subcommand "${sub}"`, { hint: USAGE });
}
