import { describe, expect, it } from 'vitest';
import { loadPathsPlan, loadPayloadPlan } from './payload.js';
import { writeTree } from './test-support.js';

describe('deploy order', () => {
  it('puts types first, functions and views in dependency order, procedures, triggers last; ties by path', async () => {
    const dir = writeTree({
      'programmability/a_trigger.sql': 'CREATE OR ALTER TRIGGER dbo.trg ON dbo.T AFTER INSERT AS SELECT 1;\nGO',
      'programmability/b_proc.sql': 'CREATE OR ALTER PROCEDURE dbo.P AS SELECT * FROM dbo.V1;\nGO',
      'programmability/c_view1.sql': 'CREATE OR ALTER VIEW dbo.V1 AS SELECT dbo.F(1) AS x FROM dbo.V2;\nGO',
      'programmability/d_view2.sql': 'CREATE OR ALTER VIEW dbo.V2 AS SELECT 1 AS y;\nGO',
      'programmability/e_fn.sql': 'CREATE OR ALTER FUNCTION dbo.F(@x dbo.Money2) RETURNS int AS BEGIN RETURN 1; END;\nGO',
      'programmability/z_type.sql': "IF TYPE_ID(N'dbo.Money2') IS NULL CREATE TYPE dbo.Money2 FROM decimal(19, 4);\nGO",
      'programmability/y_proc.sql': 'CREATE OR ALTER PROCEDURE dbo.A AS EXEC dbo.P;\nGO',
    });
    const plan = await loadPayloadPlan(dir, { variables: {} });
    expect(plan.programmability.map((s) => s.path)).toEqual([
      'programmability/z_type.sql',
      'programmability/d_view2.sql',
      'programmability/e_fn.sql',
      'programmability/c_view1.sql',
      'programmability/b_proc.sql',
      'programmability/y_proc.sql',
      'programmability/a_trigger.sql',
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('puts an object after the script that creates its schema, whatever the file names', async () => {
    const dir = writeTree({
      'programmability/a_table.sql': "IF OBJECT_ID(N'sales.T') IS NULL CREATE TABLE sales.T (Id int NOT NULL);\nGO",
      'programmability/b_view.sql': 'CREATE OR ALTER VIEW sales.V AS SELECT 1 AS x;\nGO',
      'programmability/z_schema.sql': "IF SCHEMA_ID(N'sales') IS NULL EXEC(N'CREATE SCHEMA sales');\nGO\nCREATE SCHEMA audit;\nGO",
    });
    const plan = await loadPayloadPlan(dir, { variables: {} });
    expect(plan.programmability[0]?.path).toBe('programmability/z_schema.sql');
  });

  it('allows cycles among procedures and reports a cycle among views with its path', async () => {
    const dir = writeTree({
      'programmability/p1.sql': 'CREATE OR ALTER PROCEDURE dbo.P1 AS EXEC dbo.P2;\nGO',
      'programmability/p2.sql': 'CREATE OR ALTER PROCEDURE dbo.P2 AS EXEC dbo.P1;\nGO',
      'programmability/v1.sql': 'CREATE OR ALTER VIEW dbo.V1 AS SELECT * FROM dbo.V2;\nGO',
      'programmability/v2.sql': 'CREATE OR ALTER VIEW dbo.V2 AS SELECT * FROM dbo.V1;\nGO',
    });
    const plan = await loadPayloadPlan(dir, { variables: {} });
    expect(plan.programmability).toHaveLength(4);
    expect(plan.diagnostics).toMatchObject([{ rule: 'dependency-cycle', file: 'programmability/v1.sql', message: 'Functions and views reference each other in a cycle: dbo.V1 → dbo.V2 → dbo.V1' }]);
  });

  it('reads the layout: migrations and broker in name order, every-time last, CLR bindings apart', async () => {
    const dir = writeTree({
      'migrations/2_b.sql': 'SELECT 2',
      'migrations/10_a.sql': 'SELECT 10',
      'broker/b.sql': 'SELECT 1',
      'every-time/grants.sql': 'SELECT 1',
      'programmability/x.sql': 'CREATE OR ALTER VIEW dbo.X AS SELECT 1 AS a;',
      'clr/bindings.sql': 'CREATE FUNCTION dbo.F(@a int) RETURNS int AS EXTERNAL NAME [A].[N.C].[M];',
    });
    const plan = await loadPayloadPlan(dir, { variables: {} });
    expect(plan.migrations.map((s) => [s.path, s.kind])).toEqual([['migrations/10_a.sql', 'run-once'], ['migrations/2_b.sql', 'run-once']]);
    expect(plan.programmability.map((s) => [s.path, s.kind])).toEqual([['programmability/x.sql', 'anytime'], ['every-time/grants.sql', 'every-time']]);
    expect(plan.clrBindings.map((s) => s.path)).toEqual(['clr/bindings.sql']);
    expect(plan.broker.map((s) => s.path)).toEqual(['broker/b.sql']);
  });

  it('treats loose files and folders as anytime programmability ordered by the catalog', async () => {
    const dir = writeTree({
      'loose/a.sql': 'CREATE OR ALTER VIEW dbo.A AS SELECT * FROM dbo.B;',
      'loose/deeper/b.sql': 'CREATE OR ALTER VIEW dbo.B AS SELECT 1 AS x;',
    });
    const plan = await loadPathsPlan(['loose'], { variables: {}, root: dir });
    expect(plan.programmability.map((s) => [s.path, s.kind])).toEqual([['loose/deeper/b.sql', 'anytime'], ['loose/a.sql', 'anytime']]);
  });
});
