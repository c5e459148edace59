// compose/docker-compose.yml and the kit's own container specs must describe the same containers:
// images, platform, ports, volumes, environment variable names, labels and healthchecks.
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createBody, LABEL_PROJECT, LABEL_SERVICE, neo4jSpec, sqlServerSpec, type ContainerSpec } from './service-specs.js';

const composeText = readFileSync(new URL('../../compose/docker-compose.yml', import.meta.url), 'utf8');

/** Compose's own interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}; $$ is a literal $. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (match === '$$') return '$';
    const value = name === undefined ? undefined : env[name];
    if (value !== undefined && value !== '') return value;
    if (op === '-') return arg ?? '';
    throw new Error(`compose needs ${name}: ${arg ?? ''}`);
  });
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a mapping');
  return Object.fromEntries(Object.entries(value));
}

const secrets = { HART_SQL_SA_PASSWORD: 'Compose.Test-Passw0rd', HART_NEO4J_PASSWORD: 'compose-test-password', HART_ACCEPT_EULA: 'Y' };

function composeFor(env: Record<string, string>): Record<string, unknown> {
  return record(parse(interpolate(composeText, env)));
}

function specsFor(env: Record<string, string>): { sqlserver: ContainerSpec; neo4j: ContainerSpec } {
  const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'hart-compose-')), env });
  return { sqlserver: sqlServerSpec(config, { eulaAccepted: true }), neo4j: neo4jSpec(config) };
}

function duration(seconds: number): string {
  return `${seconds}s`;
}

describe('compose/docker-compose.yml agrees with the container specs of `up`', () => {
  for (const env of [secrets, { ...secrets, HART_PROJECT: 'other', HART_SQL_PORT: '11433', HART_NEO4J_BOLT_PORT: '17687', HART_NEO4J_APOC: 'false', HART_NEO4J_HEAP: '2G' }]) {
    const compose = composeFor(env);
    const services = record(compose.services);
    const specs = specsFor(env);
    for (const name of ['sqlserver', 'neo4j'] as const) {
      it(`${name} (${env === secrets ? 'defaults' : 'overrides'}): image, platform, name, ports, volume, environment, labels, healthcheck`, () => {
        const service = record(services[name]);
        const spec = specs[name];
        const body = createBody(spec);
        expect(service.image).toBe(spec.image);
        expect(service.platform).toBe(spec.platform);
        expect(service.container_name).toBe(spec.name);
        expect(service.hostname).toBe(spec.hostname);
        expect(service.ports).toEqual(spec.ports.map((p) => `${spec.bindAddress}:${p.host}:${p.container}`));
        expect(service.volumes).toEqual([`${name === 'sqlserver' ? 'mssql' : 'neo4j'}:${spec.volume.target}`]);
        const volume = record(record(compose.volumes)[name === 'sqlserver' ? 'mssql' : 'neo4j']);
        expect(volume.name).toBe(spec.volume.name);
        expect(volume.labels).toEqual({ [LABEL_PROJECT]: spec.project, [LABEL_SERVICE]: name });
        const environment = record(service.environment);
        expect(Object.keys(environment).sort()).toEqual(Object.keys(spec.env).sort());
        for (const [key, value] of Object.entries(spec.env)) expect(String(environment[key]), key).toBe(value);
        expect(record(service.labels)).toEqual({ [LABEL_PROJECT]: spec.project, [LABEL_SERVICE]: name });
        const health = record(service.healthcheck);
        expect(health.test).toEqual(spec.healthcheck.test);
        expect(health).toMatchObject({
          interval: duration(spec.healthcheck.intervalSeconds),
          timeout: duration(spec.healthcheck.timeoutSeconds),
          retries: spec.healthcheck.retries,
          start_period: duration(spec.healthcheck.startPeriodSeconds),
        });
        expect(body.Image).toBe(spec.image);
      });
    }
  }

  it('keeps the password out of the healthcheck command: the container shell expands it', () => {
    const sql = record(record(composeFor(secrets).services).sqlserver);
    expect(JSON.stringify(record(sql.healthcheck).test)).not.toContain(secrets.HART_SQL_SA_PASSWORD);
    expect(JSON.stringify(record(sql.healthcheck).test)).toContain('SQLCMDPASSWORD=\\"$MSSQL_SA_PASSWORD\\"');
  });
});
