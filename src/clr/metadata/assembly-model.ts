// The assembly as the SQL CLR tooling needs it: name and version, types with namespaces, methods
// with parameter names and types, and custom attributes with their arguments. Built from the raw
// tables; any malformed input becomes a HartError that names the file.
import { readFile } from 'node:fs/promises';
import { HartError } from '../../engine/errors.js';
import { ByteReader, fail, MetadataFormatError } from './byte-reader.js';
import { FRAMEWORK_ENUM_BASES, readCustomAttribute, type CustomAttributeInfo } from './custom-attributes.js';
import { Heaps } from './heaps.js';
import { readPeMetadata } from './pe-file.js';
import { readMethodSig, readType, typeName, type MethodSig, type TypeResolver, type TypeSig } from './signatures.js';
import { Table, Tables } from './tables.js';

export type { CustomAttributeInfo, AttributeArgument, AttributeValue } from './custom-attributes.js';
export type { TypeSig } from './signatures.js';
export { typeName } from './signatures.js';

export interface ParamInfo {
  name: string;
  /** Full type name as C# prints it ("System.Data.SqlTypes.SqlString", "System.Int32&"). */
  type: string;
  sig: TypeSig;
  out: boolean;
  optional: boolean;
}

export interface MethodInfo {
  name: string;
  /** Metadata token (0x06xxxxxx). */
  token: number;
  isStatic: boolean;
  isPublic: boolean;
  isVirtual: boolean;
  isAbstract: boolean;
  returnType: string;
  returnSig: TypeSig;
  params: ParamInfo[];
  attributes: CustomAttributeInfo[];
}

export interface TypeInfo {
  namespace: string;
  name: string;
  /** "Namespace.Name", "Name" without a namespace, "Namespace.Outer+Inner" when nested. */
  fullName: string;
  /** Visible outside the assembly (public, and every enclosing type public too). */
  isPublic: boolean;
  isNested: boolean;
  isInterface: boolean;
  isValueType: boolean;
  isEnum: boolean;
  isAbstract: boolean;
  isSealed: boolean;
  baseType: string | undefined;
  interfaces: string[];
  methods: MethodInfo[];
  attributes: CustomAttributeInfo[];
}

export interface AssemblyReference {
  name: string;
  version: string;
}

export interface AssemblyModel {
  name: string;
  version: string;
  culture: string;
  /** Metadata version string, e.g. "v4.0.30319" (.NET Framework 4.x). */
  runtimeVersion: string;
  references: AssemblyReference[];
  attributes: CustomAttributeInfo[];
  types: TypeInfo[];
}

function buildModel(bytes: Uint8Array): AssemblyModel {
  const { version: runtimeVersion, streams } = readPeMetadata(bytes);
  const tableStream = streams.get('#~') ?? streams.get('#-');
  if (tableStream === undefined) fail('its metadata has no #~ table stream');
  const empty = new Uint8Array(0);
  const heaps = new Heaps(streams.get('#Strings') ?? empty, streams.get('#Blob') ?? empty, streams.get('#GUID') ?? empty, streams.get('#US') ?? empty);
  const t = new Tables(tableStream);

  // Enclosing type of each nested TypeDef.
  const enclosing = new Map<number, number>();
  for (let i = 1; i <= t.count(Table.NestedClass); i++) enclosing.set(t.cell(Table.NestedClass, i, 0), t.cell(Table.NestedClass, i, 1));

  const typeDefName = (row: number, depth = 0): string => {
    if (depth > 32) fail('nested types enclose each other in a cycle');
    const name = heaps.string(t.cell(Table.TypeDef, row, 1));
    const ns = heaps.string(t.cell(Table.TypeDef, row, 2));
    const outer = enclosing.get(row);
    if (outer !== undefined) return `${typeDefName(outer, depth + 1)}+${name}`;
    return ns === '' ? name : `${ns}.${name}`;
  };
  const typeRefName = (row: number, depth = 0): string => {
    if (depth > 32) fail('type references resolve to each other in a cycle');
    const scope = t.decode('ResolutionScope', t.cell(Table.TypeRef, row, 0));
    const name = heaps.string(t.cell(Table.TypeRef, row, 1));
    const ns = heaps.string(t.cell(Table.TypeRef, row, 2));
    if (scope.table === Table.TypeRef && scope.row !== 0) return `${typeRefName(scope.row, depth + 1)}+${name}`;
    return ns === '' ? name : `${ns}.${name}`;
  };
  const resolve: TypeResolver = (table, row, depth) => {
    if (table === 'TypeDef') return { kind: 'named', name: typeDefName(row), valueType: false };
    if (table === 'TypeRef') return { kind: 'named', name: typeRefName(row), valueType: false };
    if (depth > 32) fail('type specifications refer to each other too deeply');
    const blob = heaps.blob(t.cell(Table.TypeSpec, row, 0));
    return readType(new ByteReader(blob, 'a TypeSpec signature'), resolve, depth);
  };
  const typeDefOrRefName = (coded: number): string | undefined => {
    if (coded === 0) return undefined;
    const ref = t.decode('TypeDefOrRef', coded);
    if (ref.row === 0) return undefined;
    return typeName(resolve(ref.table === Table.TypeDef ? 'TypeDef' : ref.table === Table.TypeRef ? 'TypeRef' : 'TypeSpec', ref.row, 0));
  };
  const methodSig = (blobIndex: number): MethodSig => readMethodSig(new ByteReader(heaps.blob(blobIndex), 'a method signature'), resolve);

  // Which TypeDef owns each MethodDef (for attribute constructors defined in this assembly).
  const methodOwner = new Map<number, number>();
  for (let row = 1; row <= t.count(Table.TypeDef); row++) {
    for (const m of t.list(Table.TypeDef, row, 5, Table.MethodDef, Table.MethodPtr)) methodOwner.set(m, row);
  }

  // Underlying type of enums defined here: the type of their instance field "value__".
  const enumBases = new Map<string, string>();
  const enumUnderlying = (name: string): string => {
    const known = enumBases.get(name);
    if (known !== undefined) return known;
    const base = findEnumBase(name) ?? FRAMEWORK_ENUM_BASES[name] ?? 'System.Int32';
    enumBases.set(name, base);
    return base;
  };
  const findEnumBase = (name: string): string | undefined => {
    for (let row = 1; row <= t.count(Table.TypeDef); row++) {
      if (typeDefName(row) !== name) continue;
      for (const f of t.list(Table.TypeDef, row, 4, Table.Field, Table.FieldPtr)) {
        if ((t.cell(Table.Field, f, 0) & 0x10) !== 0) continue; // static: an enum member
        const r = new ByteReader(heaps.blob(t.cell(Table.Field, f, 2)), 'a field signature');
        if (r.u8() !== 0x06) fail('a field signature does not start with FIELD (0x06)');
        return typeName(readType(r, resolve));
      }
    }
    return undefined;
  };

  // Custom attributes grouped by the coded parent ("table:row").
  const attributesOf = new Map<string, CustomAttributeInfo[]>();
  for (let row = 1; row <= t.count(Table.CustomAttribute); row++) {
    const parent = t.decode('HasCustomAttribute', t.cell(Table.CustomAttribute, row, 0));
    const ctor = t.decode('CustomAttributeType', t.cell(Table.CustomAttribute, row, 1));
    let attrType: string;
    let sig: MethodSig;
    if (ctor.table === Table.MethodDef) {
      const owner = methodOwner.get(ctor.row);
      if (owner === undefined) fail(`custom attribute ${row} names a constructor no type owns`);
      attrType = typeDefName(owner);
      sig = methodSig(t.cell(Table.MethodDef, ctor.row, 4));
    } else {
      const cls = t.decode('MemberRefParent', t.cell(Table.MemberRef, ctor.row, 0));
      attrType =
        cls.table === Table.TypeRef ? typeRefName(cls.row)
        : cls.table === Table.TypeDef ? typeDefName(cls.row)
        : cls.table === Table.TypeSpec ? typeName(resolve('TypeSpec', cls.row, 0))
        : '?';
      sig = methodSig(t.cell(Table.MemberRef, ctor.row, 2));
    }
    const blob = heaps.blob(t.cell(Table.CustomAttribute, row, 2));
    let info: CustomAttributeInfo;
    try {
      info = readCustomAttribute(attrType, blob, sig.params, enumUnderlying);
    } catch (error) {
      // An attribute whose enum arguments come from another assembly can have a size we cannot know
      // without that assembly: keep the attribute's type, mark its value unread, read on.
      if (!(error instanceof MetadataFormatError)) throw error;
      info = { type: attrType, fixed: [], named: {}, unreadable: error.message };
    }
    const key = `${parent.table}:${parent.row}`;
    const list = attributesOf.get(key) ?? [];
    list.push(info);
    attributesOf.set(key, list);
  }
  const attrs = (table: number, row: number): CustomAttributeInfo[] => attributesOf.get(`${table}:${row}`) ?? [];

  const interfacesOf = new Map<number, string[]>();
  for (let row = 1; row <= t.count(Table.InterfaceImpl); row++) {
    const cls = t.cell(Table.InterfaceImpl, row, 0);
    const name = typeDefOrRefName(t.cell(Table.InterfaceImpl, row, 1));
    if (name === undefined) continue;
    interfacesOf.set(cls, [...(interfacesOf.get(cls) ?? []), name]);
  }

  const isVisible = (row: number, depth = 0): boolean => {
    if (depth > 32) return false;
    const visibility = t.cell(Table.TypeDef, row, 0) & 0x7;
    const outer = enclosing.get(row);
    if (outer === undefined) return visibility === 1;
    return visibility === 2 && isVisible(outer, depth + 1);
  };

  const types: TypeInfo[] = [];
  for (let row = 1; row <= t.count(Table.TypeDef); row++) {
    const flags = t.cell(Table.TypeDef, row, 0);
    const baseType = typeDefOrRefName(t.cell(Table.TypeDef, row, 3));
    const methods: MethodInfo[] = [];
    for (const m of t.list(Table.TypeDef, row, 5, Table.MethodDef, Table.MethodPtr)) {
      const mflags = t.cell(Table.MethodDef, m, 2);
      const sig = methodSig(t.cell(Table.MethodDef, m, 4));
      const names = new Map<number, { name: string; flags: number }>();
      for (const p of t.list(Table.MethodDef, m, 5, Table.Param, Table.ParamPtr)) {
        names.set(t.cell(Table.Param, p, 1), { name: heaps.string(t.cell(Table.Param, p, 2)), flags: t.cell(Table.Param, p, 0) });
      }
      methods.push({
        name: heaps.string(t.cell(Table.MethodDef, m, 3)),
        token: 0x06000000 + m,
        isStatic: (mflags & 0x10) !== 0,
        isPublic: (mflags & 0x7) === 6,
        isVirtual: (mflags & 0x40) !== 0,
        isAbstract: (mflags & 0x400) !== 0,
        returnType: typeName(sig.returnType),
        returnSig: sig.returnType,
        params: sig.params.map((p, i) => {
          const meta = names.get(i + 1);
          return {
            name: meta?.name === undefined || meta.name === '' ? `p${i + 1}` : meta.name,
            type: typeName(p),
            sig: p,
            out: ((meta?.flags ?? 0) & 0x2) !== 0,
            optional: ((meta?.flags ?? 0) & 0x10) !== 0,
          };
        }),
        attributes: attrs(Table.MethodDef, m),
      });
    }
    types.push({
      namespace: heaps.string(t.cell(Table.TypeDef, row, 2)),
      name: heaps.string(t.cell(Table.TypeDef, row, 1)),
      fullName: typeDefName(row),
      isPublic: isVisible(row),
      isNested: enclosing.has(row),
      isInterface: (flags & 0x20) !== 0,
      isValueType: baseType === 'System.ValueType' || baseType === 'System.Enum',
      isEnum: baseType === 'System.Enum',
      isAbstract: (flags & 0x80) !== 0,
      isSealed: (flags & 0x100) !== 0,
      baseType,
      interfaces: interfacesOf.get(row) ?? [],
      methods,
      attributes: attrs(Table.TypeDef, row),
    });
  }

  if (t.count(Table.Assembly) === 0) fail('it is a .NET module without an assembly manifest');
  const a = t.row(Table.Assembly, 1);
  const version = [a[1], a[2], a[3], a[4]].map((n) => String(n ?? 0)).join('.');
  const references: AssemblyReference[] = [];
  for (let row = 1; row <= t.count(Table.AssemblyRef); row++) {
    const r = t.row(Table.AssemblyRef, row);
    references.push({ name: heaps.string(r[6] ?? 0), version: [r[0], r[1], r[2], r[3]].map((n) => String(n ?? 0)).join('.') });
  }
  return {
    name: heaps.string(a[7] ?? 0),
    version,
    culture: heaps.string(a[8] ?? 0),
    runtimeVersion,
    references,
    attributes: attrs(Table.Assembly, 1),
    types,
  };
}

/** Reads a .NET assembly's metadata. Anything that is not a readable .NET assembly → HartError. */
export function readAssembly(bytes: Uint8Array, source = 'The DLL'): AssemblyModel {
  try {
    return buildModel(bytes);
  } catch (error) {
    const reason = error instanceof MetadataFormatError ? error.message : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    throw new HartError(`${source} is not a readable .NET assembly: ${reason}`, {
      hint: 'Point HART_CLR_DLL at a .NET Framework 4.x class library, or remove it to build sql/clr from source.',
      code: 'clr-metadata',
      cause: error,
    });
  }
}

export async function readAssemblyFile(path: string): Promise<AssemblyModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new HartError(`Can't read the CLR assembly ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Build it with `hart-dev clr build`, or point HART_CLR_DLL at an existing DLL.',
      code: 'clr-dll-missing',
      cause: error,
    });
  }
  return readAssembly(bytes, path);
}
