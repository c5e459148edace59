// filestream: FILESTREAM is not available on Linux (NOTES: SQL Server 2022 in a Linux container), so
// the local container skips it with that reason; an external Windows server gets it when
// HART_SQL_FILESTREAM is set (the service-level switch is checked first).
import { HartError } from '../engine/errors.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { endpointOf, markChanged, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { toSqlHartError } from '../sqlserver/sql-error.js';
import { enableFilestreamSql, hostPlatformSql } from '../sqlserver/tsql-texts.js';
import type { UpContext } from './context.js';

export const FILESTREAM_ON_LINUX = 'FILESTREAM is not supported on Linux';

export function createFilestreamPhase(deps: SqlDeployDeps): Phase<UpContext> {
  return {
    id: 'filestream',
    title: 'FILESTREAM',
    needs: ['database'],
    async run(ctx, { signal, report }) {
      const endpoint = endpointOf(ctx);
      if (!endpoint.external) return skipped(`${FILESTREAM_ON_LINUX} (the SQL Server container runs Linux)`);
      if (!ctx.config.sql.filestream) return skipped('Not enabled (set HART_SQL_FILESTREAM=true for a Windows SQL Server)');
      const session = await deps.openSession(endpoint, { database: 'master', signal });
      try {
        const [host] = await session.query(hostPlatformSql());
        if (host?.platform !== 'Windows') return skipped(`${FILESTREAM_ON_LINUX} (${String(host?.platform ?? 'unknown')} host)`);
        if (host.filestreamLevel === 0) {
          throw new HartError('FILESTREAM is disabled in the SQL Server service', {
            code: 'filestream-disabled',
            hint: 'Enable FILESTREAM for Transact-SQL access in SQL Server Configuration Manager (service properties) and restart the service, or unset HART_SQL_FILESTREAM.',
          });
        }
        report.status('Enabling FILESTREAM');
        try {
          await session.batch(enableFilestreamSql(ctx.config.sql.database));
        } catch (error) {
          throw toSqlHartError(error, { action: 'Enabling FILESTREAM' });
        }
        markChanged(ctx, 'filestream');
        return done('FILESTREAM enabled');
      } finally {
        await session.close();
      }
    },
  };
}

export const filestreamPhase = createFilestreamPhase(defaultDeployDeps);
