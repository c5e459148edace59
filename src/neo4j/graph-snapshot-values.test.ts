import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeProperties, decodeValue, encodeProperties, encodeValue, type Encoded } from './graph-snapshot-values.js';

/** Through JSON text, as the snapshot file carries it. */
function roundTrip(value: unknown): unknown {
  const parsed: Encoded = JSON.parse(JSON.stringify(encodeValue(value)));
  return decodeValue(parsed);
}

describe('graph snapshot property values', () => {
  it('keeps integers apart from floats, 64-bit integers whole, and floats exact (NaN and infinities too)', () => {
    expect(encodeValue(neo4j.int(1))).toEqual({ $i: '1' });
    expect(encodeValue(1)).toBe(1);
    expect(roundTrip(neo4j.int('9223372036854775807'))).toEqual(neo4j.int('9223372036854775807'));
    expect(roundTrip(0.1)).toBe(0.1);
    expect(roundTrip(Number.NaN)).toBeNaN();
    expect(roundTrip(-Infinity)).toBe(-Infinity);
    expect(roundTrip('text')).toBe('text');
    expect(roundTrip(false)).toBe(false);
  });

  it('stores a float list as float32 when every value is one, else as float64, bit for bit', () => {
    const f32 = Array.from(new Float32Array([0.1, -2.5, 1e-7, 3.4e38]));
    expect(encodeValue(f32)).toEqual({ $f32: expect.any(String) });
    expect(roundTrip(f32)).toEqual(f32);
    const f64 = [0.1, 0.2, Number.MIN_VALUE];
    expect(encodeValue(f64)).toEqual({ $f64: expect.any(String) });
    expect(roundTrip(f64)).toEqual(f64);
    const { props, vectors } = decodeProperties(JSON.parse(JSON.stringify(encodeProperties({ embedding: f32, weights: f64, topic: neo4j.int(3) }))));
    expect(vectors).toEqual({ embedding: f32 });
    expect(props).toEqual({ weights: f64, topic: neo4j.int(3) });
  });

  it('keeps integer, string, boolean and byte lists, temporal values, durations and points', () => {
    expect(roundTrip([neo4j.int(1), neo4j.int(-2)])).toEqual([neo4j.int(1), neo4j.int(-2)]);
    expect(roundTrip(['a', 'b'])).toEqual(['a', 'b']);
    expect(roundTrip([true, false])).toEqual([true, false]);
    expect(roundTrip(new Int8Array([-1, 0, 127]))).toEqual(new Int8Array([-1, 0, 127]));
    const i = (n: number) => neo4j.int(n);
    const values = [
      new neo4j.types.DateTime(i(2026), i(12), i(4), i(19), i(5), i(1), i(123456789), i(3600)),
      new neo4j.types.DateTime(i(2026), i(12), i(4), i(19), i(5), i(1), i(0), undefined, 'Europe/Paris'),
      new neo4j.types.LocalDateTime(i(2026), i(1), i(2), i(3), i(4), i(5), i(6)),
      new neo4j.types.Date(i(1999), i(12), i(31)),
      new neo4j.types.Time(i(1), i(2), i(3), i(4), i(-7200)),
      new neo4j.types.LocalTime(i(23), i(59), i(59), i(999999999)),
      new neo4j.types.Duration(i(14), i(3), i(86400), i(5)),
      new neo4j.types.Point(i(7203), 1.5, -2),
      new neo4j.types.Point(i(4979), 1, 2, 3.25),
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(value);
    expect(roundTrip([new neo4j.types.Date(i(2000), i(1), i(1))])).toEqual([new neo4j.types.Date(i(2000), i(1), i(1))]);
  });

  it('refuses a value it cannot read, saying the file is damaged', () => {
    expect(() => decodeValue({ $what: 1 })).toThrow('The graph snapshot holds a value tagged ["$what"] that cannot be read');
    expect(() => decodeValue({ $f32: 'AAA' })).toThrow('cannot be read');
  });
});
