// The #~ stream (ECMA-335 II.24.2.6) and the layout of every metadata table (II.22). Row sizes
// depend on heap sizes and row counts, so every table's schema is needed to find any table at all.
import { ByteReader, fail } from './byte-reader.js';

export const Table = {
  Module: 0x00,
  TypeRef: 0x01,
  TypeDef: 0x02,
  FieldPtr: 0x03,
  Field: 0x04,
  MethodPtr: 0x05,
  MethodDef: 0x06,
  ParamPtr: 0x07,
  Param: 0x08,
  InterfaceImpl: 0x09,
  MemberRef: 0x0a,
  Constant: 0x0b,
  CustomAttribute: 0x0c,
  FieldMarshal: 0x0d,
  DeclSecurity: 0x0e,
  ClassLayout: 0x0f,
  FieldLayout: 0x10,
  StandAloneSig: 0x11,
  EventMap: 0x12,
  EventPtr: 0x13,
  Event: 0x14,
  PropertyMap: 0x15,
  PropertyPtr: 0x16,
  Property: 0x17,
  MethodSemantics: 0x18,
  MethodImpl: 0x19,
  ModuleRef: 0x1a,
  TypeSpec: 0x1b,
  ImplMap: 0x1c,
  FieldRVA: 0x1d,
  EncLog: 0x1e,
  EncMap: 0x1f,
  Assembly: 0x20,
  AssemblyProcessor: 0x21,
  AssemblyOS: 0x22,
  AssemblyRef: 0x23,
  AssemblyRefProcessor: 0x24,
  AssemblyRefOS: 0x25,
  File: 0x26,
  ExportedType: 0x27,
  ManifestResource: 0x28,
  NestedClass: 0x29,
  GenericParam: 0x2a,
  MethodSpec: 0x2b,
  GenericParamConstraint: 0x2c,
} as const;

const TABLE_COUNT = 0x2d;
const NONE = -1;

/** Coded indexes (II.24.2.6): the tables they can point to, in tag order. */
export const Coded = {
  TypeDefOrRef: [Table.TypeDef, Table.TypeRef, Table.TypeSpec],
  HasConstant: [Table.Field, Table.Param, Table.Property],
  HasCustomAttribute: [
    Table.MethodDef, Table.Field, Table.TypeRef, Table.TypeDef, Table.Param, Table.InterfaceImpl, Table.MemberRef,
    Table.Module, Table.DeclSecurity, Table.Property, Table.Event, Table.StandAloneSig, Table.ModuleRef,
    Table.TypeSpec, Table.Assembly, Table.AssemblyRef, Table.File, Table.ExportedType, Table.ManifestResource,
    Table.GenericParam, Table.GenericParamConstraint, Table.MethodSpec,
  ],
  HasFieldMarshal: [Table.Field, Table.Param],
  HasDeclSecurity: [Table.TypeDef, Table.MethodDef, Table.Assembly],
  MemberRefParent: [Table.TypeDef, Table.TypeRef, Table.ModuleRef, Table.MethodDef, Table.TypeSpec],
  HasSemantics: [Table.Event, Table.Property],
  MethodDefOrRef: [Table.MethodDef, Table.MemberRef],
  MemberForwarded: [Table.Field, Table.MethodDef],
  Implementation: [Table.File, Table.AssemblyRef, Table.ExportedType],
  CustomAttributeType: [NONE, NONE, Table.MethodDef, Table.MemberRef, NONE],
  ResolutionScope: [Table.Module, Table.ModuleRef, Table.AssemblyRef, Table.TypeRef],
  TypeOrMethodDef: [Table.TypeDef, Table.MethodDef],
} as const satisfies Record<string, readonly number[]>;

export type CodedKind = keyof typeof Coded;

type Column = 'u16' | 'u32' | 'str' | 'guid' | 'blob' | { table: number } | { coded: CodedKind };

const T = (table: number): Column => ({ table });
const C = (coded: CodedKind): Column => ({ coded });

const SCHEMAS: Column[][] = [];
SCHEMAS[Table.Module] = ['u16', 'str', 'guid', 'guid', 'guid'];
SCHEMAS[Table.TypeRef] = [C('ResolutionScope'), 'str', 'str'];
SCHEMAS[Table.TypeDef] = ['u32', 'str', 'str', C('TypeDefOrRef'), T(Table.Field), T(Table.MethodDef)];
SCHEMAS[Table.FieldPtr] = [T(Table.Field)];
SCHEMAS[Table.Field] = ['u16', 'str', 'blob'];
SCHEMAS[Table.MethodPtr] = [T(Table.MethodDef)];
SCHEMAS[Table.MethodDef] = ['u32', 'u16', 'u16', 'str', 'blob', T(Table.Param)];
SCHEMAS[Table.ParamPtr] = [T(Table.Param)];
SCHEMAS[Table.Param] = ['u16', 'u16', 'str'];
SCHEMAS[Table.InterfaceImpl] = [T(Table.TypeDef), C('TypeDefOrRef')];
SCHEMAS[Table.MemberRef] = [C('MemberRefParent'), 'str', 'blob'];
SCHEMAS[Table.Constant] = ['u16', C('HasConstant'), 'blob'];
SCHEMAS[Table.CustomAttribute] = [C('HasCustomAttribute'), C('CustomAttributeType'), 'blob'];
SCHEMAS[Table.FieldMarshal] = [C('HasFieldMarshal'), 'blob'];
SCHEMAS[Table.DeclSecurity] = ['u16', C('HasDeclSecurity'), 'blob'];
SCHEMAS[Table.ClassLayout] = ['u16', 'u32', T(Table.TypeDef)];
SCHEMAS[Table.FieldLayout] = ['u32', T(Table.Field)];
SCHEMAS[Table.StandAloneSig] = ['blob'];
SCHEMAS[Table.EventMap] = [T(Table.TypeDef), T(Table.Event)];
SCHEMAS[Table.EventPtr] = [T(Table.Event)];
SCHEMAS[Table.Event] = ['u16', 'str', C('TypeDefOrRef')];
SCHEMAS[Table.PropertyMap] = [T(Table.TypeDef), T(Table.Property)];
SCHEMAS[Table.PropertyPtr] = [T(Table.Property)];
SCHEMAS[Table.Property] = ['u16', 'str', 'blob'];
SCHEMAS[Table.MethodSemantics] = ['u16', T(Table.MethodDef), C('HasSemantics')];
SCHEMAS[Table.MethodImpl] = [T(Table.TypeDef), C('MethodDefOrRef'), C('MethodDefOrRef')];
SCHEMAS[Table.ModuleRef] = ['str'];
SCHEMAS[Table.TypeSpec] = ['blob'];
SCHEMAS[Table.ImplMap] = ['u16', C('MemberForwarded'), 'str', T(Table.ModuleRef)];
SCHEMAS[Table.FieldRVA] = ['u32', T(Table.Field)];
SCHEMAS[Table.EncLog] = ['u32', 'u32'];
SCHEMAS[Table.EncMap] = ['u32'];
SCHEMAS[Table.Assembly] = ['u32', 'u16', 'u16', 'u16', 'u16', 'u32', 'blob', 'str', 'str'];
SCHEMAS[Table.AssemblyProcessor] = ['u32'];
SCHEMAS[Table.AssemblyOS] = ['u32', 'u32', 'u32'];
SCHEMAS[Table.AssemblyRef] = ['u16', 'u16', 'u16', 'u16', 'u32', 'blob', 'str', 'str', 'blob'];
SCHEMAS[Table.AssemblyRefProcessor] = ['u32', T(Table.AssemblyRef)];
SCHEMAS[Table.AssemblyRefOS] = ['u32', 'u32', 'u32', T(Table.AssemblyRef)];
SCHEMAS[Table.File] = ['u32', 'str', 'blob'];
SCHEMAS[Table.ExportedType] = ['u32', 'u32', 'str', 'str', C('Implementation')];
SCHEMAS[Table.ManifestResource] = ['u32', 'u32', 'str', C('Implementation')];
SCHEMAS[Table.NestedClass] = [T(Table.TypeDef), T(Table.TypeDef)];
SCHEMAS[Table.GenericParam] = ['u16', 'u16', C('TypeOrMethodDef'), 'str'];
SCHEMAS[Table.MethodSpec] = [C('MethodDefOrRef'), 'blob'];
SCHEMAS[Table.GenericParamConstraint] = [T(Table.GenericParam), C('TypeDefOrRef')];

/** A decoded coded index: which table, and the 1-based row (0 = null). */
export interface CodedRef {
  table: number;
  row: number;
}

export class Tables {
  /** rows[table][i] = column values of row i+1. */
  private readonly rows: number[][][];
  readonly rowCounts: number[];
  private readonly codedTagBits = new Map<CodedKind, number>();

  constructor(stream: Uint8Array) {
    const r = new ByteReader(stream, 'the #~ stream');
    r.skip(4); // Reserved
    r.skip(2); // MajorVersion, MinorVersion
    const heapSizes = r.u8();
    r.skip(1);
    const valid = r.u64();
    r.skip(8); // Sorted
    this.rowCounts = new Array<number>(64).fill(0);
    for (let i = 0; i < 64; i++) {
      if ((valid >> BigInt(i)) & 1n) {
        if (i >= TABLE_COUNT) fail(`the #~ stream lists an unknown table 0x${i.toString(16)}`);
        this.rowCounts[i] = r.u32();
      }
    }
    // Uncompressed (#-) metadata written during Edit and Continue may carry 4 extra bytes.
    if ((heapSizes & 0x40) !== 0) r.skip(4);

    const strSize: 2 | 4 = (heapSizes & 0x01) !== 0 ? 4 : 2;
    const guidSize: 2 | 4 = (heapSizes & 0x02) !== 0 ? 4 : 2;
    const blobSize: 2 | 4 = (heapSizes & 0x04) !== 0 ? 4 : 2;
    const count = (t: number): number => (t === NONE ? 0 : (this.rowCounts[t] ?? 0));
    const sizeOf = (column: Column): 2 | 4 => {
      if (column === 'u16') return 2;
      if (column === 'u32') return 4;
      if (column === 'str') return strSize;
      if (column === 'guid') return guidSize;
      if (column === 'blob') return blobSize;
      if ('table' in column) return count(column.table) < 0x10000 ? 2 : 4;
      const targets: readonly number[] = Coded[column.coded];
      const bits = this.tagBits(column.coded);
      const max = Math.max(...targets.map(count));
      return max < 2 ** (16 - bits) ? 2 : 4;
    };

    this.rows = [];
    for (let t = 0; t < TABLE_COUNT; t++) {
      const schema = SCHEMAS[t] ?? [];
      const n = count(t);
      const sizes = schema.map(sizeOf);
      const rowSize = sizes.reduce<number>((a, b) => a + b, 0);
      if (n * rowSize > r.remaining) fail(`the #~ stream is too short for ${n} rows of table 0x${t.toString(16)}`);
      const table: number[][] = new Array<number[]>(n);
      for (let i = 0; i < n; i++) {
        const row = new Array<number>(sizes.length);
        for (let c = 0; c < sizes.length; c++) row[c] = r.index(sizes[c] ?? 2);
        table[i] = row;
      }
      this.rows.push(table);
    }
  }

  private tagBits(kind: CodedKind): number {
    const known = this.codedTagBits.get(kind);
    if (known !== undefined) return known;
    const n = Coded[kind].length;
    const bits = Math.ceil(Math.log2(n));
    this.codedTagBits.set(kind, bits);
    return bits;
  }

  count(table: number): number {
    return this.rowCounts[table] ?? 0;
  }

  /** Column values of 1-based `row` of `table`. */
  row(table: number, row: number): number[] {
    const found = this.rows[table]?.[row - 1];
    if (found === undefined) return fail(`a reference points to row ${row} of table 0x${table.toString(16)}, which has ${this.count(table)} rows`);
    return found;
  }

  /** Column `column` of a row, as a number (schemas are fixed, so a missing column is a bug in the reader). */
  cell(table: number, row: number, column: number): number {
    const v = this.row(table, row)[column];
    if (v === undefined) return fail(`table 0x${table.toString(16)} has no column ${column}`);
    return v;
  }

  decode(kind: CodedKind, value: number): CodedRef {
    const bits = this.tagBits(kind);
    const tag = value & ((1 << bits) - 1);
    const table = Coded[kind][tag];
    if (table === undefined || table === NONE) return fail(`a ${kind} index has an invalid tag ${tag}`);
    return { table, row: value >>> bits };
  }

  /**
   * The run of rows a list column starts (TypeDef.MethodList etc.): from this row's value to the
   * next row's value (or the end of the target table). Goes through the Ptr table when present.
   */
  list(owner: number, ownerRow: number, column: number, target: number, ptr: number): number[] {
    const start = this.cell(owner, ownerRow, column);
    const end = ownerRow < this.count(owner) ? this.cell(owner, ownerRow + 1, column) : this.count(ptr > 0 && this.count(ptr) > 0 ? ptr : target) + 1;
    if (start < 1 || end < start) return fail(`table 0x${owner.toString(16)} row ${ownerRow} has a list running backwards`);
    const out: number[] = [];
    for (let i = start; i < end; i++) out.push(this.count(ptr) > 0 ? this.cell(ptr, i, 0) : i);
    return out;
  }
}
