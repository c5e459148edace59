// The CLR part of `check`: every EXTERNAL NAME of the payload's bindings file against the assembly
// itself. The DLL is HART_CLR_DLL, or the cached build of the current sources, or a fresh build with a
// local toolchain (dotnet or Mono; never the SDK container: check stays quick and needs no Docker).
// Without any toolchain the binding check is skipped with a note, not a warning: the payload is not wrong.
import { isAbsolute, relative } from 'node:path';
import { checkClrBindings } from '../clr/bindings-check.js';
import { buildClr } from '../clr/build/build-clr.js';
import { dotnetToolchain, monoToolchain } from '../clr/build/toolchains.js';
import type { Config } from '../config/load.js';
import { HartError } from '../engine/errors.js';
import type { Diagnostic, PayloadPlan } from '../tsql/types.js';

export type ClrCheckResult = { diagnostics: Diagnostic[]; note?: string };

export async function checkPayloadClr(plan: PayloadPlan, config: Config, io: { cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal }): Promise<ClrCheckResult> {
  const { cwd, env, signal } = io;
  const bindings = plan.clrBindings[0];
  if (bindings === undefined) return { diagnostics: [] };
  const shown = (file: string): string => (isAbsolute(file) ? relative(cwd, file) : file);
  let dll: string;
  try {
    const artifact = await buildClr({
      sqlDir: config.paths.sqlDir,
      stateDir: config.stateDir,
      dll: config.clr.dll,
      project: config.clr.project,
      env,
      signal,
      toolchains: [dotnetToolchain, monoToolchain],
    });
    dll = artifact.dll;
  } catch (error) {
    if (error instanceof HartError && error.code === 'clr-no-toolchain') {
      return { diagnostics: [], note: "CLR bindings not checked against the assembly: no .NET SDK or Mono here ('hart-dev clr build' says how to get one, or set HART_CLR_DLL)" };
    }
    if (!(error instanceof HartError)) throw error;
    // A build that fails is a payload mistake: report it where it is.
    const where = error.location ?? { file: bindings.file, line: 1, col: 1 };
    const diagnostic: Diagnostic = { file: shown(where.file), line: where.line, col: where.col ?? 1, severity: 'error', rule: 'clr-build', message: error.message };
    if (error.hint !== undefined) diagnostic.hint = error.hint;
    return { diagnostics: [diagnostic] };
  }
  const diagnostics = await checkClrBindings(bindings.file, dll);
  return { diagnostics: diagnostics.map((d) => ({ ...d, file: shown(d.file) })) };
}
