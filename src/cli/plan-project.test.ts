import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run as runCheck } from './check.js';
import type { CommandIo } from './io.js';
import { run as runPlan } from './plan.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/hartonomous-ssdt/', import.meta.url));
const MALFORMED = fileURLToPath(new URL('../../test/fixtures/sqlproj/malformed/', import.meta.url));

function io(cwd: string, env: NodeJS.ProcessEnv = {}): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString()));
  stderr.on('data', (c: Buffer) => (e += c.toString()));
  return { io: { stdout, stderr, env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal }, out: () => o, err: () => e };
}

/** The example project copied under a fresh folder (cwd), as a team keeps it: db/. */
function exampleCopy(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-sqlproj-'));
  cpSync(EXAMPLE, join(cwd, 'db'), { recursive: true });
  return cwd;
}

describe('hart-dev plan and check of an SSDT project', () => {
  it('plan --json lists every object in deploy order with kind, name, file, line and dependencies', async () => {
    const cwd = exampleCopy();
    const t = io(cwd);
    expect(await runPlan(['db/Hartonomous.Database.sqlproj', '--json'], t.io)).toBe(0);
    const plan = JSON.parse(t.out());
    expect(plan.project).toEqual({
      file: 'db/Hartonomous.Database.sqlproj',
      name: 'Hartonomous.Database',
      style: 'sdk',
      sdk: 'Microsoft.Build.Sql',
      defaultCollation: 'SQL_Latin1_General_CP1_CI_AS',
      defaultSchema: 'dbo',
      systemDatabases: ['master'],
      externalReferences: [],
      variables: ['DefaultTenantKey'],
    });
    expect(plan.preDeploy).toEqual([]);
    expect(plan.postDeploy).toEqual(['db/Script.PostDeployment.sql']);
    const names = plan.objects.map((o: { name: string }) => o.name);
    expect(plan.objects).toContainEqual({ kind: 'view', name: 'dbo.vw_TenantSubscriptionDetails', file: 'db/Views/vw_TenantSubscriptionDetails.sql', line: 1, dependencies: ['dbo.BillingPlans', 'dbo.TenantSubscriptions', 'dbo.Tenants', 'dbo.fn_DetermineSla'] });
    expect(plan.objects).toContainEqual({ kind: 'table', name: 'provenance.GenerationStreams', file: 'db/Tables/GenerationStreams.sql', line: 1, dependencies: ['provenance'] });
    // Every object after everything it depends on.
    for (const [k, o] of (plan.objects as { name: string; dependencies: string[] }[]).entries()) {
      for (const d of o.dependencies) expect(names.indexOf(d), `${o.name} after ${d}`).toBeLessThan(k);
    }
  });

  it('plan prints the project, its objects in order and its deployment scripts; check exits 0 on it', async () => {
    const cwd = exampleCopy();
    const t = io(cwd);
    expect(await runPlan(['--project', 'db/Hartonomous.Database.sqlproj'], t.io)).toBe(0);
    expect(t.out()).toContain('SQL project Hartonomous.Database: SDK-style (Microsoft.Build.Sql), DefaultCollation SQL_Latin1_General_CP1_CI_AS, references master');
    expect(t.out()).toContain('objects in deploy order: 11');
    expect(t.out()).toContain('post-deploy: 1 script\n  db/Script.PostDeployment.sql');
    const c = io(cwd, { HART_SQL_PROJECT: 'db/Hartonomous.Database.sqlproj' });
    expect(await runCheck(['--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0, notes: 0 } });
  });

  it('exits 2 on a malformed project (file and line), a .sqlproj beside other PATHs, and --project without a .sqlproj', async () => {
    await expect(runCheck(['Broken.sqlproj'], io(MALFORMED).io)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('Broken.sqlproj:7:3: the project file is not well-formed XML') });
    const cwd = exampleCopy();
    await expect(runCheck(['db/Hartonomous.Database.sqlproj', 'db/Tables'], io(cwd).io)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('A .sqlproj PATH stands alone') });
    await expect(runPlan(['--project', 'hart'], io(cwd).io)).rejects.toMatchObject({ exitCode: 2, message: '--project hart: check and plan take a .sqlproj file there' });
    await expect(runCheck(['--project', 'db/Nope.sqlproj'], io(cwd).io)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('does not exist') });
  });
});
