// The SQL CLR entry points of an assembly, found by their attributes (SqlFunction, SqlProcedure,
// SqlUserDefinedAggregate, SqlUserDefinedType), with the T-SQL name each asks for.
import type { AttributeValue, AssemblyModel, CustomAttributeInfo, MethodInfo, TypeInfo } from './metadata/assembly-model.js';

const SERVER_NS = 'Microsoft.SqlServer.Server.';
/** Microsoft.Data.SqlClient.Server carries the same attributes for newer projects. */
const SERVER_NS_NEW = 'Microsoft.Data.SqlClient.Server.';

export function findAttribute(attributes: CustomAttributeInfo[], shortName: string): CustomAttributeInfo | undefined {
  return attributes.find((a) => a.type === `${SERVER_NS}${shortName}` || a.type === `${SERVER_NS_NEW}${shortName}`);
}

export function namedValue(attribute: CustomAttributeInfo | undefined, name: string): AttributeValue | undefined {
  return attribute?.named[name]?.value;
}

export type EntryPoint =
  | { kind: 'function'; sqlName: string; type: TypeInfo; method: MethodInfo; attribute: CustomAttributeInfo; tableDefinition: string | undefined }
  | { kind: 'procedure'; sqlName: string; type: TypeInfo; method: MethodInfo; attribute: CustomAttributeInfo }
  | { kind: 'aggregate'; sqlName: string; type: TypeInfo; attribute: CustomAttributeInfo; accumulate: MethodInfo | undefined; terminate: MethodInfo | undefined }
  | { kind: 'type'; sqlName: string; type: TypeInfo; attribute: CustomAttributeInfo };

function sqlName(attribute: CustomAttributeInfo, fallback: string): string {
  const name = namedValue(attribute, 'Name');
  return typeof name === 'string' && name !== '' ? name : fallback;
}

export function entryPoints(model: AssemblyModel): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const type of model.types) {
    const aggregate = findAttribute(type.attributes, 'SqlUserDefinedAggregateAttribute');
    if (aggregate !== undefined) {
      const instance = (name: string): MethodInfo | undefined => type.methods.find((m) => m.name === name && !m.isStatic && m.isPublic);
      out.push({ kind: 'aggregate', sqlName: sqlName(aggregate, type.name), type, attribute: aggregate, accumulate: instance('Accumulate'), terminate: instance('Terminate') });
    }
    const udt = findAttribute(type.attributes, 'SqlUserDefinedTypeAttribute');
    if (udt !== undefined) out.push({ kind: 'type', sqlName: sqlName(udt, type.name), type, attribute: udt });
    for (const method of type.methods) {
      const fn = findAttribute(method.attributes, 'SqlFunctionAttribute');
      if (fn !== undefined) {
        const def = namedValue(fn, 'TableDefinition');
        out.push({ kind: 'function', sqlName: sqlName(fn, method.name), type, method, attribute: fn, tableDefinition: typeof def === 'string' && def !== '' ? def : undefined });
      }
      const proc = findAttribute(method.attributes, 'SqlProcedureAttribute');
      if (proc !== undefined) out.push({ kind: 'procedure', sqlName: sqlName(proc, method.name), type, method, attribute: proc });
    }
  }
  return out;
}
