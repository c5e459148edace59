// The inner loop of the nearest-neighbour search: dot products of one float32 row against a run of
// consecutive rows, as a tiny WebAssembly module with 128-bit SIMD (f32x4). Plain JavaScript reads
// of a Float32Array manage about 0.3 G multiply-adds per second here; this kernel about 2.5–5 G, which
// is what makes 10,000 × 1,536-dim atoms fit the seed's time budget. The module is assembled from
// opcodes below (a few hundred bytes), so there is no build step and no binary blob in the repo.
//
// Determinism: wasm f32 arithmetic is IEEE-754 with one fixed evaluation order (four lanes, summed
// as (l0 + l1) + (l2 + l3)), so every machine computes bit-identical scores.

const OP = {
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32Add: 0x6a,
  i32GtU: 0x4b,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  f32Add: 0x92,
  f32Store: 0x38,
  voidType: 0x40,
} as const;

const SIMD = { load: 0x00, const: 0x0c, extractLane: 0x1f, add: 0xe4, mul: 0xe6 } as const;

function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const get = (local: number): number[] => [OP.localGet, local];
const set = (local: number): number[] => [OP.localSet, local];
const i32 = (value: number): number[] => [OP.i32Const, ...uleb(value)]; // small non-negative constants only
/** v128.load with a 16-byte alignment hint: rows are padded to multiples of 16 bytes. */
const load = (address: number[]): number[] => [...address, ...simd(SIMD.load), 4, 0];
const zero = [...simd(SIMD.const), ...new Array<number>(16).fill(0)];

// Locals of dotRows(a, b, count, stride, out): params 0–4, then i32 j, k, p1, p2, p3, then v128 acc0–3, va.
const A = 0, B = 1, COUNT = 2, STRIDE = 3, OUT = 4, J = 5, K = 6, P1 = 7, P2 = 8, P3 = 9;
const ACC0 = 10, ACC1 = 11, ACC2 = 12, ACC3 = 13, VA = 14;

const mulAdd = (acc: number, row: number): number[] => [
  ...get(acc), ...get(VA), ...load([...get(row), ...get(K), OP.i32Add]), ...simd(SIMD.mul), ...simd(SIMD.add), ...set(acc),
];
const lane = (acc: number, index: number): number[] => [...get(acc), ...simd(SIMD.extractLane), index];
const horizontalSum = (acc: number): number[] => [
  ...lane(acc, 0), ...lane(acc, 1), OP.f32Add, ...lane(acc, 2), ...lane(acc, 3), OP.f32Add, OP.f32Add,
];
const storeSum = (acc: number, offset: number): number[] => [...get(OUT), ...horizontalSum(acc), OP.f32Store, 2, offset];

/** for (k = 0; k < stride; k += 16) { va = a[k]; acc_i += va * row_i[k] } */
const kLoop = (pairs: [acc: number, row: number][]): number[] => [
  ...i32(0), ...set(K),
  OP.loop, OP.voidType,
  ...load([...get(A), ...get(K), OP.i32Add]), ...set(VA),
  ...pairs.flatMap(([acc, row]) => mulAdd(acc, row)),
  ...get(K), ...i32(16), OP.i32Add, ...set(K),
  ...get(K), ...get(STRIDE), OP.i32LtU, OP.brIf, 0,
  OP.end,
];

const DOT_ROWS_BODY: number[] = [
  ...i32(0), ...set(J),
  // Four rows at a time: one load of `a` feeds four multiply-adds.
  OP.block, OP.voidType, OP.loop, OP.voidType,
  ...get(J), ...i32(4), OP.i32Add, ...get(COUNT), OP.i32GtU, OP.brIf, 1,
  ...get(B), ...get(STRIDE), OP.i32Add, ...set(P1),
  ...get(P1), ...get(STRIDE), OP.i32Add, ...set(P2),
  ...get(P2), ...get(STRIDE), OP.i32Add, ...set(P3),
  ...zero, ...set(ACC0), ...zero, ...set(ACC1), ...zero, ...set(ACC2), ...zero, ...set(ACC3),
  ...kLoop([[ACC0, B], [ACC1, P1], [ACC2, P2], [ACC3, P3]]),
  ...storeSum(ACC0, 0), ...storeSum(ACC1, 4), ...storeSum(ACC2, 8), ...storeSum(ACC3, 12),
  ...get(OUT), ...i32(16), OP.i32Add, ...set(OUT),
  ...get(P3), ...get(STRIDE), OP.i32Add, ...set(B),
  ...get(J), ...i32(4), OP.i32Add, ...set(J),
  OP.br, 0,
  OP.end, OP.end,
  // The remaining 0–3 rows one at a time.
  OP.block, OP.voidType, OP.loop, OP.voidType,
  ...get(J), ...get(COUNT), OP.i32GeU, OP.brIf, 1,
  ...zero, ...set(ACC0),
  ...kLoop([[ACC0, B]]),
  ...storeSum(ACC0, 0),
  ...get(OUT), ...i32(4), OP.i32Add, ...set(OUT),
  ...get(B), ...get(STRIDE), OP.i32Add, ...set(B),
  ...get(J), ...i32(1), OP.i32Add, ...set(J),
  OP.br, 0,
  OP.end, OP.end,
  OP.end,
];

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...uleb(bytes.length), ...bytes];
}

function moduleBytes(): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const locals = [2, 5, I32, 5, V128];
  const func = [...locals, ...DOT_ROWS_BODY];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]), // type: (i32 ×5) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0, 1]), // one memory, at least one page, grown on demand
    ...section(7, [2, ...name('dotRows'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [1, ...uleb(func.length), ...func]),
  ]);
}

// The project compiles without the DOM library, which is where TypeScript declares WebAssembly;
// these are the few members used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasm: WasmApi = Reflect.get(globalThis, 'WebAssembly');

let compiled: object | undefined;

/** Rows of `dim` floats in wasm memory, each padded to a multiple of 4 floats (16 bytes). */
export interface DotKernel {
  readonly rows: number;
  readonly dim: number;
  /** Floats per row including padding. */
  readonly rowFloats: number;
  /** The row storage (rows × rowFloats); padding stays zero. */
  readonly data: Float32Array;
  /** Results of the last dotRows call. */
  readonly out: Float32Array;
  /** out[0..count) = row a · rows b, b+1, …, b+count−1. */
  dotRows(a: number, b: number, count: number): void;
}

const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay well inside it. */
export const MAX_KERNEL_BYTES = 2 ** 31;

export function kernelBytes(rows: number, dim: number): number {
  const rowFloats = Math.ceil(dim / 4) * 4;
  return rows * rowFloats * 4 + rows * 4 + 16;
}

export function createDotKernel(rows: number, dim: number): DotKernel {
  const rowFloats = Math.ceil(dim / 4) * 4;
  const stride = rowFloats * 4;
  const bytes = kernelBytes(rows, dim);
  if (bytes > MAX_KERNEL_BYTES) throw new RangeError(`${rows} rows of ${dim} floats exceed ${MAX_KERNEL_BYTES} bytes`);
  compiled ??= new wasm.Module(moduleBytes());
  const instance = new wasm.Instance(compiled, {});
  const memory = instance.exports['memory'];
  const dot = instance.exports['dotRows'];
  if (!(memory instanceof wasm.Memory) || typeof dot !== 'function') throw new Error('dot kernel exports are missing');
  memory.grow(Math.ceil(bytes / PAGE));
  const outOffset = rows * stride;
  const data = new Float32Array(memory.buffer, 0, rows * rowFloats);
  const out = new Float32Array(memory.buffer, outOffset, rows);
  return {
    rows,
    dim,
    rowFloats,
    data,
    out,
    dotRows(a: number, b: number, count: number): void {
      dot(a * stride, b * stride, count, stride, outOffset);
    },
  };
}
