// The metadata heaps (ECMA-335 II.24.2.3–5): #Strings (UTF-8, null-terminated), #Blob and #US
// (length-prefixed), #GUID (16-byte entries, 1-based).
import { ByteReader, fail } from './byte-reader.js';

const utf8 = new TextDecoder('utf-8');
const utf16 = new TextDecoder('utf-16le');

export class Heaps {
  private readonly stringCache = new Map<number, string>();

  constructor(
    private readonly strings: Uint8Array,
    private readonly blobs: Uint8Array,
    private readonly guids: Uint8Array,
    private readonly userStrings: Uint8Array,
  ) {}

  string(index: number): string {
    if (index === 0) return '';
    const cached = this.stringCache.get(index);
    if (cached !== undefined) return cached;
    if (index >= this.strings.length) fail(`a name points outside the #Strings heap (index ${index}, heap ${this.strings.length} bytes)`);
    const end = this.strings.indexOf(0, index);
    if (end < 0) fail(`the #Strings heap has an unterminated name at ${index}`);
    const value = utf8.decode(this.strings.subarray(index, end));
    this.stringCache.set(index, value);
    return value;
  }

  /** The bytes of blob `index` (without its length prefix). */
  blob(index: number): Uint8Array {
    if (index === 0) return new Uint8Array(0);
    const r = new ByteReader(this.blobs, 'the #Blob heap');
    r.seek(index);
    const length = r.compressedU32();
    return r.slice(length);
  }

  guid(index: number): string {
    if (index === 0) return '';
    const start = (index - 1) * 16;
    if (start + 16 > this.guids.length) fail(`a GUID index ${index} is outside the #GUID heap`);
    return Array.from(this.guids.subarray(start, start + 16), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** A string literal of the #US heap (UTF-16LE; the final byte flags non-ASCII content). */
  userString(index: number): string {
    const r = new ByteReader(this.userStrings, 'the #US heap');
    r.seek(index);
    const length = r.compressedU32();
    const bytes = r.slice(length);
    return utf16.decode(bytes.subarray(0, length - (length % 2)));
  }
}
