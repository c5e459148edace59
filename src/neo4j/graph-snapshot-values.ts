// Property values of a graph snapshot as JSON, exactly: every Neo4j property type keeps its type and
// its value through save and restore. JSON alone would lose the difference between an integer and a
// float (1 and 1.0), 64-bit integers, and the bits of float arrays, so those are tagged:
//   string, boolean, float          → as is (JSON numbers round-trip doubles exactly); NaN, ±∞ → {"$f"}
//   integer                          → {"$i": "<decimal>"}
//   list of floats                   → {"$f32": base64} when every value is a float32, else {"$f64": base64}
//   list of integers                 → {"$i64": ["<decimal>", …]}
//   list of strings / booleans       → JSON array
//   byte array                       → {"$bytes": base64}
//   temporal values, points          → {"$t": kind, "f": [fields as decimals]} / {"$point": [srid, x, y, z?]}
// Bolt gives no way to tell a float32 array from a float64 one (both read back as JS numbers and
// Cypher's valueType says LIST<FLOAT> for both), so the values decide: a list whose every element is
// exactly a float32 is saved as float32 and restored with db.create.set…VectorProperty — the compact
// form the graph seed writes embeddings in — and any other float list as float64 with SET. The
// values read back are the same numbers either way.
import neo4j, { type Integer } from 'neo4j-driver';
import { HartError } from '../engine/errors.js';

export type Encoded = string | boolean | number | Encoded[] | { [key: string]: Encoded };

/** A decoded value ready to be sent as a Bolt parameter (driver types), or a float32 list set apart. */
export type Decoded = unknown;

export interface DecodedProperties {
  /** Everything SET n = $props can write. */
  props: Record<string, Decoded>;
  /** Float32 lists, written with db.create.setNodeVectorProperty / setRelationshipVectorProperty. */
  vectors: Record<string, number[]>;
}

function isFloat32(value: number): boolean {
  return Number.isFinite(value) && Math.fround(value) === value;
}

function floatsToBase64(values: readonly number[], bytes: 4 | 8): string {
  const buffer = Buffer.alloc(values.length * bytes);
  values.forEach((v, i) => (bytes === 4 ? buffer.writeFloatLE(v, i * 4) : buffer.writeDoubleLE(v, i * 8)));
  return buffer.toString('base64');
}

function base64ToFloats(text: string, bytes: 4 | 8): number[] {
  const buffer = Buffer.from(text, 'base64');
  if (buffer.length % bytes !== 0) throw badValue(`a float${bytes * 8} list of ${buffer.length} bytes`);
  const values: number[] = [];
  for (let at = 0; at < buffer.length; at += bytes) values.push(bytes === 4 ? buffer.readFloatLE(at) : buffer.readDoubleLE(at));
  return values;
}

function badValue(what: string): HartError {
  return new HartError(`The graph snapshot holds ${what} that cannot be read`, { code: 'snapshot-graph-format', hint: 'The file is damaged or was written by another tool: save the snapshot again.' });
}

function encodeFloat(value: number): Encoded {
  return Number.isFinite(value) ? value : { $f: String(value) };
}

const decimal = (value: unknown): string => (neo4j.isInt(value) ? value.toString() : String(value));

/** One property value as read by the driver → JSON. */
export function encodeValue(value: unknown): Encoded {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeFloat(value);
  if (neo4j.isInt(value)) return { $i: value.toString() };
  if (typeof value === 'bigint') return { $i: value.toString() };
  if (value instanceof Int8Array || value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return encodeList(value);
  if (neo4j.isPoint(value)) return { $point: value.z === undefined ? [decimal(value.srid), value.x, value.y] : [decimal(value.srid), value.x, value.y, value.z] };
  if (neo4j.isDuration(value)) return { $t: 'duration', f: [value.months, value.days, value.seconds, value.nanoseconds].map(decimal) };
  if (neo4j.isDateTime(value)) {
    const fields = [value.year, value.month, value.day, value.hour, value.minute, value.second, value.nanosecond].map(decimal);
    return value.timeZoneId !== undefined && value.timeZoneId !== null
      ? { $t: 'datetime', f: fields, zone: value.timeZoneId }
      : { $t: 'datetime', f: [...fields, decimal(value.timeZoneOffsetSeconds ?? 0)] };
  }
  if (neo4j.isLocalDateTime(value)) return { $t: 'localdatetime', f: [value.year, value.month, value.day, value.hour, value.minute, value.second, value.nanosecond].map(decimal) };
  if (neo4j.isDate(value)) return { $t: 'date', f: [value.year, value.month, value.day].map(decimal) };
  if (neo4j.isTime(value)) return { $t: 'time', f: [value.hour, value.minute, value.second, value.nanosecond, value.timeZoneOffsetSeconds].map(decimal) };
  if (neo4j.isLocalTime(value)) return { $t: 'localtime', f: [value.hour, value.minute, value.second, value.nanosecond].map(decimal) };
  throw new HartError(`A graph property has a value of a type snapshots do not know (${Object.prototype.toString.call(value)})`, { code: 'snapshot-graph-type', hint: 'Report it with the property\'s type; meanwhile remove or convert that property before saving.' });
}

function encodeList(values: readonly unknown[]): Encoded {
  if (values.length === 0) return [];
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values.filter((v): v is number => typeof v === 'number');
    return numbers.every(isFloat32) ? { $f32: floatsToBase64(numbers, 4) } : { $f64: floatsToBase64(numbers, 8) };
  }
  if (values.every((v) => neo4j.isInt(v))) return { $i64: values.map(decimal) };
  if (values.every((v) => typeof v === 'string') || values.every((v) => typeof v === 'boolean')) return values.map(encodeValue);
  return { $list: values.map(encodeValue) };
}

function field(object: { [key: string]: Encoded }, key: string): Encoded | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function ints(value: Encoded | undefined, count: number, what: string): Integer[] {
  if (!Array.isArray(value) || value.length < count || !value.every((v) => typeof v === 'string')) throw badValue(what);
  return value.map((v) => neo4j.int(String(v)));
}

/** JSON → a value the driver sends with the same Neo4j type. Float32 lists come back as numbers (see decodeProperties). */
export function decodeValue(value: Encoded): Decoded {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const f = field(value, '$f');
  if (typeof f === 'string') return Number(f);
  const i = field(value, '$i');
  if (typeof i === 'string') return neo4j.int(i);
  const f32 = field(value, '$f32');
  if (typeof f32 === 'string') return base64ToFloats(f32, 4);
  const f64 = field(value, '$f64');
  if (typeof f64 === 'string') return base64ToFloats(f64, 8);
  const i64 = field(value, '$i64');
  if (i64 !== undefined) return ints(i64, 0, 'an integer list');
  const bytes = field(value, '$bytes');
  if (typeof bytes === 'string') return Int8Array.from(Buffer.from(bytes, 'base64'), (b) => (b > 127 ? b - 256 : b));
  const list = field(value, '$list');
  if (Array.isArray(list)) return list.map(decodeValue);
  const point = field(value, '$point');
  if (Array.isArray(point)) {
    const [srid, x, y, z] = point;
    if (typeof srid !== 'string' || typeof x !== 'number' || typeof y !== 'number') throw badValue('a point');
    return typeof z === 'number' ? new neo4j.types.Point(neo4j.int(srid), x, y, z) : new neo4j.types.Point(neo4j.int(srid), x, y);
  }
  const kind = field(value, '$t');
  const fields = field(value, 'f');
  switch (kind) {
    case 'duration': {
      const [months, days, seconds, nanoseconds] = ints(fields, 4, 'a duration');
      if (months === undefined || days === undefined || seconds === undefined || nanoseconds === undefined) throw badValue('a duration');
      return new neo4j.types.Duration(months, days, seconds, nanoseconds);
    }
    case 'datetime': {
      const zone = field(value, 'zone');
      const [year, month, day, hour, minute, second, nanosecond, offset] = ints(fields, typeof zone === 'string' ? 7 : 8, 'a datetime');
      if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined || nanosecond === undefined) throw badValue('a datetime');
      return typeof zone === 'string'
        ? new neo4j.types.DateTime(year, month, day, hour, minute, second, nanosecond, undefined, zone)
        : new neo4j.types.DateTime(year, month, day, hour, minute, second, nanosecond, offset);
    }
    case 'localdatetime': {
      const [year, month, day, hour, minute, second, nanosecond] = ints(fields, 7, 'a local datetime');
      if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined || nanosecond === undefined) throw badValue('a local datetime');
      return new neo4j.types.LocalDateTime(year, month, day, hour, minute, second, nanosecond);
    }
    case 'date': {
      const [year, month, day] = ints(fields, 3, 'a date');
      if (year === undefined || month === undefined || day === undefined) throw badValue('a date');
      return new neo4j.types.Date(year, month, day);
    }
    case 'time': {
      const [hour, minute, second, nanosecond, offset] = ints(fields, 5, 'a time');
      if (hour === undefined || minute === undefined || second === undefined || nanosecond === undefined || offset === undefined) throw badValue('a time');
      return new neo4j.types.Time(hour, minute, second, nanosecond, offset);
    }
    case 'localtime': {
      const [hour, minute, second, nanosecond] = ints(fields, 4, 'a local time');
      if (hour === undefined || minute === undefined || second === undefined || nanosecond === undefined) throw badValue('a local time');
      return new neo4j.types.LocalTime(hour, minute, second, nanosecond);
    }
    default:
      throw badValue(`a value tagged ${JSON.stringify(Object.keys(value))}`);
  }
}

/** A properties map as read by the driver → JSON. */
export function encodeProperties(properties: Record<string, unknown>): Record<string, Encoded> {
  const encoded: Record<string, Encoded> = {};
  for (const [key, value] of Object.entries(properties)) encoded[key] = encodeValue(value);
  return encoded;
}

/** JSON → the parameters of one created node or relationship: SET-able properties, and float32 lists apart. */
export function decodeProperties(encoded: Record<string, Encoded>): DecodedProperties {
  const props: Record<string, Decoded> = {};
  const vectors: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(encoded)) {
    if (typeof value === 'object' && !Array.isArray(value) && typeof field(value, '$f32') === 'string') {
      vectors[key] = base64ToFloats(String(field(value, '$f32')), 4);
    } else {
      props[key] = decodeValue(value);
    }
  }
  return { props, vectors };
}
