// clr-deploy's decisions, against the SqlSession interface: enable CLR, trust the new bytes, then
// create the assembly when missing, leave it when sys.assembly_files already holds these bytes, ALTER
// it when every bound signature is unchanged, or else drop bindings → drop assembly → create →
// bindings. Bindings are reconciled with the file; the old trusted hash goes last.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatLocation, HartError, throwIfAborted } from '../engine/errors.js';
import type { SqlSession } from '../sqlserver/session.js';
import { toSqlHartError } from '../sqlserver/sql-error.js';
import type { Batch } from '../tsql/types.js';
import type { ClrArtifact } from './artifact.js';
import { checkBindings } from './bindings-check.js';
import type { BindingStatement, BindingsFile } from './bindings-file.js';
import {
  alterAssemblySql, assemblyStateSql, BEGIN_SQL, boundModulesSql, COMMIT_SQL, createAssemblySql, dropAssemblySql,
  dropModuleSql, enableClrSql, ROLLBACK_SQL, trustAssemblySql, untrustAssemblySql,
} from './deploy-sql.js';
import { readAssembly, type AssemblyModel } from './metadata/assembly-model.js';

export interface ClrDeployReporter {
  status(message: string): void;
  log(line: string): void;
}

export type ClrDeployAction = 'created' | 'unchanged' | 'altered' | 'recreated';

export interface ClrDeployResult {
  action: ClrDeployAction;
  /** Bindings created (schema.name), in file order. */
  created: string[];
  /** Bindings dropped (schema.name): replaced, stale, or before the assembly was recreated. */
  dropped: string[];
  /** Whether the previous bytes' trusted hash was removed (kept while another database has those bytes). */
  untrusted: boolean;
}

interface BoundModule {
  schema: string;
  name: string;
  type: string;
  assemblyClass: string;
  assemblyMethod: string | null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

function bytesOf(value: unknown): Buffer | undefined {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : undefined;
}

const keyOf = (schema: string, name: string): string => `${schema}.${name}`.toLowerCase();

/**
 * What must stay the same for ALTER ASSEMBLY to keep a binding valid: the method's staticness,
 * parameter and return types; for an aggregate its Init/Accumulate/Merge/Terminate and attribute.
 */
function boundSignature(model: AssemblyModel, cls: string, method: string | null): string | undefined {
  const type = model.types.find((t) => t.fullName === cls);
  if (type === undefined) return undefined;
  const sig = (name: string): string =>
    type.methods
      .filter((m) => m.name === name)
      .map((m) => `${m.isStatic ? 'static ' : ''}${m.returnType}(${m.params.map((p) => p.type).join(',')})`)
      .join('|');
  if (method !== null && method !== '') {
    const s = sig(method);
    return s === '' ? undefined : s;
  }
  const attribute = type.attributes.find((a) => a.type.endsWith('.SqlUserDefinedAggregateAttribute'));
  return JSON.stringify([sig('Init'), sig('Accumulate'), sig('Merge'), sig('Terminate'), attribute?.fixed ?? null, attribute?.named ?? null]);
}

function signaturesUnchanged(oldBytes: Buffer, model: AssemblyModel, bound: BoundModule[]): boolean {
  let old: AssemblyModel;
  try {
    old = readAssembly(oldBytes, 'The deployed assembly');
  } catch {
    return false; // unreadable old bytes: replace rather than guess
  }
  return bound.every((b) => {
    const before = boundSignature(old, b.assemblyClass, b.assemblyMethod);
    const after = boundSignature(model, b.assemblyClass, b.assemblyMethod);
    return before !== undefined && before === after;
  });
}

function bindingMatches(statement: BindingStatement, module: BoundModule): boolean {
  const parts = statement.external?.parts ?? [];
  return parts[1] === module.assemblyClass && (statement.kind === 'aggregate' ? true : parts[2] === module.assemblyMethod);
}

export async function deployClr(
  session: SqlSession,
  artifact: ClrArtifact,
  bindings: BindingsFile,
  signal: AbortSignal,
  report: ClrDeployReporter,
): Promise<ClrDeployResult> {
  const bytes = await readFile(artifact.dll);
  const sha512 = createHash('sha512').update(bytes).digest('hex');
  if (sha512 !== artifact.sha512.toLowerCase()) {
    throw new HartError(`${artifact.dll} changed after it was built`, { hint: 'Run the build again (hart-dev up, or hart-dev clr build).', code: 'clr-dll-changed' });
  }
  const model = readAssembly(bytes, artifact.dll);

  // A binding that does not match the DLL would fail on the server with a vaguer message: stop here.
  const errors = checkBindings(bindings, model).filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first !== undefined) {
    throw new HartError(`${first.file}:${first.line}: ${first.message}`, {
      hint: first.hint ?? 'Fix the binding: `hart-dev clr bindings` prints what the DLL declares.',
      location: { file: first.file, line: first.line, col: first.col },
      details: errors.map((d) => `${formatLocation({ file: d.file, line: d.line, col: d.col })}: ${d.message}`),
      code: 'clr-binding',
    });
  }

  const run = async (sql: string, action: string, batch?: Batch, params?: Parameters<SqlSession['batch']>[1]): Promise<void> => {
    throwIfAborted(signal);
    try {
      await session.batch(sql, params);
    } catch (error) {
      throw toSqlHartError(error, batch === undefined ? { action } : { action, batch });
    }
  };
  const query = async (sql: string, action: string, params: Parameters<SqlSession['query']>[1]): Promise<Record<string, unknown>[]> => {
    throwIfAborted(signal);
    try {
      return await session.query(sql, params);
    } catch (error) {
      throw toSqlHartError(error, { action });
    }
  };

  await run(enableClrSql(), 'Enabling CLR');
  await run(trustAssemblySql(sha512, `${model.name}, version=${model.version}`), 'Trusting the CLR assembly');
  report.status(`Trusted ${model.name} (SHA2_512 ${sha512.slice(0, 12)}…)`);

  const existing = (await query(assemblyStateSql(), `Reading assembly ${model.name}`, { name: { type: 'nvarchar', value: model.name } }))[0];
  const oldBytes = bytesOf(existing?.content);
  let bound: BoundModule[] = [];
  if (existing !== undefined) {
    const rows = await query(boundModulesSql(), `Reading the bindings of ${model.name}`, { assemblyId: { type: 'int', value: Number(existing.assemblyId) } });
    bound = rows.map((r) => ({
      schema: text(r.schema),
      name: text(r.name),
      type: text(r.type),
      assemblyClass: text(r.assemblyClass),
      assemblyMethod: r.assemblyMethod === null || r.assemblyMethod === undefined ? null : text(r.assemblyMethod),
    }));
  }

  let action: ClrDeployAction;
  if (existing === undefined) action = 'created';
  else if (oldBytes !== undefined && oldBytes.equals(bytes)) action = 'unchanged';
  else if (oldBytes !== undefined && signaturesUnchanged(oldBytes, model, bound)) action = 'altered';
  else action = 'recreated';

  // Which bindings to drop and create.
  const statements = bindings.statements;
  const inFile = new Set(statements.map((s) => keyOf(s.schema, s.name)));
  const dropped: BoundModule[] = [];
  const toCreate: BindingStatement[] = [];
  if (action === 'recreated') {
    dropped.push(...bound);
    toCreate.push(...statements);
  } else {
    const boundByKey = new Map(bound.map((b) => [keyOf(b.schema, b.name), b]));
    for (const s of statements) {
      const current = boundByKey.get(keyOf(s.schema, s.name));
      if (current === undefined) toCreate.push(s);
      else if (!bindingMatches(s, current)) {
        dropped.push(current);
        toCreate.push(s);
      }
    }
    for (const b of bound) if (!inFile.has(keyOf(b.schema, b.name))) dropped.push(b);
  }
  const bindingBatches = new Set(statements.map((s) => s.batch));
  const otherBatches = bindings.batches.filter((b) => !bindingBatches.has(b));

  if (action === 'unchanged' && dropped.length === 0 && toCreate.length === 0) {
    return { action, created: [], dropped: [], untrusted: false };
  }

  const bits = { bits: { type: 'varbinary' as const, value: bytes } };
  await run(BEGIN_SQL, 'Starting the CLR deploy');
  try {
    for (const b of dropped) {
      await run(dropModuleSql(b.schema, b.name, b.type), `Dropping ${b.schema}.${b.name}`);
      report.log(`Dropped ${b.schema}.${b.name}`);
    }
    if (action === 'recreated') {
      await run(dropAssemblySql(model.name), `Dropping assembly ${model.name}`);
      report.log(`Dropped assembly ${model.name}`);
    }
    if (action === 'created' || action === 'recreated') {
      await run(createAssemblySql(model.name), `Creating assembly ${model.name}`, undefined, bits);
      report.status(`Assembly ${model.name} created`);
    } else if (action === 'altered') {
      await run(alterAssemblySql(model.name), `Altering assembly ${model.name}`, undefined, bits);
      report.status(`Assembly ${model.name} altered`);
    }
    for (const s of toCreate) {
      await run(s.batch.text, `Creating ${s.schema}.${s.name}`, s.batch);
      report.log(`Created ${s.schema}.${s.name}`);
    }
    // Anything else in the bindings file (GRANTs and the like) follows the objects it names.
    for (const b of otherBatches) await run(b.text, 'Applying the CLR bindings file', b);
    await run(COMMIT_SQL, 'Committing the CLR deploy');
  } catch (error) {
    await session.batch(ROLLBACK_SQL).catch(() => undefined);
    throw error;
  }

  let untrusted = false;
  if (oldBytes !== undefined && !oldBytes.equals(bytes)) {
    const oldHash = createHash('sha512').update(oldBytes).digest('hex');
    throwIfAborted(signal);
    try {
      const result = await session.batch(untrustAssemblySql(oldHash));
      const row = result.recordsets.at(-1)?.[0];
      const yes = (value: unknown): boolean => value === true || value === 1;
      untrusted = yes(row?.dropped);
      if (yes(row?.inUse)) report.log('The previous trusted hash was kept: another database on this server still has an assembly with those bytes');
    } catch (error) {
      throw toSqlHartError(error, { action: 'Removing the previous trusted hash' });
    }
  }
  return {
    action,
    created: toCreate.map((s) => `${s.schema}.${s.name}`),
    dropped: dropped.map((b) => `${b.schema}.${b.name}`),
    untrusted,
  };
}
