import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../docker/doctor-checks.js';
import { doctorLines } from './doctor.js';

const results: CheckResult[] = [
  { id: 'configuration', title: 'Configuration', verdict: 'ok', message: 'Configuration is valid' },
  { id: 'docker', title: 'Docker', verdict: 'ok', message: 'Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket)' },
  { id: 'port-sqlserver', title: 'Port 1433', verdict: 'fail', message: '127.0.0.1:1433 is taken by another program (sqlservr, pid 4242)', hint: "Stop it, or pick another port: 'hart-dev up --sql-port 14330'." },
  {
    id: 'eula',
    title: 'SQL Server EULA',
    verdict: 'fail',
    message: 'The SQL Server EULA is not accepted, and there is no terminal to ask',
    hint: 'Read https://go.microsoft.com/fwlink/?linkid=857698 and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula).',
  },
];

describe('doctor lines', () => {
  it('at 60 columns: messages wrap under the message column, hints under the text after the arrow, the EULA link whole on its own line', () => {
    expect(doctorLines(results, 60).join('\n')).toMatchInlineSnapshot(`
      "✔ Configuration    Configuration is valid
      ✔ Docker           Docker 20.10.24+dfsg1 answers at
                         unix:///var/run/docker.sock (default
                         socket)
      ✖ Port 1433        127.0.0.1:1433 is taken by another
                         program (sqlservr, pid 4242)
                         → Stop it, or pick another port:
                           'hart-dev up --sql-port 14330'.
      ✖ SQL Server EULA  The SQL Server EULA is not accepted, and
                         there is no terminal to ask
                         → Read
                    https://go.microsoft.com/fwlink/?linkid=857698
                           and set HART_ACCEPT_EULA=Y
                           (environment, .env or --accept-eula)."
    `);
  });

  it('at 80 columns', () => {
    expect(doctorLines(results, 80).join('\n')).toMatchInlineSnapshot(`
      "✔ Configuration    Configuration is valid
      ✔ Docker           Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock
                         (default socket)
      ✖ Port 1433        127.0.0.1:1433 is taken by another program (sqlservr, pid
                         4242)
                         → Stop it, or pick another port:
                           'hart-dev up --sql-port 14330'.
      ✖ SQL Server EULA  The SQL Server EULA is not accepted, and there is no terminal
                         to ask
                         → Read
                           https://go.microsoft.com/fwlink/?linkid=857698
                           and set HART_ACCEPT_EULA=Y (environment, .env or
                           --accept-eula)."
    `);
  });

  it('at 120 columns', () => {
    expect(doctorLines(results, 120).join('\n')).toMatchInlineSnapshot(`
      "✔ Configuration    Configuration is valid
      ✔ Docker           Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket)
      ✖ Port 1433        127.0.0.1:1433 is taken by another program (sqlservr, pid 4242)
                         → Stop it, or pick another port: 'hart-dev up --sql-port 14330'.
      ✖ SQL Server EULA  The SQL Server EULA is not accepted, and there is no terminal to ask
                         → Read
                           https://go.microsoft.com/fwlink/?linkid=857698
                           and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula)."
    `);
  });
});
