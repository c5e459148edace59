// Whether the e2e suite can run here: a Docker engine and a reachable image registry. Answers in a
// few seconds with the reason when it cannot, so the suite says why it skipped.
import { request } from 'node:https';
import { existsSync } from 'node:fs';

export const SQL_SERVER_IMAGE = 'mcr.microsoft.com/mssql/server:2022-latest';

function reachable(url: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(undefined);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(`no answer from ${new URL(url).host} within ${timeoutMs / 1000} s`);
    });
    req.on('error', (error) => resolve(`${new URL(url).host} is unreachable (${error.message})`));
    req.end();
  });
}

/** undefined when the suite can run; otherwise why it cannot. */
export async function e2eSkipReason(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.HART_E2E === '0') return 'HART_E2E=0';
  const socket = (env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
  if (!socket.includes('://') && !existsSync(socket)) return `no Docker engine at ${socket}`;
  if (process.arch !== 'x64' && env.HART_E2E !== '1') return `the SQL Server image is linux/amd64 only (this machine is ${process.arch}); set HART_E2E=1 to try under emulation`;
  const registry = await reachable('https://mcr.microsoft.com/v2/', 4000);
  return registry === undefined ? undefined : `the SQL Server image cannot be pulled: ${registry}`;
}
