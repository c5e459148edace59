// compose/docker-compose.yml and the kit's own container specs must describe the same containers:
// images, platform, ports, volumes, environment variable names, labels and healthchecks.
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createBody, LABEL_PROJECT, LABEL_SERVICE, neo4jSpec, sqlServerSpec, type ContainerSpec } from './service-specs.js';

const composeText = readFileSync(new URL('../../compose/docker-compose.yml', import.meta.url), 'utf8');
const apocText = readFileSync(new URL('../../compose/apoc.yml', import.meta.url), 'utf8');
const sql2025Text = readFileSync(new URL('../../compose/sql2025.yml', import.meta.url), 'utf8');

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

/** `compose` with the environment of `service` in the override file `text` merged in, as compose merges a later file. */
function withOverride(compose: Record<string, unknown>, text: string, service: 'sqlserver' | 'neo4j'): Record<string, unknown> {
  const services = record(compose.services);
  const own = record(services[service]);
  const extra = record(record(record(record(parse(text)).services)[service]).environment);
  return { ...compose, services: { ...services, [service]: { ...own, environment: { ...record(own.environment), ...extra } } } };
}

/**
 * The compose model for `env`: docker-compose.yml, then the override files the header says to add
 * where the kit would differ: apoc.yml with APOC, sql2025.yml for a 2025 SQL Server image.
 */
function composeFor(env: Record<string, string>): Record<string, unknown> {
  let compose = record(parse(interpolate(composeText, env)));
  if (env.HART_NEO4J_APOC === 'true') compose = withOverride(compose, apocText, 'neo4j');
  if (/:2025/.test(env.HART_SQL_IMAGE ?? '')) compose = withOverride(compose, sql2025Text, 'sqlserver');
  return compose;
}

function specsFor(env: Record<string, string>): { sqlserver: ContainerSpec; neo4j: ContainerSpec } {
  const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'hart-compose-')), env });
  return { sqlserver: sqlServerSpec(config, { eulaAccepted: true }), neo4j: neo4jSpec(config) };
}

function duration(seconds: number): string {
  return `${seconds}s`;
}

describe('compose/docker-compose.yml agrees with the container specs of `up`', () => {
  const overrides = { ...secrets, HART_PROJECT: 'other', HART_SQL_PORT: '11433', HART_NEO4J_BOLT_PORT: '17687', HART_NEO4J_APOC: 'false', HART_NEO4J_HEAP: '2G' };
  const apoc = { ...secrets, HART_NEO4J_APOC: 'true', HART_SQL_IMAGE: 'mcr.microsoft.com/mssql/server:2025-latest' };
  for (const env of [secrets, overrides, apoc]) {
    const compose = composeFor(env);
    const services = record(compose.services);
    const specs = specsFor(env);
    for (const name of ['sqlserver', 'neo4j'] as const) {
      it(`${name} (${env === secrets ? 'defaults' : env === apoc ? 'APOC and a 2025 image, with apoc.yml and sql2025.yml' : 'overrides'}): image, platform, name, ports, volume, environment, labels, healthcheck`, () => {
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

  it('takes the passwords the kit generated from .hart/secrets.env, the file the header names with --env-file', () => {
    // The kit reads its generated passwords back from <project>/.hart/secrets.env, under the names compose interpolates.
    const cwd = mkdtempSync(join(tmpdir(), 'hart-compose-'));
    const generated = loadConfig({ cwd, env: { HART_ACCEPT_EULA: 'Y' }, persistGenerated: true });
    const saved = parseEnv(readFileSync(join(cwd, '.hart', 'secrets.env'), 'utf8'));
    expect(saved).toEqual({ HART_SQL_SA_PASSWORD: generated.sql.saPassword, HART_NEO4J_PASSWORD: generated.neo4j.password });
    const services = record(composeFor({ HART_ACCEPT_EULA: 'Y', ...saved }).services);
    expect(record(record(services.sqlserver).environment).MSSQL_SA_PASSWORD).toBe(generated.sql.saPassword);
    expect(record(record(services.neo4j).environment).NEO4J_AUTH).toBe(`neo4j/${generated.neo4j.password}`);
    expect(composeText).toContain('--env-file .env --env-file .hart/secrets.env');
  });

  it('keeps the password out of the healthcheck command: the container shell expands it', () => {
    const sql = record(record(composeFor(secrets).services).sqlserver);
    expect(JSON.stringify(record(sql.healthcheck).test)).not.toContain(secrets.HART_SQL_SA_PASSWORD);
    expect(JSON.stringify(record(sql.healthcheck).test)).toContain('SQLCMDPASSWORD=\\"$MSSQL_SA_PASSWORD\\"');
  });
});
