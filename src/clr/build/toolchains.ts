// The ways to turn the C# sources into a .NET Framework 4.x DLL, each a small function that
// writes <outDir>/<AssemblyName>.dll: the .NET SDK on PATH, Mono's mcs, or the .NET SDK image.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HartError, InterruptedError } from '../../engine/errors.js';
import type { ClrProject } from './project-sources.js';
import { compileFailure, findOnPath, type Exec } from './run-tool.js';

export type BuildToolchain = 'dotnet' | 'mono' | 'container';

export interface ToolchainRun {
  project: ClrProject;
  outDir: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  exec: Exec;
  log: (line: string) => void;
  status: (message: string) => void;
}

export interface Toolchain {
  id: BuildToolchain;
  /** Whether this machine has the toolchain (no build yet). */
  available(env: NodeJS.ProcessEnv): Promise<boolean>;
  build(run: ToolchainRun): Promise<void>;
}

export const dotnetToolchain: Toolchain = {
  id: 'dotnet',
  async available(env) {
    return findOnPath('dotnet', env) !== undefined;
  },
  async build({ project, outDir, env, signal, exec, log, status }) {
    status('Building the CLR assembly with dotnet build');
    // The csproj targets net48 through Microsoft.NETFramework.ReferenceAssemblies, so this works on
    // Linux and macOS without a .NET Framework install.
    const result = await exec('dotnet', ['build', project.csproj, '-c', 'Release', '-o', outDir, '--nologo'], {
      cwd: project.dir,
      env: { ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
      signal,
      log,
    });
    if (result.code !== 0) throw compileFailure('dotnet build', result, `Fix the C# error, or run 'dotnet build ${project.csproj}' to see the whole output.`);
  },
};

export const monoToolchain: Toolchain = {
  id: 'mono',
  async available(env) {
    return findOnPath('mcs', env) !== undefined;
  },
  async build({ project, outDir, env, signal, exec, log, status }) {
    status('Building the CLR assembly with Mono (mcs)');
    // -sdk:4.5 compiles against Mono's .NET Framework 4.x profile: SQL Server hosts 4.x only.
    const references = new Set(['System.Data', ...project.references]);
    const args = [
      '-target:library',
      '-sdk:4.5',
      '-optimize+',
      '-debug-',
      ...[...references].map((r) => `-r:${r}.dll`),
      `-out:${join(outDir, `${project.assemblyName}.dll`)}`,
      ...project.sources,
    ];
    const result = await exec('mcs', args, { cwd: project.dir, env, signal, log });
    if (result.code !== 0) throw compileFailure('mcs', result, 'Fix the C# error and run the build again.');
  },
};

export const SDK_IMAGE = 'mcr.microsoft.com/dotnet/sdk:8.0';

export const containerToolchain: Toolchain = {
  id: 'container',
  async available(env) {
    const { connectDocker } = await import('../../docker/connect.js');
    try {
      await connectDocker(env, 2000);
      return true;
    } catch {
      return false;
    }
  },
  async build({ project, outDir, env, signal, log, status }) {
    const { connectDocker } = await import('../../docker/connect.js');
    const { ensureImage } = await import('../../docker/image-pull.js');
    const { docker } = await connectDocker(env);
    await ensureImage(docker, SDK_IMAGE, undefined, { status, progress: () => undefined }, signal);
    status(`Building the CLR assembly in ${SDK_IMAGE}`);
    mkdirSync(outDir, { recursive: true });
    // Sources are mounted read-only and copied inside (dotnet writes obj/ next to the project);
    // only the output folder is writable, and the build runs as the calling user so the DLL is ours.
    const user = typeof process.getuid === 'function' && typeof process.getgid === 'function' ? `${process.getuid()}:${process.getgid()}` : undefined;
    const container = await docker.createContainer({
      Image: SDK_IMAGE,
      Cmd: ['sh', '-c', `cp -r /src /tmp/build && dotnet build /tmp/build/${project.csproj.split(/[\\/]/).pop() ?? ''} -c Release -o /out --nologo`],
      Env: ['HOME=/tmp', 'DOTNET_CLI_HOME=/tmp', 'DOTNET_CLI_TELEMETRY_OPTOUT=1', 'DOTNET_NOLOGO=1'],
      ...(user === undefined ? {} : { User: user }),
      Labels: { 'dev.hart.purpose': 'clr-build' },
      HostConfig: { AutoRemove: false, Binds: [`${project.dir}:/src:ro`, `${outDir}:/out`] },
    });
    const onAbort = (): void => void container.kill().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await container.start();
      const { StatusCode } = await container.wait();
      const output = demux(await container.logs({ stdout: true, stderr: true, follow: false })).split(/\r?\n/);
      for (const line of output) log(line);
      if (signal.aborted) throw new InterruptedError();
      if (StatusCode !== 0) throw compileFailure('dotnet build (container)', { code: StatusCode, output }, 'Fix the C# error and run the build again.');
    } finally {
      signal.removeEventListener('abort', onAbort);
      await container.remove({ force: true }).catch(() => undefined);
    }
  },
};

/** Docker's multiplexed log format (no TTY): frames of [stream, 0, 0, 0, size u32 BE] + payload. */
function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, Math.min(buffer.length, offset + 8 + size)));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

export const TOOLCHAINS: readonly Toolchain[] = [dotnetToolchain, monoToolchain, containerToolchain];

export function noToolchainError(): HartError {
  return new HartError('No way to build the SQL CLR assembly on this machine', {
    hint: 'Do one of: install the .NET SDK (https://dot.net, then `dotnet` on PATH); install Mono (apt-get install mono-mcs mono-devel, or brew install mono); start Docker so the mcr.microsoft.com/dotnet/sdk image can build it; or set HART_CLR_DLL to a prebuilt DLL.',
    code: 'clr-no-toolchain',
  });
}
