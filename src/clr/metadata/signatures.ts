// Signature blobs (ECMA-335 II.23.2): method signatures and the type encodings inside them.
import { fail, type ByteReader } from './byte-reader.js';

export type TypeSig =
  | { kind: 'primitive'; name: string }
  /** A class or value type: resolved to its namespace-qualified name. */
  | { kind: 'named'; name: string; valueType: boolean }
  | { kind: 'szarray'; element: TypeSig }
  | { kind: 'array'; element: TypeSig; rank: number }
  | { kind: 'byref'; element: TypeSig }
  | { kind: 'pointer'; element: TypeSig }
  | { kind: 'generic'; base: TypeSig; args: TypeSig[] }
  | { kind: 'typeParameter'; index: number; method: boolean }
  | { kind: 'functionPointer' };

export interface MethodSig {
  hasThis: boolean;
  genericParams: number;
  returnType: TypeSig;
  params: TypeSig[];
}

/** Element types that name a built-in type (II.23.1.16). */
export const PRIMITIVES: Record<number, string> = {
  0x01: 'System.Void',
  0x02: 'System.Boolean',
  0x03: 'System.Char',
  0x04: 'System.SByte',
  0x05: 'System.Byte',
  0x06: 'System.Int16',
  0x07: 'System.UInt16',
  0x08: 'System.Int32',
  0x09: 'System.UInt32',
  0x0a: 'System.Int64',
  0x0b: 'System.UInt64',
  0x0c: 'System.Single',
  0x0d: 'System.Double',
  0x0e: 'System.String',
  0x16: 'System.TypedReference',
  0x18: 'System.IntPtr',
  0x19: 'System.UIntPtr',
  0x1c: 'System.Object',
};

/** Resolves a TypeDefOrRefEncoded value (II.23.2.8) to a type name; given by the assembly reader. */
export type TypeResolver = (table: 'TypeDef' | 'TypeRef' | 'TypeSpec', row: number, depth: number) => TypeSig;

const MAX_DEPTH = 64;

export function readType(r: ByteReader, resolve: TypeResolver, depth = 0): TypeSig {
  if (depth > MAX_DEPTH) fail('a type signature nests too deeply');
  let b = r.u8();
  // Custom modifiers (modreq/modopt) and PINNED do not change what the type is for our purposes.
  while (b === 0x1f || b === 0x20 || b === 0x45) {
    if (b !== 0x45) readTypeDefOrRef(r, resolve, depth);
    b = r.u8();
  }
  const primitive = PRIMITIVES[b];
  if (primitive !== undefined) return { kind: 'primitive', name: primitive };
  switch (b) {
    case 0x0f:
      return { kind: 'pointer', element: readType(r, resolve, depth + 1) };
    case 0x10:
      return { kind: 'byref', element: readType(r, resolve, depth + 1) };
    case 0x11:
    case 0x12: {
      const t = readTypeDefOrRef(r, resolve, depth);
      return t.kind === 'named' ? { ...t, valueType: b === 0x11 } : t;
    }
    case 0x13:
      return { kind: 'typeParameter', index: r.compressedU32(), method: false };
    case 0x1e:
      return { kind: 'typeParameter', index: r.compressedU32(), method: true };
    case 0x14: {
      const element = readType(r, resolve, depth + 1);
      const rank = r.compressedU32();
      const sizes = r.compressedU32();
      for (let i = 0; i < sizes; i++) r.compressedU32();
      const bounds = r.compressedU32();
      for (let i = 0; i < bounds; i++) r.compressedU32();
      return { kind: 'array', element, rank };
    }
    case 0x15: {
      const base = readType(r, resolve, depth + 1);
      const count = r.compressedU32();
      const args: TypeSig[] = [];
      for (let i = 0; i < count; i++) args.push(readType(r, resolve, depth + 1));
      return { kind: 'generic', base, args };
    }
    case 0x1b:
      readMethodSig(r, resolve, depth + 1);
      return { kind: 'functionPointer' };
    case 0x1d:
      return { kind: 'szarray', element: readType(r, resolve, depth + 1) };
    default:
      return fail(`a signature has an unknown element type 0x${b.toString(16)}`);
  }
}

function readTypeDefOrRef(r: ByteReader, resolve: TypeResolver, depth: number): TypeSig {
  const coded = r.compressedU32();
  const tag = coded & 3;
  const row = coded >>> 2;
  if (tag === 3) fail('a signature has an invalid TypeDefOrRef tag');
  return resolve(tag === 0 ? 'TypeDef' : tag === 1 ? 'TypeRef' : 'TypeSpec', row, depth + 1);
}

export function readMethodSig(r: ByteReader, resolve: TypeResolver, depth = 0): MethodSig {
  const flags = r.u8();
  const hasThis = (flags & 0x20) !== 0;
  const genericParams = (flags & 0x10) !== 0 ? r.compressedU32() : 0;
  const count = r.compressedU32();
  const returnType = readType(r, resolve, depth);
  const params: TypeSig[] = [];
  for (let i = 0; i < count; i++) {
    // A vararg call site separates fixed from extra arguments with SENTINEL (0x41).
    if (r.remaining > 0 && r.bytes[r.pos] === 0x41) r.u8();
    params.push(readType(r, resolve, depth));
  }
  return { hasThis, genericParams, returnType, params };
}

/** The type as C# would print its full name: "System.Data.SqlTypes.SqlBytes", "System.Byte[]", "System.Int32&". */
export function typeName(t: TypeSig): string {
  switch (t.kind) {
    case 'primitive':
    case 'named':
      return t.name;
    case 'szarray':
      return `${typeName(t.element)}[]`;
    case 'array':
      return `${typeName(t.element)}[${','.repeat(Math.max(0, t.rank - 1))}]`;
    case 'byref':
      return `${typeName(t.element)}&`;
    case 'pointer':
      return `${typeName(t.element)}*`;
    case 'generic':
      return `${typeName(t.base)}<${t.args.map(typeName).join(',')}>`;
    case 'typeParameter':
      return `${t.method ? '!!' : '!'}${t.index}`;
    case 'functionPointer':
      return 'method*';
  }
}
