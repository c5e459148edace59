// Shared by the Neo4j integration tests: a Config in external-Neo4j mode pointing at the suite's
// real Neo4j test server, a context for the phases, and a reporter that records what phases say.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/load.js';
import type { PhaseReporter, Progress } from '../../src/engine/phase.js';
import type { Neo4jEndpoint } from '../../src/neo4j/endpoint.js';
import type { UpContext } from '../../src/phases/context.js';
import type { EmbeddingSettings } from '../../src/seed/types.js';

export const REPO = join(import.meta.dirname, '..', '..');

export function testNeo4j(): Neo4jEndpoint {
  const server = inject('neo4j');
  return { url: server.url, user: server.user, password: server.password, external: true };
}

const created: string[] = [];

/** Removes the folders externalConfig made (call in afterAll). */
export function removeConfigFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function externalConfig(settings: Partial<EmbeddingSettings>, env: Record<string, string> = {}): Config {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-neo4j-test-'));
  created.push(cwd);
  const seeds = join(cwd, 'seeds');
  mkdirSync(seeds);
  writeFileSync(join(seeds, 'embeddings.json'), JSON.stringify(settings));
  const server = testNeo4j();
  return loadConfig({
    cwd,
    env: {
      HART_NEO4J_URL: server.url,
      HART_NEO4J_USER: server.user,
      HART_NEO4J_PASSWORD: server.password,
      HART_SQL_DIR: join(REPO, 'sql'),
      HART_SEEDS_DIR: seeds,
      HART_READY_TIMEOUT: '20',
      ...env,
    },
  });
}

export function contextOf(config: Config, yes = false): UpContext {
  return { config, interactive: false, yes, state: {}, env: process.env };
}

export function recorder(): { report: PhaseReporter; statuses: string[]; progress: Progress[] } {
  const statuses: string[] = [];
  const progress: Progress[] = [];
  return {
    statuses,
    progress,
    report: {
      progress: (p) => progress.push(p),
      status: (m) => statuses.push(m),
      log: (l) => statuses.push(l),
    },
  };
}
