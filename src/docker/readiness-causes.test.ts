// Recognising why a service did not come up: log lines as SQL Server and Neo4j print them, and the
// login error 18456 as mssql reports it (a recorded server error, built with the real error classes).
import sql from 'mssql';
import { describe, expect, it } from 'vitest';
import { HartError } from '../engine/errors.js';
import { recogniseCause } from './log-causes.js';
import { isSqlLoginFailure, waitUntilReady } from './readiness.js';

function recordedLoginFailure(): Error {
  // What tedious raises for the server's ERROR token 18456 ("Login failed for user 'sa'."),
  // wrapped by mssql's ConnectionPool.connect().
  const tediousError = Object.assign(new Error("Login failed for user 'sa'."), { code: 'ELOGIN' });
  return new sql.ConnectionError(tediousError);
}

describe('known causes from the log tail', () => {
  it('SA password policy', () => {
    const lines = [
      'SQL Server 2022 will run as non-root by default.',
      '2026-01-01 00:00:00.00 spid29s     ERROR: Unable to set system administrator password: Password validation failed. The password does not meet SQL Server password policy requirements because it is not complex enough.',
    ];
    expect(recogniseCause('sqlserver', 'hart', lines)).toMatchObject({ code: 'sqlserver-password-policy', hint: expect.stringContaining('HART_SQL_SA_PASSWORD') });
  });

  it('missing EULA', () => {
    const lines = ['The SQL Server End-User License Agreement (EULA) must be accepted before SQL Server can start.'];
    expect(recogniseCause('sqlserver', 'hart', lines)).toMatchObject({ code: 'sqlserver-eula', hint: expect.stringContaining('HART_ACCEPT_EULA=Y') });
  });

  it('too little memory', () => {
    const lines = ['sqlservr: This program requires a machine with at least 2000 megabytes of memory.', '/opt/mssql/bin/sqlservr: This program requires a machine with at least 2000 megabytes of memory.'];
    expect(recogniseCause('sqlserver', 'hart', lines)).toMatchObject({ code: 'sqlserver-memory', message: expect.stringContaining('too little memory') });
  });

  it('a volume that keeps an old password, logged by SQL Server as a failed login', () => {
    const lines = ["2026-01-01 00:00:00.00 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 172.17.0.1]"];
    const cause = recogniseCause('sqlserver', 'demo', lines);
    expect(cause?.message).toContain('the volume demo-mssql was initialised with another password');
    expect(cause?.hint).toContain('set HART_SQL_SA_PASSWORD to the password the volume was created with');
    expect(cause?.hint).toContain("'hart-dev down --volumes'");
  });

  it('Neo4j strict configuration', () => {
    expect(recogniseCause('neo4j', 'hart', ['Unrecognized setting. No declared setting with name: server.memory.heap.max_sise.'])?.code).toBe('neo4j-config');
  });

  it('nothing known', () => {
    expect(recogniseCause('sqlserver', 'hart', ['SQL Server is starting.'])).toBeUndefined();
  });
});

describe('login error 18456 on an existing volume', () => {
  it('is recognised in the recorded mssql error', () => {
    const error = recordedLoginFailure();
    expect(error.message).toBe("Login failed for user 'sa'.");
    expect(isSqlLoginFailure(error)).toBe(true);
    expect(isSqlLoginFailure(new sql.ConnectionError(Object.assign(new Error('Failed to connect to 127.0.0.1:1433 in 3000ms'), { code: 'ETIMEOUT' })))).toBe(false);
  });

  it('an external server refusing the login fails at once with what to check (fake login probe)', async () => {
    let attempts = 0;
    const error = await waitUntilReady(
      'sqlserver',
      'db.example,1433',
      async () => {
        attempts += 1;
        throw recordedLoginFailure();
      },
      (e) => (isSqlLoginFailure(e) ? 'wrong-password' : 'retry'),
      { deadline: Date.now() + 60_000, signal: new AbortController().signal, report: { status: () => undefined }, intervalMs: 1 },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({ message: "SQL Server at db.example,1433 refuses the login: Login failed for user 'sa'.", code: 'sqlserver-login' });
  });
});

