// Every EXTERNAL NAME of the bindings file checked against the DLL itself: the assembly name, the
// class (exists, public), the method (exists, public, static for functions and procedures, the same
// number of parameters, types SQL Server will accept), and for aggregates the Init / Accumulate /
// Merge / Terminate contract. A mismatch names the file:line and what the DLL actually has.
import { readFile } from 'node:fs/promises';
import { HartError } from '../engine/errors.js';
import type { Diagnostic } from '../tsql/types.js';
import { readBindingsText, type BindingStatement, type BindingsFile } from './bindings-file.js';
import { entryPoints, findAttribute, namedValue } from './entry-points.js';
import { readAssemblyFile, type AssemblyModel, type MethodInfo, type TypeInfo } from './metadata/assembly-model.js';
import { sqlTypeAccepts } from './sql-types.js';

function describeMethod(type: TypeInfo, m: MethodInfo): string {
  const ps = m.params.map((p) => `${p.type.replace(/^System\.Data\.SqlTypes\.|^System\./, '')} ${p.name}`).join(', ');
  return `${m.isStatic ? 'static ' : ''}${type.fullName}.${m.name}(${ps})`;
}

function closest(candidates: string[], wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  const tail = (s: string): string => s.split(/[.+]/).pop()?.toLowerCase() ?? s.toLowerCase();
  return candidates.find((c) => c.toLowerCase() === lower) ?? candidates.find((c) => tail(c) === tail(wanted));
}

export function checkBindings(file: BindingsFile, model: AssemblyModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (line: number, col: number, rule: string, message: string, hint?: string, severity: Diagnostic['severity'] = 'error'): void => {
    const d: Diagnostic = { file: file.file, line, col, severity, rule, message };
    if (hint !== undefined) d.hint = hint;
    out.push(d);
  };
  for (const p of file.problems) add(p.line, p.col, 'clr-binding-syntax', p.message);

  const seen = new Map<string, BindingStatement>();
  const publicTypes = model.types.filter((t) => t.isPublic).map((t) => t.fullName);
  for (const s of file.statements) {
    const key = `${s.schema}.${s.name}`.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) add(s.line, s.col, 'clr-binding-duplicate', `${s.schema}.${s.name} is created twice (also at line ${earlier.line})`);
    seen.set(key, s);
    const ext = s.external;
    if (ext === undefined) continue;
    const at = (rule: string, message: string, hint?: string): void => add(ext.line, ext.col, rule, message, hint);
    const expected = s.kind === 'aggregate' ? 2 : 3;
    if (ext.parts.length !== expected) {
      at('clr-binding-name',
        `EXTERNAL NAME of ${s.schema}.${s.name} has ${ext.parts.length} part(s); a ${s.kind} names ${s.kind === 'aggregate' ? '[Assembly].[Class]' : '[Assembly].[Class].[Method]'}`,
        'Bracket a namespace-qualified class as one part: [Hartonomous.Clr].[Hartonomous.Clr.VectorSum].');
      continue;
    }
    const [asmName = '', className = '', methodName = ''] = ext.parts;
    if (asmName.toLowerCase() !== model.name.toLowerCase()) {
      at('clr-binding-assembly', `EXTERNAL NAME of ${s.schema}.${s.name} names assembly [${asmName}]; the DLL is [${model.name}]`, `Write [${model.name}].`);
      continue;
    }
    const type = model.types.find((t) => t.fullName === className);
    if (type === undefined) {
      const near = closest(publicTypes, className);
      at('clr-binding-class', `Class [${className}] of ${s.schema}.${s.name} is not in ${model.name}`,
        near !== undefined ? `The DLL has [${near}] (class names are case-sensitive and namespace-qualified).` : `Public classes of the DLL: ${publicTypes.slice(0, 8).join(', ') || 'none'}.`);
      continue;
    }
    if (!type.isPublic) {
      at('clr-binding-class', `Class ${type.fullName} of ${s.schema}.${s.name} is not public`, 'Make the class public: SQL Server binds only public classes.');
      continue;
    }

    if (s.kind === 'aggregate') {
      checkAggregate(s, type, at, add);
      continue;
    }

    const candidates = type.methods.filter((m) => m.name === methodName);
    if (candidates.length === 0) {
      const statics = type.methods.filter((m) => m.isStatic && m.isPublic && m.name !== '.cctor');
      const near = closest(statics.map((m) => m.name), methodName);
      at('clr-binding-method', `Method [${methodName}] of ${s.schema}.${s.name} is not in ${type.fullName}`,
        near !== undefined ? `The class has ${near} (method names are case-sensitive).` : `Public static methods of ${type.fullName}: ${statics.map((m) => describeMethod(type, m)).join('; ') || 'none'}.`);
      continue;
    }
    const method = candidates.find((m) => m.params.length === s.params.length) ?? candidates[0];
    if (method === undefined) continue;
    if (!method.isPublic) at('clr-binding-method', `${type.fullName}.${method.name} is not public`, 'Make the method public.');
    if (!method.isStatic) at('clr-binding-method', `${type.fullName}.${method.name} is not static; a SQL CLR ${s.kind} must be a static method`, 'Declare it public static.');
    if (method.params.length !== s.params.length) {
      add(s.line, s.col, 'clr-binding-params', `${s.schema}.${s.name} declares ${s.params.length} parameter(s); the DLL's method has ${method.params.length}: ${describeMethod(type, method)}`);
      continue;
    }
    s.params.forEach((p, i) => {
      const clr = method.params[i];
      if (clr !== undefined && !sqlTypeAccepts(p.type, clr.sig)) {
        add(s.line, s.col, 'clr-binding-type', `Parameter ${p.name} of ${s.schema}.${s.name} is ${p.type}; the DLL's ${clr.name} is ${clr.type}`, 'Use the T-SQL type SQL Server maps to that CLR type (see `hart-dev clr bindings`).');
      }
    });
    if (s.kind === 'function' && s.returns !== undefined && !/^TABLE\b/i.test(s.returns) && !sqlTypeAccepts(s.returns, method.returnSig)) {
      add(s.line, s.col, 'clr-binding-type', `${s.schema}.${s.name} RETURNS ${s.returns}; the DLL's method returns ${method.returnType}`);
    }
  }

  // Entry points the DLL declares but the file never binds: probably forgotten.
  for (const e of entryPoints(model)) {
    if (e.kind === 'type') continue;
    if (!seen.has(`dbo.${e.sqlName}`.toLowerCase()) && !file.statements.some((s) => s.external?.parts[1] === e.type.fullName && (e.kind === 'aggregate' || s.external?.parts[2] === e.method.name))) {
      add(1, 1, 'clr-binding-missing', `The DLL's ${e.kind} ${e.sqlName} (${e.type.fullName}${e.kind === 'aggregate' ? '' : `.${e.method.name}`}) has no binding in this file`, 'Add it (`hart-dev clr bindings` prints the statement) or remove its Sql* attribute.', 'warning');
    }
  }
  return out;
}

function checkAggregate(
  s: BindingStatement,
  type: TypeInfo,
  at: (rule: string, message: string, hint?: string) => void,
  add: (line: number, col: number, rule: string, message: string, hint?: string) => void,
): void {
  const instance = (name: string): MethodInfo | undefined => type.methods.find((m) => m.name === name && m.isPublic && !m.isStatic);
  const missing = ['Init', 'Accumulate', 'Merge', 'Terminate'].filter((n) => instance(n) === undefined);
  if (missing.length > 0) {
    at('clr-binding-aggregate', `${type.fullName} (aggregate ${s.schema}.${s.name}) does not implement ${missing.join(', ')}`,
      'An aggregate class needs public instance methods Init(), Accumulate(…), Merge(other) and Terminate().');
    return;
  }
  const attribute = findAttribute(type.attributes, 'SqlUserDefinedAggregateAttribute');
  if (attribute === undefined) {
    at('clr-binding-aggregate', `${type.fullName} has no [SqlUserDefinedAggregate] attribute`, 'Add [SqlUserDefinedAggregate(Format.UserDefined, MaxByteSize = -1)].');
  } else if (attribute.fixed[0]?.value === 2) {
    // Format.UserDefined: the class serializes itself and must say how large it can get.
    if (!type.interfaces.some((i) => i.endsWith('.IBinarySerialize'))) at('clr-binding-aggregate', `${type.fullName} uses Format.UserDefined but does not implement IBinarySerialize`);
    const max = namedValue(attribute, 'MaxByteSize');
    if (typeof max !== 'number' || max === 0 || max < -1 || max > 8000) at('clr-binding-aggregate', `${type.fullName} uses Format.UserDefined with MaxByteSize ${String(max ?? 'unset')}`, 'Set MaxByteSize to 1–8000, or -1 for up to 2 GB.');
  }
  const accumulate = instance('Accumulate');
  const terminate = instance('Terminate');
  if (accumulate === undefined || terminate === undefined) return;
  if (accumulate.params.length !== s.params.length) {
    add(s.line, s.col, 'clr-binding-params', `${s.schema}.${s.name} declares ${s.params.length} parameter(s); ${type.fullName}.Accumulate has ${accumulate.params.length}: ${describeMethod(type, accumulate)}`);
    return;
  }
  s.params.forEach((p, i) => {
    const clr = accumulate.params[i];
    if (clr !== undefined && !sqlTypeAccepts(p.type, clr.sig)) add(s.line, s.col, 'clr-binding-type', `Parameter ${p.name} of ${s.schema}.${s.name} is ${p.type}; Accumulate's ${clr.name} is ${clr.type}`);
  });
  if (s.returns !== undefined && !sqlTypeAccepts(s.returns, terminate.returnSig)) {
    add(s.line, s.col, 'clr-binding-type', `${s.schema}.${s.name} RETURNS ${s.returns}; Terminate returns ${terminate.returnType}`);
  }
}

export async function readBindingsFile(path: string): Promise<BindingsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HartError(`Can't read the CLR bindings file ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'The payload keeps its CLR bindings in sql/clr/bindings.sql; set HART_SQL_DIR if the payload lives elsewhere.',
      code: 'clr-bindings-missing',
      cause: error,
    });
  }
  return readBindingsText(text, path);
}

/**
 * For `check` and clr-deploy: the binding diagnostics of `bindingsFile` against the DLL at `dllPath`.
 * Throws a HartError when either file cannot be read (the DLL is not built yet, not a .NET assembly).
 */
export async function checkClrBindings(bindingsFile: string, dllPath: string): Promise<Diagnostic[]> {
  const [file, model] = await Promise.all([readBindingsFile(bindingsFile), readAssemblyFile(dllPath)]);
  return checkBindings(file, model);
}
