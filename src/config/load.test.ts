import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../engine/errors.js';
import { saveEulaConsent } from './consent.js';
import { ConfigError, loadConfig, unknownVariables } from './load.js';
import { neo4jPasswordProblem, sqlPasswordProblem } from './passwords.js';

function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hart-config-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

function loadError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('HART_SQL_PROJECT', () => {
  it('is a project file, from the variable, --sql-project or --project PATH.sqlproj (which leaves HART_PROJECT alone)', () => {
    const cwd = project({ 'Db.sqlproj': '<Project />' });
    expect(loadConfig({ cwd, env: { HART_SQL_PROJECT: 'Db.sqlproj' } }).paths.sqlProject).toBe(join(cwd, 'Db.sqlproj'));
    const flagged = loadConfig({ cwd, env: {}, flags: { project: 'Db.sqlproj' } });
    expect(flagged.paths.sqlProject).toBe(join(cwd, 'Db.sqlproj'));
    expect(flagged.sources.HART_SQL_PROJECT).toBe('flag');
    expect(flagged.project).toBe('hart');
    expect(loadConfig({ cwd, env: {}, flags: { project: 'team1' } })).toMatchObject({ project: 'team1', paths: { sqlProject: undefined } });
  });

  it('a path that is not a file is a configuration error (exit 2) with the variable or flag and an example', () => {
    const cwd = project();
    const fromEnv = loadError(() => loadConfig({ cwd, env: { HART_SQL_PROJECT: 'nope.sqlproj' } }));
    expect(fromEnv.exitCode).toBe(2);
    expect(fromEnv.message).toBe('HART_SQL_PROJECT "nope.sqlproj" from the environment does not exist');
    expect(fromEnv.hint).toBe('Set a valid value, e.g. HART_SQL_PROJECT=src/Hartonomous.Database/Hartonomous.Database.sqlproj');
    const fromFlag = loadError(() => loadConfig({ cwd, env: {}, flags: { project: 'x.sqlproj' } }));
    expect(fromFlag.message).toBe('HART_SQL_PROJECT "x.sqlproj" from flag --sql-project does not exist');
    expect(loadError(() => loadConfig({ cwd, env: { HART_SQL_PROJECT: '.' } })).message).toContain('is not a file');
  });
});

describe('loadConfig precedence', () => {
  it('takes flags over environment over .env.local over .env over defaults', () => {
    const cwd = project({ '.env': 'HART_SQL_PORT=1001\nHART_NEO4J_BOLT_PORT=2001\nHART_NEO4J_HTTP_PORT=3001\nHART_PROJECT=fromdotenv\n', '.env.local': 'HART_SQL_PORT=1002\nHART_NEO4J_BOLT_PORT=2002\n' });
    const config = loadConfig({ cwd, env: { HART_SQL_PORT: '1003' }, flags: { 'sql-port': '1004' } });
    expect(config.sql.port).toBe(1004);
    expect(config.neo4j.boltPort).toBe(2002);
    expect(config.neo4j.httpPort).toBe(3001);
    expect(config.project).toBe('fromdotenv');
    expect(config.sql.database).toBe('Hartonomous');
    expect(config.sources).toMatchObject({ HART_SQL_PORT: 'flag', HART_NEO4J_BOLT_PORT: '.env.local', HART_NEO4J_HTTP_PORT: '.env', HART_SQL_DATABASE: 'default' });

    const withoutFlag = loadConfig({ cwd, env: { HART_SQL_PORT: '1003' } });
    expect(withoutFlag.sql.port).toBe(1003);
    expect(withoutFlag.sources.HART_SQL_PORT).toBe('environment');
  });

  it('treats an empty environment value as unset', () => {
    const cwd = project({ '.env': 'HART_SQL_PORT=1500\n' });
    expect(loadConfig({ cwd, env: { HART_SQL_PORT: '' } }).sql.port).toBe(1500);
  });

  it('reads yes/no values and the EULA consent saved by an earlier prompt', () => {
    const cwd = project();
    expect(loadConfig({ cwd, env: {} }).sql.acceptEula).toBe(false);
    expect(loadConfig({ cwd, env: { HART_ACCEPT_EULA: 'Y' } }).sql.acceptEula).toBe(true);
    saveEulaConsent(join(cwd, '.hart'));
    const config = loadConfig({ cwd, env: {} });
    expect(config.sql.acceptEula).toBe(true);
    expect(config.sources.HART_ACCEPT_EULA).toBe('saved');
    expect(loadConfig({ cwd, env: { HART_ACCEPT_EULA: 'no' } }).sql.acceptEula).toBe(false);
  });
});

describe('loadConfig validation messages', () => {
  it('names the variable, the file it came from, the problem and a good example', () => {
    const cwd = project({ '.env': 'HART_SQL_PORT=70000\n' });
    const error = loadError(() => loadConfig({ cwd, env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`HART_SQL_PORT "70000" from ${join(cwd, '.env')} is out of range (1–65535)`);
    expect(error.hint).toBe('Set a valid value, e.g. HART_SQL_PORT=1433');
  });

  it('names the flag when a flag is wrong', () => {
    const error = loadError(() => loadConfig({ cwd: project(), env: {}, flags: { 'neo4j-bolt-port': 'seven' } }));
    expect(error.message).toBe('HART_NEO4J_BOLT_PORT "seven" from flag --neo4j-bolt-port is not a whole number');
    // The hint shows the flag too: the variable was never set.
    expect(error.hint).toBe('Pass a valid value, e.g. --neo4j-bolt-port 7687');
  });

  it('rejects a yes/no variable that is neither', () => {
    const error = loadError(() => loadConfig({ cwd: project(), env: { HART_ACCEPT_EULA: 'maybe' } }));
    expect(error.message).toBe('HART_ACCEPT_EULA "maybe" from the environment is not a yes/no value');
    expect(error.hint).toBe('Set a valid value, e.g. HART_ACCEPT_EULA=true');
  });

  it('reports a malformed .env line with its file and line number', () => {
    const cwd = project({ '.env': '# settings\nHART_SQL_PORT=1433\nthis is not a setting\n' });
    const error = loadError(() => loadConfig({ cwd, env: {} }));
    expect(error.message).toBe(`${join(cwd, '.env')}:3: "this is not a setting" is not a NAME=value line`);
    expect(error.location).toEqual({ file: join(cwd, '.env'), line: 3 });
    expect(error.hint).toContain('NAME=value');
  });

  it('accepts quoted multi-line values, export prefixes and comments', () => {
    const cwd = project({ '.env': 'export HART_PROJECT=demo\nHART_SQL_COLLATION="Latin1_General_100_CI_AS"\n# HART_SQL_PORT=oops\n' });
    const config = loadConfig({ cwd, env: {} });
    expect(config.project).toBe('demo');
    expect(config.sql.collation).toBe('Latin1_General_100_CI_AS');
  });

  it('never shows a rejected password in the message', () => {
    const error = loadError(() => loadConfig({ cwd: project(), env: { HART_SQL_SA_PASSWORD: 'weakpassword' } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError ? error.variable : '').toBe('HART_SQL_SA_PASSWORD');
    expect(error.message).toBe('HART_SQL_SA_PASSWORD (hidden) from the environment uses fewer than three of: upper case, lower case, digits, symbols');
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('weakpassword');
  });

  it('rejects a URL with the wrong scheme', () => {
    const error = loadError(() => loadConfig({ cwd: project(), env: { HART_NEO4J_URL: 'http://localhost:7474' } }));
    expect(error.message).toContain('HART_NEO4J_URL "http://localhost:7474" from the environment has scheme "http:"');
  });
});

describe('password policies', () => {
  it.each([
    ['Short1!', 'is shorter than 8 characters'],
    ['alllowercase1', 'uses fewer than three of: upper case, lower case, digits, symbols'],
    ['Passa1234', 'contains the login name "sa"'],
    ['x'.repeat(120) + 'Aa1!aaaaa', 'is longer than 128 characters'],
  ])('SQL Server refuses %s', (password, problem) => {
    expect(sqlPasswordProblem(password, 'sa')).toBe(problem);
  });

  it.each(['Str0ng.Passw0rd', 'abcDEF123', 'ABC-def-ghi'])('SQL Server accepts %s', (password) => {
    expect(sqlPasswordProblem(password, 'sa')).toBeUndefined();
  });

  it('applies the Neo4j policy both ways', () => {
    expect(neo4jPasswordProblem('short')).toBe('is shorter than 8 characters');
    expect(neo4jPasswordProblem('with/slash')).toContain('contains "/"');
    expect(neo4jPasswordProblem('longenough')).toBeUndefined();
  });
});

describe('generated passwords', () => {
  it('are generated when unset, persisted 0600 and reused next time', () => {
    const cwd = project();
    const first = loadConfig({ cwd, env: {}, persistGenerated: true });
    expect(sqlPasswordProblem(first.sql.saPassword, 'sa')).toBeUndefined();
    expect(neo4jPasswordProblem(first.neo4j.password)).toBeUndefined();
    expect(first.sources.HART_SQL_SA_PASSWORD).toBe('generated');
    const file = join(cwd, '.hart', 'secrets.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(cwd, '.hart', '.gitignore'), 'utf8')).toContain('*');

    const second = loadConfig({ cwd, env: {}, persistGenerated: true });
    expect(second.sql.saPassword).toBe(first.sql.saPassword);
    expect(second.neo4j.password).toBe(first.neo4j.password);
    expect(second.sources.HART_SQL_SA_PASSWORD).toBe('secrets');
    expect(second.secrets).toEqual([first.sql.saPassword, first.neo4j.password]);
  });

  it('are not written when persisting is off (doctor only looks)', () => {
    const cwd = project();
    const a = loadConfig({ cwd, env: {} });
    const b = loadConfig({ cwd, env: {} });
    expect(a.sql.saPassword).not.toBe(b.sql.saPassword);
  });

  it('a password set by the user wins over the saved one', () => {
    const cwd = project();
    loadConfig({ cwd, env: {}, persistGenerated: true });
    expect(loadConfig({ cwd, env: { HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd' } }).sql.saPassword).toBe('Str0ng.Passw0rd');
  });
});

describe('passwords inside service URLs', () => {
  it('are secrets of the run, as written and decoded, so the redactor masks them', () => {
    const config = loadConfig({
      cwd: project(),
      env: { HART_SQL_URL: 'sqlserver://sa:S3cret%2Fpass@db.example:1433', HART_NEO4J_URL: 'bolt://neo4j:Gr4ph.Pass@graph.example:7687' },
    });
    expect(config.secrets).toEqual(expect.arrayContaining(['S3cret%2Fpass', 'S3cret/pass', 'Gr4ph.Pass']));
  });

  it('are not shown when the URL itself is invalid', () => {
    const error = loadError(() => loadConfig({ cwd: project(), env: { HART_SQL_URL: 'http://sa:Hidden.Pass1@db.example' } }));
    expect(error.message).toContain('HART_SQL_URL');
    expect(error.message).not.toContain('Hidden.Pass1');
  });
});

describe('unknownVariables', () => {
  it('names HART_* settings no variable has, where they are, and the known one they most likely mean', () => {
    const dir = project({ '.env': 'HART_NEO4J_PASWORD=x\nOTHER=1\n', '.env.local': 'HART_SQL_PORT=1433\n' });
    expect(unknownVariables(dir, { HART_SQL_PROT: '1444', HART_TEST_PHASES: 'slow', PATH: '/bin', HART_WHATEVER_ELSE: '1' })).toEqual([
      { name: 'HART_SQL_PROT', where: 'environment', near: 'HART_SQL_PORT' },
      { name: 'HART_WHATEVER_ELSE', where: 'environment' },
      { name: 'HART_NEO4J_PASWORD', where: '.env', near: 'HART_NEO4J_PASSWORD' },
    ]);
  });
});
