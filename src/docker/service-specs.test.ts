import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { dotnetVariables, shellExports } from './dotnet-settings.js';
import { neo4jEndpointFromUrl, sqlEndpointFromUrl } from './external-endpoints.js';
import { LayerProgress, pullFailure } from './image-pull.js';
import { mssqlPid, neo4jSpec, specHash, sqlHostname, sqlServerSpec } from './service-specs.js';

const base = { HART_SQL_SA_PASSWORD: 'Unit.Test-Passw0rd', HART_NEO4J_PASSWORD: 'unit-test-password' };
const configOf = (env: Record<string, string> = {}) => loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'hart-spec-')), env: { ...base, ...env } });

describe('container specs', () => {
  it('keeps the SQL Server hostname within 15 characters, whatever the project name', () => {
    for (const project of ['hart', 'a-very-long-project-name-here', 'x_y']) {
      const name = sqlHostname(project);
      expect(name.length).toBeLessThanOrEqual(15);
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it('uses EnterpriseDeveloper on 2025 images, Developer otherwise', () => {
    expect(mssqlPid('mcr.microsoft.com/mssql/server:2025-latest')).toBe('EnterpriseDeveloper');
    expect(mssqlPid('mcr.microsoft.com/mssql/server:2022-latest')).toBe('Developer');
  });

  it('sets ACCEPT_EULA only with consent, and APOC only when asked', () => {
    expect(sqlServerSpec(configOf(), { eulaAccepted: false }).env.ACCEPT_EULA).toBeUndefined();
    expect(sqlServerSpec(configOf(), { eulaAccepted: true }).env.ACCEPT_EULA).toBe('Y');
    expect(neo4jSpec(configOf()).env.NEO4J_PLUGINS).toBeUndefined();
    expect(neo4jSpec(configOf({ HART_NEO4J_APOC: 'true' })).env.NEO4J_PLUGINS).toBe('["apoc"]');
  });

  it('hashes to the same value for the same settings and to another when image, env or ports change', () => {
    const a = specHash(neo4jSpec(configOf()));
    expect(specHash(neo4jSpec(configOf()))).toBe(a);
    expect(specHash(neo4jSpec(configOf({ HART_NEO4J_IMAGE: 'neo4j:5.26.1-community' })))).not.toBe(a);
    expect(specHash(neo4jSpec(configOf({ HART_NEO4J_HEAP: '2G' })))).not.toBe(a);
    expect(specHash(neo4jSpec(configOf({ HART_NEO4J_BOLT_PORT: '7688' })))).not.toBe(a);
  });
});

describe('image pull', () => {
  it('sums the download progress of all layers in bytes', () => {
    const p = new LayerProgress();
    p.apply({ id: 'a', status: 'Pulling fs layer' });
    p.apply({ id: 'b', status: 'Pulling fs layer' });
    p.apply({ id: 'a', status: 'Downloading', progressDetail: { current: 50, total: 100 } });
    expect(p.apply({ id: 'b', status: 'Downloading', progressDetail: { current: 10, total: 300 } })).toEqual({ done: 60, total: 400, unit: 'bytes' });
    expect(p.apply({ id: 'a', status: 'Download complete' })).toEqual({ done: 110, total: 400, unit: 'bytes' });
  });

  it('tells an unreachable registry from a missing tag', () => {
    const offline = pullFailure('neo4j:5.26-community', undefined, 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host');
    expect(offline.code).toBe('image-pull-offline');
    expect(offline.hint).toContain("'docker load -i neo4j-5.26-community.tar'");
    expect(pullFailure('neo4j:9', undefined, 'manifest for neo4j:9 not found: manifest unknown').code).toBe('image-not-found');
  });
});

describe('external servers and .NET settings', () => {
  it('reads user, password, port and database from the URLs; the Neo4j URL loses its credentials', () => {
    const config = configOf();
    expect(sqlEndpointFromUrl('sqlserver://app:p%40ss@db.example:14330/Other', config)).toEqual({ host: 'db.example', port: 14330, user: 'app', password: 'p@ss', database: 'Other', external: true });
    expect(sqlEndpointFromUrl('mssql://db.example', config)).toMatchObject({ port: 1433, user: 'sa', password: base.HART_SQL_SA_PASSWORD, database: 'Hartonomous' });
    expect(neo4jEndpointFromUrl('bolt://me:secret-pw@graph.example:7688', config)).toEqual({ url: 'bolt://graph.example:7688', user: 'me', password: 'secret-pw', external: true });
  });

  it('status -o env lines survive eval in a real shell whatever the password holds', () => {
    const config = configOf();
    const password = `a'b$c;d "e\\f`;
    const sql = { ...sqlEndpointFromUrl('sqlserver://sa@localhost', config), password };
    const neo = { ...neo4jEndpointFromUrl('bolt://localhost:7687', config), password };
    const script = `${shellExports(sql, neo, true).join('\n')}\nprintf '%s\\n%s' "$Neo4j__Password" "$ConnectionStrings__Hartonomous"`;
    const run = spawnSync('sh', ['-c', `eval "$(cat)"`], { input: script, encoding: 'utf8' });
    expect(run.stdout).toBe(`${password}\nServer=localhost,1433;Database=Hartonomous;User Id=sa;Password="a'b$c;d ""e\\f"`);
  });

  it('quotes a password that would end the connection-string pair', () => {
    const config = configOf();
    const sql = { ...sqlEndpointFromUrl('sqlserver://sa@localhost', config), password: 'a;b"c' };
    const neo = neo4jEndpointFromUrl('bolt://localhost:7687', config);
    expect(dotnetVariables(sql, neo, true)[0]).toEqual(['ConnectionStrings__Hartonomous', 'Server=localhost,1433;Database=Hartonomous;User Id=sa;Password="a;b""c"']);
  });
});
