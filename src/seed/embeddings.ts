// Deterministic sample embeddings. Same settings → byte-identical vectors on every machine and every
// JavaScript engine: the generator uses only integer PRNG steps (Math.imul, shifts) and IEEE-754
// +, −, ×, ÷ (exactly specified), never Math.random, Math.sin/log/exp or even Math.sqrt (whose
// precision ECMAScript leaves to the implementation) — the one square root is a fixed Newton iteration.
//
// Shape of the data: each topic has a centroid; sample i belongs to topic i mod topics and is its
// centroid plus uniform noise, normalised to unit length. Noise energy is NOISE_ENERGY × the
// centroid's, so same-topic cosines sit near 1 / (1 + NOISE_ENERGY) ≈ 0.56 and cross-topic cosines
// near 0: nearest-neighbour queries give sensible, not trivial, answers. The first two components of
// each centroid place the topic on a grid in the plane (the concept map); the sample's pre-normalised
// first two components are its SpatialKey, so sp_ClusterConcepts finds the topics again.
import { HartError } from '../engine/errors.js';
import type { EmbeddingSettings, SeedAtom } from './types.js';

/** AtomEmbeddings.ModelName of generated vectors. */
export const SAMPLE_MODEL_NAME = 'hart-dev-sample-v1';

/** Atoms.AtomKey prefix of generated atoms; the seed MERGE owns exactly the atoms with this prefix. */
export const SAMPLE_KEY_PREFIX = 'sample-';

const TOPIC_NAMES = [
  'astronomy', 'biology', 'chemistry', 'economics', 'history', 'music',
  'programming', 'sports', 'geography', 'medicine', 'literature', 'physics',
] as const;

/** Noise energy relative to the (unit) centroid. */
const NOISE_ENERGY = 0.8;

/** The concept map spans about ±MAP_EXTENT / 2 on each axis. */
const MAP_EXTENT = 0.6;

export function topicName(topic: number): string {
  return TOPIC_NAMES[topic] ?? `topic-${topic + 1}`;
}

export function sampleKey(index: number): string {
  return `${SAMPLE_KEY_PREFIX}${String(index).padStart(6, '0')}`;
}

/** Side of the square topic grid on the concept map. */
function gridSide(topics: number): number {
  let side = 1;
  while (side * side < topics) side += 1;
  return side;
}

/**
 * The concept-map cell size at which each topic has a cell of its own: topic centres sit at cell
 * centres ((k + ½) × size), so sp_ClusterConcepts(@CellSize = this) groups atoms by topic.
 * 0.2 for the default 8 topics (the procedure's default).
 */
export function spatialCellSize(topics: number): number {
  return MAP_EXTENT / gridSide(topics);
}

/** splitmix32-style finaliser: a well-mixed 32-bit value from a 32-bit input (integer ops only). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The PRNG stream of one vector: derived from the seed, a role tag and an index (independent of count). */
function streamSeed(seed: number, tag: number, index: number): number {
  return mix32(mix32(seed ^ tag) ^ index) | 0;
}

const TAG_CENTROID = 0x43454e54;
const TAG_SAMPLE = 0x534d504c;
const TWO_POW_MINUS_31 = 1 / 2147483648;

/**
 * Fills out[from..] with uniform values in [-1, 1) from a mulberry32 stream (integer arithmetic;
 * each value is an exact multiple of 2^-31). Returns nothing: the stream is local to the vector.
 */
function fillUniform(out: Float64Array, from: number, state: number): void {
  let s = state;
  for (let j = from; j < out.length; j++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    t = (t ^ (t >>> 14)) | 0;
    out[j] = t * TWO_POW_MINUS_31;
  }
}

/** √x by Newton's iteration from above: only +, ×, ÷, so the result is the same everywhere. */
export function deterministicSqrt(x: number): number {
  if (!(x > 0)) return 0;
  let y = x > 1 ? x : 1;
  for (let k = 0; k < 2000; k++) {
    const next = 0.5 * (y + x / y);
    if (next >= y) break;
    y = next;
  }
  return y;
}

function centroids(settings: EmbeddingSettings): Float64Array[] {
  const { dim, topics, seed } = settings;
  const side = gridSide(topics);
  const cell = MAP_EXTENT / side;
  const half = Math.floor(side / 2);
  const result: Float64Array[] = [];
  for (let t = 0; t < topics; t++) {
    const c = new Float64Array(dim);
    // Map position: cell centre (k + ½) × cell, k centred on 0.
    const px = (((t % side) - half) + 0.5) * cell;
    const py = ((Math.floor(t / side) - half) + 0.5) * cell;
    c[0] = px;
    if (dim > 1) c[1] = py;
    fillUniform(c, 2, streamSeed(seed, TAG_CENTROID, t));
    // Scale the rest so that the centroid has unit length.
    let rest = 0;
    for (let j = 2; j < dim; j++) rest += (c[j] ?? 0) * (c[j] ?? 0);
    const room = 1 - px * px - py * py;
    if (rest > 0 && room > 0) {
      const scale = deterministicSqrt(room) / deterministicSqrt(rest);
      for (let j = 2; j < dim; j++) c[j] = (c[j] ?? 0) * scale;
    }
    result.push(c);
  }
  return result;
}

/**
 * `settings.count` sample atoms: keys sample-000000…, topic i mod topics, unit float32 vectors.
 * Sample i depends only on (seed, dim, topics, i), so raising count keeps the earlier samples.
 */
export function generateSampleAtoms(settings: EmbeddingSettings): SeedAtom[] {
  const { count, dim, topics, seed } = settings;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(dim) || dim < 2 || !Number.isInteger(topics) || topics < 1) {
    throw new HartError(`Embedding settings are out of range (count ${count}, dim ${dim}, topics ${topics})`, {
      hint: 'Load settings with loadEmbeddingSettings(), which checks every value.',
      code: 'seed-settings',
    });
  }
  const centres = centroids(settings);
  // Uniform [-1, 1) has variance 1/3: amplitude a gives noise energy dim × a² / 3 = NOISE_ENERGY.
  const amplitude = deterministicSqrt((3 * NOISE_ENERGY) / dim);
  const noise = new Float64Array(dim);
  const atoms: SeedAtom[] = [];
  for (let i = 0; i < count; i++) {
    const topic = i % topics;
    const centre = centres[topic];
    if (centre === undefined) throw new Error(`topic ${topic} has no centroid`);
    fillUniform(noise, 0, streamSeed(seed, TAG_SAMPLE, i));
    let sum = 0;
    for (let j = 0; j < dim; j++) {
      const value = (centre[j] ?? 0) + amplitude * (noise[j] ?? 0);
      noise[j] = value;
      sum += value * value;
    }
    const inverse = 1 / deterministicSqrt(sum);
    const vector = new Float32Array(dim);
    for (let j = 0; j < dim; j++) vector[j] = (noise[j] ?? 0) * inverse;
    const name = topicName(topic);
    atoms.push({
      key: sampleKey(i),
      topic,
      topicName: name,
      text: `Sample atom ${i} about ${name} (topic ${topic + 1} of ${topics})`,
      vector,
      // Rounded to float32 like the vector, so the map point is as reproducible as the bytes.
      spatial: { x: Math.fround(noise[0] ?? 0), y: Math.fround(noise[1] ?? 0) },
    });
  }
  return atoms;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** float32 little-endian bytes (the VARBINARY layout the CLR functions read); a copy, never a view. */
export function encodeVector(v: Float32Array): Buffer {
  const bytes = Buffer.allocUnsafe(v.length * 4);
  if (LITTLE_ENDIAN_HOST) {
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else {
    for (let j = 0; j < v.length; j++) bytes.writeFloatLE(v[j] ?? 0, j * 4);
  }
  return bytes;
}

export function decodeVector(b: Buffer): Float32Array {
  if (b.length % 4 !== 0) {
    throw new HartError(`A vector of ${b.length} bytes is not float32 data (the length must be a multiple of 4)`, {
      hint: 'Store embeddings as float32 little-endian bytes: 4 bytes per dimension.',
      code: 'vector-bytes',
    });
  }
  const v = new Float32Array(b.length / 4);
  for (let j = 0; j < v.length; j++) v[j] = b.readFloatLE(j * 4);
  return v;
}

/** Cosine similarity (0 when either vector is zero). Throws on a dimension mismatch. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new HartError(`Can't compare vectors of dimension ${a.length} and ${b.length}`, {
      hint: 'Compare embeddings of the same model and dimension.',
      code: 'vector-dimension',
    });
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    const x = a[j] ?? 0;
    const y = b[j] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}
