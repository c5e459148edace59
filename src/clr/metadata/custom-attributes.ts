// Custom attribute value blobs (ECMA-335 II.23.3): the prolog, the constructor's fixed arguments
// (typed by the constructor's signature) and the named field/property arguments such as
// `Format`, `MaxByteSize`, `IsDeterministic` and `Name` of the SQL CLR attributes.
import { ByteReader, fail } from './byte-reader.js';
import { PRIMITIVES, type TypeSig } from './signatures.js';

export type AttributeValue = string | number | boolean | null | AttributeValue[];

export interface AttributeArgument {
  /** Full type name; an enum argument names its enum type and carries the numeric value. */
  type: string;
  value: AttributeValue;
}

export interface CustomAttributeInfo {
  /** Full name of the attribute class, e.g. "Microsoft.SqlServer.Server.SqlFunctionAttribute". */
  type: string;
  fixed: AttributeArgument[];
  named: Record<string, AttributeArgument>;
  /** Set when the value blob could not be decoded (e.g. an enum of another assembly with a non-Int32 base). */
  unreadable?: string;
}

/** Underlying primitive of an enum by its full name (enums of other assemblies: Int32, the C# default). */
export type EnumResolver = (enumName: string) => string;

const utf8 = new TextDecoder('utf-8');

function serString(r: ByteReader): string | null {
  if (r.remaining > 0 && r.bytes[r.pos] === 0xff) {
    r.u8();
    return null;
  }
  const length = r.compressedU32();
  return utf8.decode(r.slice(length));
}

function primitive(r: ByteReader, name: string): AttributeValue {
  switch (name) {
    case 'System.Boolean':
      return r.u8() !== 0;
    case 'System.Char':
      return String.fromCharCode(r.u16());
    case 'System.SByte':
      return r.i8();
    case 'System.Byte':
      return r.u8();
    case 'System.Int16':
      return r.i16();
    case 'System.UInt16':
      return r.u16();
    case 'System.Int32':
      return r.i32();
    case 'System.UInt32':
      return r.u32();
    case 'System.Int64':
      return Number(r.i64());
    case 'System.UInt64':
      return Number(r.u64());
    case 'System.Single':
      return r.f32();
    case 'System.Double':
      return r.f64();
    case 'System.String':
    case 'System.Type':
      return serString(r);
    default:
      return fail(`a custom attribute has an argument of unsupported type ${name}`);
  }
}

/** FieldOrPropType (II.23.3) of named and boxed arguments. */
function fieldOrPropType(r: ByteReader, depth: number): TypeSig {
  if (depth > 8) fail('a custom attribute argument type nests too deeply');
  const b = r.u8();
  const prim = PRIMITIVES[b];
  if (prim !== undefined && b >= 0x02 && b <= 0x0e) return { kind: 'primitive', name: prim };
  switch (b) {
    case 0x1d:
      return { kind: 'szarray', element: fieldOrPropType(r, depth + 1) };
    case 0x50:
      return { kind: 'named', name: 'System.Type', valueType: false };
    case 0x51:
      return { kind: 'primitive', name: 'System.Object' };
    case 0x55: {
      // An assembly-qualified name: "Microsoft.SqlServer.Server.Format, System.Data, Version=…".
      const qualified = serString(r) ?? '';
      return { kind: 'named', name: qualified.split(',')[0]?.trim() ?? '', valueType: true };
    }
    default:
      return fail(`a custom attribute has an unknown argument type 0x${b.toString(16)}`);
  }
}

function argument(r: ByteReader, type: TypeSig, enums: EnumResolver, depth: number): AttributeArgument {
  if (depth > 8) fail('a custom attribute argument nests too deeply');
  switch (type.kind) {
    case 'primitive':
      if (type.name === 'System.Object') return argument(r, fieldOrPropType(r, depth + 1), enums, depth + 1);
      return { type: type.name, value: primitive(r, type.name) };
    case 'named':
      if (type.name === 'System.Type') return { type: type.name, value: serString(r) };
      if (type.valueType) return { type: type.name, value: primitive(r, enums(type.name)) };
      return fail(`a custom attribute has an argument of class type ${type.name}`);
    case 'szarray': {
      const count = r.u32();
      if (count === 0xffffffff) return { type: `${argumentTypeName(type.element)}[]`, value: null };
      if (count > r.remaining) fail(`a custom attribute array claims ${count} elements in ${r.remaining} bytes`);
      const values: AttributeValue[] = [];
      for (let i = 0; i < count; i++) values.push(argument(r, type.element, enums, depth + 1).value);
      return { type: `${argumentTypeName(type.element)}[]`, value: values };
    }
    default:
      return fail(`a custom attribute has an argument of unsupported kind ${type.kind}`);
  }
}

function argumentTypeName(t: TypeSig): string {
  return t.kind === 'primitive' || t.kind === 'named' ? t.name : t.kind === 'szarray' ? `${argumentTypeName(t.element)}[]` : t.kind;
}

export function readCustomAttribute(type: string, blob: Uint8Array, ctorParams: TypeSig[], enums: EnumResolver): CustomAttributeInfo {
  const info: CustomAttributeInfo = { type, fixed: [], named: {} };
  if (blob.length === 0) return info;
  const r = new ByteReader(blob, `the ${type} value blob`);
  if (r.u16() !== 0x0001) fail(`the ${type} value blob has no 0x0001 prolog`);
  for (const param of ctorParams) info.fixed.push(argument(r, param, enums, 0));
  const namedCount = r.u16();
  for (let i = 0; i < namedCount; i++) {
    const kind = r.u8();
    if (kind !== 0x53 && kind !== 0x54) fail(`the ${type} value blob has an unknown named-argument kind 0x${kind.toString(16)}`);
    const argType = fieldOrPropType(r, 0);
    const name = serString(r) ?? '';
    info.named[name] = argument(r, argType, enums, 0);
  }
  return info;
}

/**
 * Enums of the .NET Framework whose underlying type is not Int32. An enum argument's size is not in
 * the blob and the enum lives in another assembly, so the few exceptions are listed here.
 */
export const FRAMEWORK_ENUM_BASES: Record<string, string> = {
  'System.Security.SecurityRuleSet': 'System.Byte',
  'System.Diagnostics.Tracing.EventKeywords': 'System.Int64',
  'System.Diagnostics.Tracing.EventChannel': 'System.Byte',
  'System.Diagnostics.Tracing.EventLevel': 'System.Int32',
};
