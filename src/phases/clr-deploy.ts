// clr-deploy: the assembly and its bindings (sql/clr/bindings.sql) in the database, decided by
// deployClr: created, left unchanged, altered, or recreated with its bindings.
import { join } from 'node:path';
import type { ClrArtifact } from '../clr/artifact.js';
import { readBindingsFile } from '../clr/bindings-check.js';
import { deployClr } from '../clr/deploy-clr.js';
import { HartError } from '../engine/errors.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import type { OpenSessionOptions } from '../sqlserver/connect.js';
import { endpointOf, markChanged } from '../sqlserver/deploy-run.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import type { SqlSession } from '../sqlserver/session.js';
import type { UpContext } from './context.js';

export interface ClrDeployDeps {
  openSession(endpoint: SqlEndpoint, options?: OpenSessionOptions): Promise<SqlSession>;
}

function artifactOf(ctx: UpContext): ClrArtifact {
  const artifact = ctx.state.clr;
  if (artifact === undefined) {
    throw new HartError('No SQL CLR assembly was built in this run', { hint: 'Run the clr-build phase too (do not --skip clr-build).', code: 'clr-no-artifact' });
  }
  return artifact;
}

export function createClrDeployPhase(deps: ClrDeployDeps): Phase<UpContext> {
  return {
    id: 'clr-deploy',
    title: 'SQL CLR deploy',
    needs: ['clr-build', 'database'],
    async run(ctx, { signal, report }) {
      const artifact = artifactOf(ctx);
      const bindings = await readBindingsFile(join(ctx.config.paths.sqlDir, 'clr', 'bindings.sql'));
      const session = await deps.openSession(endpointOf(ctx), { database: ctx.config.sql.database, signal, requestTimeoutMs: 0 });
      try {
        const result = await deployClr(session, artifact, bindings, signal, report);
        if (result.action === 'unchanged' && result.created.length === 0 && result.dropped.length === 0) {
          return skipped('Assembly unchanged since last deploy');
        }
        markChanged(ctx, 'clr-deploy');
        const counts = [
          result.created.length > 0 ? `${result.created.length} ${result.created.length === 1 ? 'binding' : 'bindings'} created` : '',
          result.dropped.length > 0 ? `${result.dropped.length} dropped` : '',
        ].filter((s) => s !== '');
        return done(`Assembly ${result.action}${counts.length > 0 ? `, ${counts.join(', ')}` : ''}`);
      } finally {
        await session.close();
      }
    },
  };
}

// mssql loads only when the phase runs: `up --help`, `plan` and a warm `up` whose journal says
// "nothing to do" never pay for it.
export const clrDeployPhase = createClrDeployPhase({
  openSession: async (endpoint, options) => (await import('../sqlserver/connect.js')).openSession(endpoint, options),
});
