// Bounds-checked little-endian reads over a Uint8Array. Every read of untrusted DLL bytes goes
// through here, so a truncated or mutated file ends in a MetadataFormatError instead of garbage or
// a RangeError deep inside the reader.

/** Internal: the bytes are not what ECMA-335 says. readAssembly turns it into a HartError. */
export class MetadataFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataFormatError';
  }
}

export function fail(message: string): never {
  throw new MetadataFormatError(message);
}

export class ByteReader {
  private readonly view: DataView;
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    /** What is being read, for error messages ("the #Blob heap"). */
    readonly what: string,
    start = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  need(count: number): void {
    if (count < 0 || this.pos < 0 || this.pos + count > this.bytes.length) {
      fail(`${this.what} ends early (needs ${count} byte(s) at offset ${this.pos}, has ${Math.max(0, this.bytes.length - this.pos)})`);
    }
  }

  seek(pos: number): this {
    if (pos < 0 || pos > this.bytes.length) fail(`${this.what} has an offset ${pos} outside its ${this.bytes.length} bytes`);
    this.pos = pos;
    return this;
  }

  skip(count: number): void {
    this.need(count);
    this.pos += count;
  }

  u8(): number {
    this.need(1);
    return this.view.getUint8(this.pos++);
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i8(): number {
    this.need(1);
    return this.view.getInt8(this.pos++);
  }

  i16(): number {
    this.need(2);
    const v = this.view.getInt16(this.pos, true);
    this.pos += 2;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** 2- or 4-byte index, as the metadata tables size them. */
  index(size: 2 | 4): number {
    return size === 2 ? this.u16() : this.u32();
  }

  slice(count: number): Uint8Array {
    this.need(count);
    const out = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  /** ECMA-335 II.23.2 compressed unsigned integer (1, 2 or 4 bytes). */
  compressedU32(): number {
    const b0 = this.u8();
    if ((b0 & 0x80) === 0) return b0;
    if ((b0 & 0xc0) === 0x80) return ((b0 & 0x3f) << 8) | this.u8();
    if ((b0 & 0xe0) === 0xc0) {
      const b1 = this.u8();
      const b2 = this.u8();
      const b3 = this.u8();
      return ((b0 & 0x1f) * 0x1000000) + (b1 << 16) + (b2 << 8) + b3;
    }
    return fail(`${this.what} has an invalid compressed integer (first byte 0x${b0.toString(16)}) at offset ${this.pos - 1}`);
  }

  /** Null-terminated ASCII/UTF-8 string of at most `max` bytes. */
  zstring(max: number): string {
    const start = this.pos;
    const end = Math.min(this.bytes.length, start + max);
    for (let i = start; i < end; i++) {
      if (this.bytes[i] === 0) {
        this.pos = i + 1;
        return new TextDecoder('utf-8').decode(this.bytes.subarray(start, i));
      }
    }
    return fail(`${this.what} has an unterminated name at offset ${start}`);
  }
}
