// clr-build: the first way that applies — a prebuilt DLL (HART_CLR_DLL), the .NET SDK, Mono, the
// .NET SDK container — cached in <stateDir>/clr/<hash of sources and csproj>/ so that unchanged
// sources never run a compiler again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HartError, throwIfAborted } from '../../engine/errors.js';
import type { ClrArtifact } from '../artifact.js';
import { readAssembly } from '../metadata/assembly-model.js';
import { readProject, resolveProjectFile } from './project-sources.js';
import { runTool, type Exec } from './run-tool.js';
import { noToolchainError, TOOLCHAINS, type BuildToolchain, type Toolchain } from './toolchains.js';

export interface ClrBuildOptions {
  /** The payload folder (HART_SQL_DIR); the default project is <sqlDir>/clr/*.csproj. */
  sqlDir: string;
  /** <cwd>/.hart: the cache lives in <stateDir>/clr. */
  stateDir: string;
  /** HART_CLR_DLL: use this DLL, build nothing. */
  dll?: string | undefined;
  /** HART_CLR_PROJECT. */
  project?: string | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  log?: (line: string) => void;
  status?: (message: string) => void;
  /** Tests: count or restrict compiler runs. */
  exec?: Exec;
  toolchains?: readonly Toolchain[];
}

interface CacheRecord {
  toolchain: BuildToolchain;
  sha512: string;
  sourceHash: string;
  assemblyName: string;
}

export function sha512Hex(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('hex');
}

function isRecord(value: unknown): value is CacheRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v.sha512 === 'string' && typeof v.sourceHash === 'string' && typeof v.assemblyName === 'string' && (v.toolchain === 'dotnet' || v.toolchain === 'mono' || v.toolchain === 'container');
}

function readCache(entry: string): CacheRecord | undefined {
  try {
    const record: unknown = JSON.parse(readFileSync(join(entry, 'build.json'), 'utf8'));
    if (!isRecord(record)) return undefined;
    const dll = join(entry, `${record.assemblyName}.dll`);
    // A DLL edited or truncated after the build does not count as cached.
    if (!existsSync(dll) || sha512Hex(readFileSync(dll)) !== record.sha512) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

function prebuilt(path: string): ClrArtifact {
  if (!existsSync(path)) {
    throw new HartError(`HART_CLR_DLL points to ${path}, which does not exist`, { hint: 'Fix the path, or unset HART_CLR_DLL to build sql/clr from source.', code: 'clr-dll-missing' });
  }
  const bytes = readFileSync(path);
  readAssembly(bytes, path); // fails early, with a clear message, for anything that is not a .NET assembly
  return { dll: path, sha512: sha512Hex(bytes), toolchain: 'prebuilt', cached: false };
}

export async function buildClr(options: ClrBuildOptions): Promise<ClrArtifact> {
  const status = options.status ?? ((): void => undefined);
  const log = options.log ?? ((): void => undefined);
  if (options.dll !== undefined) {
    status(`Using the prebuilt ${options.dll}`);
    return prebuilt(options.dll);
  }
  const project = readProject(resolveProjectFile(options.sqlDir, options.project));
  const cacheDir = join(options.stateDir, 'clr');
  const entry = join(cacheDir, project.hash);
  const cached = readCache(entry);
  if (cached !== undefined) {
    return { dll: join(entry, `${cached.assemblyName}.dll`), sha512: cached.sha512, toolchain: cached.toolchain, cached: true };
  }

  let chosen: Toolchain | undefined;
  for (const toolchain of options.toolchains ?? TOOLCHAINS) {
    throwIfAborted(options.signal);
    if (await toolchain.available(options.env)) {
      chosen = toolchain;
      break;
    }
  }
  if (chosen === undefined) throw noToolchainError();

  mkdirSync(cacheDir, { recursive: true });
  const work = join(cacheDir, `tmp-${project.hash.slice(0, 12)}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    await chosen.build({ project, outDir: work, env: options.env, signal: options.signal, exec: options.exec ?? runTool, log, status });
    const dll = join(work, `${project.assemblyName}.dll`);
    if (!existsSync(dll)) {
      throw new HartError(`The ${chosen.id} build finished without ${project.assemblyName}.dll`, {
        hint: `Check <AssemblyName> in ${project.csproj}: the build output must be ${project.assemblyName}.dll.`,
        code: 'clr-build',
      });
    }
    const bytes = readFileSync(dll);
    readAssembly(bytes, dll);
    const record: CacheRecord = { toolchain: chosen.id, sha512: sha512Hex(bytes), sourceHash: project.hash, assemblyName: project.assemblyName };
    writeFileSync(join(work, 'build.json'), `${JSON.stringify(record, null, 2)}\n`);
    rmSync(entry, { recursive: true, force: true });
    renameSync(work, entry);
    // Older builds are of no further use: keep the cache at one entry.
    for (const name of readdirSync(cacheDir)) {
      if (name !== project.hash && /^[0-9a-f]{64}$/.test(name)) rmSync(join(cacheDir, name), { recursive: true, force: true });
    }
    return { dll: join(entry, `${project.assemblyName}.dll`), sha512: record.sha512, toolchain: chosen.id, cached: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
