// The path a developer runs: `hart-dev up` with the kit's own containers (real SQL Server and Neo4j
// images), a warm `up` that reuses them untouched, `reset` through the golden backup, and `down
// --volumes`. Runs where images can be pulled (GitHub-hosted runners); elsewhere it says why it skipped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/docker-project.js';
import { e2eSkipReason } from './registry-check.js';
import { hart } from './run-hart.js';

const skipReason = await e2eSkipReason();
if (skipReason !== undefined) console.log(`e2e (local containers) skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('hart-dev up with its own containers (real images)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-e2e-local-'));
  const payload = resolve(import.meta.dirname, '../..');
  const project = `e2e${process.pid}`;
  let env: NodeJS.ProcessEnv = {};

  afterAll(async () => {
    if (env.HART_PROJECT !== undefined) await hart(['down', '--volumes', '--yes'], env, cwd);
  }, 300_000);

  it('deploys everything, reuses it untouched, resets from the golden backup, and removes it', async () => {
    env = {
      ...process.env,
      CI: 'true',
      HART_PROJECT: project,
      HART_ACCEPT_EULA: 'Y',
      HART_SQL_PORT: String(await freePort()),
      HART_NEO4J_BOLT_PORT: String(await freePort()),
      HART_NEO4J_HTTP_PORT: String(await freePort()),
      HART_SQL_DIR: join(payload, 'sql'),
      HART_SEEDS_DIR: join(payload, 'seeds'),
      HART_READY_TIMEOUT: '300',
    };
    const cold = await hart(['up', '--json'], env, cwd);
    expect(cold.code, cold.text.slice(-4000)).toBe(0);
    expect(cold.phases.get('verify')?.status).toBe('done');
    expect(cold.phases.get('neo4j-verify')?.status).toBe('done');
    expect(cold.phases.get('filestream')?.status).toBe('skipped');

    const warm = await hart(['up', '--json'], env, cwd);
    expect(warm.code, warm.text.slice(-4000)).toBe(0);
    expect(warm.phases.get('sqlserver')?.message).toMatch(/reused/);
    expect(warm.phases.get('neo4j')?.message).toMatch(/reused/);
    for (const id of ['database', 'migration', 'broker', 'programmability', 'seed', 'verify']) expect(warm.phases.get(id)?.status, id).toBe('skipped');

    const reset = await hart(['reset', '--json', '--yes'], env, cwd);
    expect(reset.code, reset.text.slice(-4000)).toBe(0);
    expect(reset.phases.get('reset-database')?.message).toMatch(/restored from the golden backup/);

    const down = await hart(['down', '--volumes', '--yes'], env, cwd);
    expect(down.code).toBe(0);
    const status = await hart(['status', '-o', 'json'], env, cwd);
    expect(status.text).toMatch(/missing/);
  });
});
