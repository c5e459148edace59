import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../tsql/test-support.js';
import type { Diagnostic } from '../tsql/types.js';
import { checkProject } from './check-project.js';
import { loadSqlProject } from './load-project.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OPTIONS = { collation: 'SQL_Latin1_General_CP1_CI_AS', database: 'Hartonomous' };

async function check(project: string, cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Diagnostic[]> {
  const loaded = await loadSqlProject(project, { cwd, env, base: { DatabaseName: 'Hartonomous' } });
  return checkProject(loaded, OPTIONS);
}

const brief = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.severity} ${d.rule}${d.code === undefined ? '' : ` ${d.code}`} ${d.file}:${d.line}`);

describe('check of an SSDT project', () => {
  it('finds every class of the team build errors in one pass, with file:line and the SSDT code where SSDT has one', async () => {
    const found = await check('test/fixtures/sqlproj/team-errors/TeamErrors.sqlproj');
    const dir = 'test/fixtures/sqlproj/team-errors';
    expect(brief(found)).toEqual([
      `error ddl-in-module ${dir}/create-table-in-procedure/sp_Reindex.sql:4`,
      `error missing-reference ${dir}/create-table-in-procedure/sp_Reindex.sql:5`,
      `error binding 2714 ${dir}/duplicate-function/fn_Similarity_v2.sql:1`,
      `error missing-principal ${dir}/grant-to-missing-user/grants.sql:3`,
      `error binding 207 ${dir}/missing-column/sp_NearestAtoms.sql:5`,
      `error missing-reference ${dir}/missing-table/vw_TenantUsage.sql:4`,
      `error statement-not-in-model ${dir}/statement-outside-deploy/Atom.seed.sql:1`,
    ]);
    const hintOf = (file: string): string => found.find((d) => d.file.endsWith(file))?.hint ?? '';
    expect(hintOf('missing-table/vw_TenantUsage.sql')).toContain('SQL71501');
    expect(hintOf('missing-column/sp_NearestAtoms.sql')).toContain('SQL71501');
    expect(hintOf('grant-to-missing-user/grants.sql')).toContain('SQL71501');
    expect(hintOf('create-table-in-procedure/sp_Reindex.sql')).toBe('Declare the table in a file of its own in the project (Tables/…): a procedure may only create #temp tables.');
    expect(found.find((d) => d.rule === 'statement-not-in-model')?.message).toContain('SQL70001');
  });

  it('checks the example project clean: plain CREATEs are right in a project, the post-deployment script seeds', async () => {
    expect(await check('examples/hartonomous-ssdt/Hartonomous.Database.sqlproj')).toEqual([]);
  });

  it('checks the classic fixture clean under its case-sensitive DefaultCollation, and finds a name in the wrong case', async () => {
    expect(await check('test/fixtures/sqlproj/classic/Classic.sqlproj')).toEqual([]);
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0"><PropertyGroup><DefaultCollation>Latin1_General_100_CS_AS</DefaultCollation></PropertyGroup></Project>',
      'T.sql': 'CREATE TABLE dbo.T (Id int NOT NULL);\nGO\n',
      'V.sql': 'CREATE VIEW dbo.V AS SELECT t.ID FROM dbo.T AS t;\nGO\n',
    });
    expect(brief(await check('Db.sqlproj', dir))).toEqual(['error binding 207 V.sql:1']);
  });

  it('keeps DML in the deployment scripts, refuses it in a model file, and lets a model file grant and describe', async () => {
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0"><ItemGroup><PreDeploy Include="Pre.sql" /><PostDeploy Include="Post.sql" /></ItemGroup></Project>',
      'T.sql': "CREATE TABLE dbo.T (Id int NOT NULL);\nGO\nEXEC sp_addextendedproperty @name = N'Description', @value = N'T', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'T';\nGO\nGRANT SELECT ON dbo.T TO [public];\nGO\n",
      'Bad.sql': "IF OBJECT_ID(N'dbo.P') IS NOT NULL DROP PROCEDURE dbo.P;\nGO\nCREATE PROCEDURE dbo.P AS SELECT Id FROM dbo.T;\nGO\nEXEC dbo.P;\n",
      'Pre.sql': "PRINT N'pre';\nGO\n",
      'Post.sql': 'INSERT INTO dbo.T (Id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM dbo.T);\nGO\n',
    });
    expect(brief(await check('Db.sqlproj', dir))).toEqual(['error statement-not-in-model Bad.sql:1', 'error statement-not-in-model Bad.sql:5']);
  });

  it('takes a SqlCmdVariable from the environment or .env over the project, and says where to give one that has no value', async () => {
    const fixture = 'test/fixtures/sqlproj/variables/Vars.sqlproj';
    const text = async (env: NodeJS.ProcessEnv): Promise<string> => {
      const loaded = await loadSqlProject(fixture, { cwd: ROOT, env, base: {} });
      return loaded.plan.programmability.map((s) => s.batches.map((b) => b.text).join('\n')).join('\n');
    };
    expect(await text({})).toContain("(N'Environment', N'dev'), (N'Owner', N'hart_owner')");
    expect(await text({ Environment: 'ci' })).toContain("N'ci'");
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0"><ItemGroup><PostDeploy Include="Post.sql" /><SqlCmdVariable Include="Stage"><DefaultValue>dev</DefaultValue></SqlCmdVariable><SqlCmdVariable Include="ApiKey" /></ItemGroup></Project>',
      'Post.sql': "SELECT N'$(Stage)', N'$(ApiKey)';\nGO\n",
      '.env': 'Stage=staging\n',
    });
    const loaded = await loadSqlProject('Db.sqlproj', { cwd: dir, env: {}, base: {} });
    expect(loaded.variables.Stage).toBe('staging');
    const found = await checkProject(loaded, OPTIONS);
    expect(found).toMatchObject([{ rule: 'sqlcmd-undefined-variable', file: 'Post.sql', line: 1, hint: expect.stringContaining('set ApiKey in the environment, .env or .env.local') }]);
  });

  it('leaves files included by a deployment script out of the model, and reports a Build item naming no file at its line', async () => {
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0">\n  <ItemGroup>\n    <PostDeploy Include="Deploy\\Post.sql" />\n    <Build Include="Missing\\Gone.sql" />\n  </ItemGroup>\n</Project>',
      'T.sql': 'CREATE TABLE dbo.T (Id int NOT NULL);\nGO\n',
      'Deploy/Post.sql': ':r .\\Seed\\T.sql\nGO\n',
      'Deploy/Seed/T.sql': 'INSERT INTO dbo.T (Id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM dbo.T);\n',
    });
    const loaded = await loadSqlProject('Db.sqlproj', { cwd: dir, env: {}, base: {} });
    expect(loaded.plan.programmability.map((s) => [s.path, s.kind])).toEqual([
      ['T.sql', 'run-once'],
      ['Deploy/Post.sql', 'every-time'],
    ]);
    expect(brief(await checkProject(loaded, OPTIONS))).toEqual(['error project-item-missing Db.sqlproj:4']);
  });

  it('warns (not errs) about a call of a procedure the project lacks: SQL Server creates the caller', async () => {
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0" />',
      'P.sql': 'CREATE PROCEDURE dbo.P AS EXEC dbo.Nowhere;\nGO\n',
    });
    expect(brief(await check('Db.sqlproj', dir))).toEqual(['warning missing-reference P.sql:1']);
  });

  it('warns (not errs) about a missing table when the project references another database whose objects check does not read', async () => {
    const dir = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0"><ItemGroup><ArtifactReference Include="lib\\Shared.dacpac" /></ItemGroup></Project>',
      'P.sql': 'CREATE PROCEDURE dbo.P AS SELECT Id FROM Sales.OrderLines;\nGO\n',
    });
    const found = await check('Db.sqlproj', dir);
    expect(brief(found)).toEqual(['warning missing-reference P.sql:1']);
    expect(found[0]?.hint).toContain('It may be defined by a referenced database (lib/Shared.dacpac), which check does not read.');
  });
});

describe('system database references', () => {
  it('warns about a name in master or msdb the project does not reference, and not once it does', async () => {
    const files = {
      'P.sql': "CREATE PROCEDURE dbo.P AS\nBEGIN\n  SELECT j.name FROM msdb.dbo.sysjobs AS j;\n  EXEC msdb.dbo.sp_start_job @job_name = N'x';\n  SELECT name FROM master.sys.databases;\nEND\nGO\n",
    };
    const bare = writeTree({ 'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0" />', ...files });
    const found = await check('Db.sqlproj', bare);
    expect(brief(found)).toEqual(['warning system-database-reference P.sql:3', 'warning system-database-reference P.sql:4', 'warning system-database-reference P.sql:5']);
    expect(found[0]?.hint).toContain('<PackageReference Include="Microsoft.SqlServer.Dacpacs.Msdb"');
    const referenced = writeTree({
      'Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/1.0.0"><ItemGroup><PackageReference Include="Microsoft.SqlServer.Dacpacs.Msdb" Version="160.0.0" /><PackageReference Include="Microsoft.SqlServer.Dacpacs.Master" Version="160.0.0" /></ItemGroup></Project>',
      ...files,
    });
    expect(await check('Db.sqlproj', referenced)).toEqual([]);
  });
});

describe('loadSqlProject paths', () => {
  it('names scripts relative to the working folder', async () => {
    const loaded = await loadSqlProject(join(ROOT, 'test/fixtures/sqlproj/sdk-glob/Glob.sqlproj'), { cwd: ROOT, env: {}, base: {} });
    expect(loaded.plan.programmability.map((s) => s.path)).toEqual(['test/fixtures/sqlproj/sdk-glob/Tables/A.sql', 'test/fixtures/sqlproj/shared/SharedView.sql', 'test/fixtures/sqlproj/sdk-glob/Deploy/Post.sql']);
  });
});
