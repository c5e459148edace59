// sqlserver: SQL Server running and accepting logins; fills ctx.state.sqlServer. The project's own
// container (asked for the EULA first), or with HART_SQL_URL an existing server: then only its
// readiness is checked, and neither Docker nor the EULA is involved.
import type { AskStreams } from '../docker/ask-yes-no.js';
import { ensureEulaConsent } from '../docker/eula-consent.js';
import { sqlEndpoint } from '../docker/external-endpoints.js';
import { sqlLoginProbe, waitForSqlServer, type LoginProbe, type ReadinessOptions } from '../docker/readiness.js';
import { sqlServerSpec } from '../docker/service-specs.js';
import { done, type Phase } from '../engine/phase.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import type { UpContext } from './context.js';
import { bringUpContainer, externalReadiness } from './service-phase.js';

export const SQLSERVER_PHASE_ID = 'sqlserver';

export interface SqlServerPhaseOptions {
  /** Where the EULA question is asked (default: stdin and stderr). */
  streams?: AskStreams;
  /** The login probe; tests replace it where no real server can run. */
  probe?: (endpoint: SqlEndpoint) => LoginProbe;
}

export function createSqlServerPhase(options: SqlServerPhaseOptions = {}): Phase<UpContext> {
  return {
    id: SQLSERVER_PHASE_ID,
    title: 'SQL Server',
    needs: ['preflight'],
    async run(ctx, { signal, report }) {
      const { config } = ctx;
      const endpoint = sqlEndpoint(config);
      const probe = (options.probe ?? ((e: SqlEndpoint) => sqlLoginProbe(e)))(endpoint);
      let message: string;
      if (endpoint.external) {
        await waitForSqlServer(endpoint, externalReadiness(config, report, signal), probe);
        message = `SQL Server at ${endpoint.host},${endpoint.port} (external)`;
      } else {
        await ensureEulaConsent(config, { interactive: ctx.interactive, streams: options.streams ?? { input: process.stdin, output: process.stderr }, signal });
        const run = { service: 'sqlserver' as const, spec: sqlServerSpec(config, { eulaAccepted: true }), probe, wait: (o: ReadinessOptions) => waitForSqlServer(endpoint, o, probe) };
        message = await bringUpContainer(run, config, ctx.env, report, signal);
      }
      ctx.state.sqlServer = endpoint;
      return done(message);
    },
  };
}

export const sqlServerPhase: Phase<UpContext> = createSqlServerPhase();
