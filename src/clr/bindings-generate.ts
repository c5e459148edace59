// `hart-dev clr bindings`: the CREATE FUNCTION / PROCEDURE / AGGREGATE / TYPE statements for every
// SQL CLR entry point of a DLL, in the documented syntax — EXTERNAL NAME [Assembly].[Class].[Method]
// for functions and procedures, [Assembly].[Class] for aggregates and types — one per batch.
import type { AssemblyModel, MethodInfo, ParamInfo } from './metadata/assembly-model.js';
import { entryPoints, type EntryPoint } from './entry-points.js';
import { sqlTypeOf } from './sql-types.js';

export function bracket(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** dbo.name when the name is a regular identifier, dbo.[name] otherwise. */
function objectName(name: string): string {
  return `dbo.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : bracket(name)}`;
}

type Rendered = { ok: true; text: string } | { ok: false; why: string };

function params(list: ParamInfo[], allowOutput: boolean): Rendered {
  const parts: string[] = [];
  for (const p of list) {
    const sqlType = sqlTypeOf(p.sig);
    if (sqlType === undefined) return { ok: false, why: `parameter ${p.name} has CLR type ${p.type}, which SQL Server cannot map` };
    const output = p.sig.kind === 'byref';
    if (output && !allowOutput) return { ok: false, why: `parameter ${p.name} is passed by reference, which only procedures allow` };
    parts.push(`@${p.name} ${sqlType}${output ? ' OUTPUT' : ''}`);
  }
  return { ok: true, text: parts.join(', ') };
}

function returnType(method: MethodInfo): Rendered {
  const t = sqlTypeOf(method.returnSig);
  return t === undefined ? { ok: false, why: `it returns ${method.returnType}, which SQL Server cannot map` } : { ok: true, text: t };
}

function render(asm: string, e: EntryPoint): Rendered {
  const cls = bracket(e.type.fullName);
  switch (e.kind) {
    case 'function': {
      const p = params(e.method.params, false);
      if (!p.ok) return p;
      const r = e.tableDefinition !== undefined ? { ok: true as const, text: `TABLE (${e.tableDefinition})` } : returnType(e.method);
      if (!r.ok) return r;
      return { ok: true, text: `CREATE FUNCTION ${objectName(e.sqlName)}(${p.text})\nRETURNS ${r.text}\nAS EXTERNAL NAME ${bracket(asm)}.${cls}.${bracket(e.method.name)};` };
    }
    case 'procedure': {
      const p = params(e.method.params, true);
      if (!p.ok) return p;
      const head = p.text === '' ? `CREATE PROCEDURE ${objectName(e.sqlName)}` : `CREATE PROCEDURE ${objectName(e.sqlName)}(${p.text})`;
      return { ok: true, text: `${head}\nAS EXTERNAL NAME ${bracket(asm)}.${cls}.${bracket(e.method.name)};` };
    }
    case 'aggregate': {
      if (e.accumulate === undefined || e.terminate === undefined) return { ok: false, why: 'it lacks a public Accumulate or Terminate method' };
      const p = params(e.accumulate.params, false);
      if (!p.ok) return p;
      const r = returnType(e.terminate);
      if (!r.ok) return r;
      return { ok: true, text: `CREATE AGGREGATE ${objectName(e.sqlName)}(${p.text})\nRETURNS ${r.text}\nEXTERNAL NAME ${bracket(asm)}.${cls};` };
    }
    case 'type':
      return { ok: true, text: `CREATE TYPE ${objectName(e.sqlName)}\nEXTERNAL NAME ${bracket(asm)}.${cls};` };
  }
}

/** One batch per statement, each followed by GO; entry points SQL Server cannot bind become comments. */
export function generateBindings(model: AssemblyModel): string {
  const out: string[] = [];
  for (const e of entryPoints(model)) {
    const r = render(model.name, e);
    if (r.ok) out.push(`${r.text}\nGO\n`);
    else out.push(`-- ${objectName(e.sqlName)} (${e.type.fullName}) is not bound: ${r.why}.\n`);
  }
  return out.join('\n');
}
