// database: create the database when missing (configurable collation), simple recovery,
// READ_COMMITTED_SNAPSHOT and Service Broker; read the journal once for the phases after it.
import { done, skipped, type Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { endpointOf, markChanged, rememberDatabase, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { ensureDatabase } from '../sqlserver/database-steps.js';
import { loadJournal, parseJournalJson } from '../sqlserver/journal.js';
import type { UpContext } from './context.js';

export function createDatabasePhase(deps: SqlDeployDeps): Phase<UpContext> {
  return {
    id: 'database',
    title: 'Database',
    needs: ['sqlserver'],
    async run(ctx, { signal, report }) {
      const database = ctx.config.sql.database;
      const session = await deps.openSession(endpointOf(ctx), { database: 'master', signal });
      try {
        const result = await ensureDatabase(session, database, ctx.config.sql.collation, signal, report);
        let journal;
        if (result.journalJson === undefined) {
          await session.use(database);
          journal = await loadJournal(session);
        } else {
          journal = parseJournalJson(result.journalJson);
        }
        rememberDatabase(ctx, result.status, journal);
        if (result.created) {
          markChanged(ctx, 'database');
          return done(`Database ${database} created`);
        }
        if (result.changes.length > 0) {
          markChanged(ctx, 'database');
          return done(`Database ${database} updated: ${result.changes.join(', ')}`);
        }
        return skipped(`Database ${database} already configured`);
      } finally {
        await session.close();
      }
    },
  };
}

export const databasePhase = createDatabasePhase(defaultDeployDeps);
