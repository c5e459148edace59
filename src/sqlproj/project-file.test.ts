import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../tsql/test-support.js';
import { readSqlProject } from './project-file.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/sqlproj/', import.meta.url));
const rel = (files: string[], dir: string): string[] => files.map((f) => relative(dir, f).split('\\').join('/'));

describe('readSqlProject', () => {
  it('reads a classic project: its Build items (backslashes, any case), deployment scripts, collation, schema and msdb reference', () => {
    const p = readSqlProject(join(FIXTURES, 'classic/Classic.sqlproj'));
    expect(p).toMatchObject({ name: 'Classic', style: 'classic', defaultCollation: 'Latin1_General_100_CS_AS', defaultSchema: 'sales', systemDatabases: ['msdb'], missing: [] });
    // Listed files only: Tables/Unlisted.sql is not in the model; tables\orders.sql is Tables/Orders.sql.
    expect(rel(p.build, p.dir)).toEqual(['Tables/Orders.sql', 'Tables/Schema.sql', 'Views/OrderTotals.sql']);
    expect(rel(p.preDeploy, p.dir)).toEqual(['Scripts/Script.PreDeployment.sql']);
    expect(rel(p.postDeploy, p.dir)).toEqual(['Scripts/Script.PostDeployment.sql']);
  });

  it('globs an SDK-style project: **/*.sql minus bin/ and obj/, Build Remove, None and PostDeploy out, wildcards in Include', () => {
    const p = readSqlProject(join(FIXTURES, 'sdk-glob/Glob.sqlproj'));
    expect(p).toMatchObject({ style: 'sdk', sdk: 'Microsoft.Build.Sql', systemDatabases: [] });
    // Deploy/Included.sql is still here: the loader drops the files the deployment scripts include (load-project.ts).
    expect(rel(p.build, p.dir)).toEqual(['Deploy/Included.sql', 'Tables/A.sql', '../shared/SharedView.sql']);
  });

  it('reads SqlCmdVariable values: Value through its $(SqlCmdVar__N) property, else DefaultValue, else none', () => {
    const p = readSqlProject(join(FIXTURES, 'variables/Vars.sqlproj'));
    expect(p).toMatchObject({ style: 'sdk', sdk: 'MSBuild.Sdk.SqlProj' });
    expect(p.variables.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'Environment', value: 'dev' },
      { name: 'Owner', value: 'hart_owner' },
      { name: 'ApiKey', value: undefined },
    ]);
  });

  it('knows master and msdb from package references and the <Sdk> element form; EnableDefaultSqlItems=false stops the glob', () => {
    const dir = writeTree({
      'P.sqlproj': `<Project>
  <Sdk Name="Microsoft.Build.Sql" Version="1.0.0" />
  <PropertyGroup><EnableDefaultSqlItems>False</EnableDefaultSqlItems></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.SqlServer.Dacpacs.Msdb" Version="160.0.0" />
    <PackageReference Include="Microsoft.SqlServer.Dacpacs.Master" Version="160.0.0" />
    <PackageReference Include="Some.Other.Package" Version="1.0.0" />
    <Build Include="Listed.sql" />
    <Build Include="Gone.sql" />
  </ItemGroup>
</Project>`,
      'Listed.sql': 'CREATE TABLE dbo.L (Id int);',
      'Unlisted.sql': 'CREATE TABLE dbo.U (Id int);',
    });
    const p = readSqlProject(join(dir, 'P.sqlproj'));
    expect(p.systemDatabases).toEqual(['master', 'msdb']);
    expect(rel(p.build, dir)).toEqual(['Listed.sql']);
    expect(p.missing).toEqual([{ item: 'Build', include: 'Gone.sql', line: 9, col: 5 }]);
  });

  it('a malformed project file is a usage error naming the file, line and column', () => {
    expect(() => readSqlProject(join(FIXTURES, 'malformed/Broken.sqlproj'), FIXTURES)).toThrow(
      expect.objectContaining({ exitCode: 2, message: 'malformed/Broken.sqlproj:7:3: the project file is not well-formed XML: </ItemGroup> closes <Build> (opened at line 6)' }),
    );
  });

  it('a file that is not there, or not an MSBuild project, is a usage error saying so', () => {
    const dir = writeTree({ 'x.sqlproj': '<Root/>' });
    expect(() => readSqlProject('nope.sqlproj', dir)).toThrow(expect.objectContaining({ exitCode: 2, message: "Can't read the SQL project nope.sqlproj: it does not exist" }));
    expect(() => readSqlProject('x.sqlproj', dir)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('x.sqlproj:1:1: the root element is <Root>, not <Project>') }));
  });
});
