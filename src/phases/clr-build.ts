// clr-build: the SQL CLR DLL for clr-deploy. Needs only preflight, so it runs while the containers start.
import { buildClr } from '../clr/build/build-clr.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';

export const clrBuildPhase: Phase<UpContext> = {
  id: 'clr-build',
  title: 'SQL CLR build',
  needs: ['preflight'],
  async run(ctx, { signal, report }) {
    const artifact = await buildClr({
      sqlDir: ctx.config.paths.sqlDir,
      stateDir: ctx.config.stateDir,
      dll: ctx.config.clr.dll,
      project: ctx.config.clr.project,
      env: ctx.env,
      signal,
      log: (line) => report.log(line),
      status: (message) => report.status(message),
    });
    ctx.state.clr = artifact;
    if (artifact.toolchain === 'prebuilt') return done(`Using prebuilt ${artifact.dll}`);
    if (artifact.cached) return skipped('Unchanged since last build');
    return done(`Built with ${artifact.toolchain === 'mono' ? 'Mono' : artifact.toolchain === 'dotnet' ? 'the .NET SDK' : 'the .NET SDK container'}`);
  },
};
