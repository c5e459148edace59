// The whole SQL Server path against the real image: up → up (no-op) → reset → seed. Runs where images
// can be pulled (GitHub-hosted runners); elsewhere it prints why it skipped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MSSQLServerContainer, type StartedMSSQLServerContainer } from '@testcontainers/mssqlserver';
import { SQL_SERVER_IMAGE, e2eSkipReason } from './registry-check.js';
import { hart } from './run-hart.js';

const skipReason = await e2eSkipReason();
if (skipReason !== undefined) console.log(`e2e skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('hart-dev against a real SQL Server', () => {
  let server: StartedMSSQLServerContainer;
  let env: NodeJS.ProcessEnv;
  const cwd = mkdtempSync(join(tmpdir(), 'hart-e2e-'));
  const payload = resolve(import.meta.dirname, '../..');

  beforeAll(async () => {
    server = await new MSSQLServerContainer(SQL_SERVER_IMAGE).acceptLicense().withPassword('E2e.Passw0rd!').start();
    env = {
      ...process.env,
      CI: 'true',
      HART_SQL_URL: `sqlserver://${server.getUsername()}:${encodeURIComponent(server.getPassword())}@${server.getHost()}:${server.getPort()}`,
      HART_SQL_SA_PASSWORD: server.getPassword(),
      HART_SQL_DIR: join(payload, 'sql'),
      HART_SEEDS_DIR: join(payload, 'seeds'),
    };
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('deploys with up, then a second up does no database work and writes nothing to the graph', async () => {
    const cold = await hart(['up', '--json', '--yes'], env, cwd);
    expect(cold.code).toBe(0);
    const warm = await hart(['up', '--json', '--yes'], env, cwd);
    expect(warm.code).toBe(0);
    for (const id of ['database', 'migration', 'broker', 'programmability', 'seed', 'verify', 'neo4j-seed']) {
      expect(warm.phases.get(id)?.status, id).toBe('skipped');
    }
  });

  it('resets and seeds again', async () => {
    const reset = await hart(['reset', '--json', '--yes'], env, cwd);
    expect(reset.code).toBe(0);
    const seed = await hart(['seed', '--json', '--embeddings', '200'], env, cwd);
    expect(seed.code).toBe(0);
    expect(seed.phases.get('seed')?.status).toBe('done');
    expect(seed.phases.get('neo4j-seed')?.status).toBe('done');
  });
});
