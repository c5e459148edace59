// A login into a user database that SQL Server refuses reaches the client as 18456 whatever the
// cause, because tedious keeps only the last login error token (4060 "Cannot open database" comes
// first): the same login is tried on master, here a recording fake session (SQL Server cannot run on
// the build machines), and sys.databases says what is wrong.
import { describe, expect, it } from 'vitest';
import { RecordingFakeServer } from '../../test/support/recording-fake-session.js';
import { explainLoginFailure, isLoginError } from './connect-errors.js';

/** What mssql raises for a refused login: a ConnectionError with code ELOGIN and the last server message. */
function refusedLogin(): Error {
  return Object.assign(new Error("Login failed for user 'sa'."), { name: 'ConnectionError', code: 'ELOGIN' });
}

const LOCAL = { external: false, user: 'sa' };

function failure(server: RecordingFakeServer | undefined) {
  return {
    error: refusedLogin(),
    database: 'Hartonomous',
    where: '127.0.0.1:1433',
    endpoint: LOCAL,
    openMaster: async () => {
      if (server === undefined) throw refusedLogin();
      return server.open('master');
    },
  };
}

describe('a refused login into a user database, told apart on master (recording fake session)', () => {
  it('is the password when master refuses the same login too (18456): the volume hint', async () => {
    const error = await explainLoginFailure(failure(undefined));
    expect(error).toMatchObject({ code: 'sql-login', message: "SQL Server at 127.0.0.1:1433 refuses the login of sa: Login failed for user 'sa'." });
    expect(error.hint).toContain('hart-dev down --volumes');
  });

  it('is a missing database (4060) when master accepts the login and sys.databases has no row for it', async () => {
    const server = new RecordingFakeServer().on(/FROM sys\.databases AS d WHERE d\.\[name\] = @db;$/, []);
    const error = await explainLoginFailure(failure(server));
    expect(error).toMatchObject({ code: 'sql-database-missing', message: 'SQL Server at 127.0.0.1:1433 has no database Hartonomous' });
    expect(error.hint).not.toContain('--volumes');
    expect(server.calls).toEqual([
      { kind: 'open', database: 'master' },
      {
        kind: 'query',
        database: 'master',
        text: 'SELECT d.[state_desc] AS state, d.[user_access_desc] AS userAccess FROM sys.databases AS d WHERE d.[name] = @db;',
        params: { db: { type: 'nvarchar', value: 'Hartonomous' } },
      },
      { kind: 'close', database: 'master' },
    ]);
  });

  it('is a single-user database another session holds', async () => {
    const server = new RecordingFakeServer().on(/FROM sys\.databases/, [{ state: 'ONLINE', userAccess: 'SINGLE_USER' }]);
    const error = await explainLoginFailure(failure(server));
    expect(error).toMatchObject({ code: 'sql-database-single-user', message: 'Database Hartonomous on 127.0.0.1:1433 is in SINGLE_USER mode and another session holds it' });
    expect(error.hint).toContain('ALTER DATABASE [Hartonomous] SET MULTI_USER WITH ROLLBACK IMMEDIATE');
  });

  it('is a database that is not ONLINE (left RESTORING): reset --full', async () => {
    const server = new RecordingFakeServer().on(/FROM sys\.databases/, [{ state: 'RESTORING', userAccess: 'MULTI_USER' }]);
    const error = await explainLoginFailure(failure(server));
    expect(error).toMatchObject({ code: 'database-not-online', message: 'Database Hartonomous is RESTORING, not ONLINE (SQL Server at 127.0.0.1:1433)' });
    expect(error.hint).toContain('hart-dev reset --full');
  });

  it('is a login without a user in an ONLINE, multi-user database', async () => {
    const server = new RecordingFakeServer().on(/FROM sys\.databases/, [{ state: 'ONLINE', userAccess: 'MULTI_USER' }]);
    const error = await explainLoginFailure({ ...failure(server), endpoint: { external: true, user: 'app' } });
    expect(error).toMatchObject({ code: 'sql-database-access', message: 'SQL Server at 127.0.0.1:1433 accepts the login of app but not into database Hartonomous' });
  });

  it('recognises the refused login by mssql\'s ELOGIN code only', () => {
    expect(isLoginError(refusedLogin())).toBe(true);
    expect(isLoginError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe(false);
  });
});
