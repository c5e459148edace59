// A text's UTF-16 code units in a reused typed array. The lexer and the reader read every character
// of a payload, some several times: indexing a typed array is a plain load, where charCodeAt checks
// the string's representation (flat, sliced, one- or two-byte) on every call.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One reusable buffer: the array `of` returns is valid until its next call. */
export class CodeUnits {
  private buffer = new ArrayBuffer(1 << 16);
  private bytes = Buffer.from(this.buffer);
  private units = new Uint16Array(this.buffer);

  /** The code units of `text`, followed by two zeros: reading one or two past the end sees 0 (no character any rule looks for). */
  of(text: string): Uint16Array {
    const need = 2 * (text.length + 2);
    if (need > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(need, 2 * this.buffer.byteLength));
      this.bytes = Buffer.from(this.buffer);
      this.units = new Uint16Array(this.buffer);
    }
    // Writing UTF-16LE is one native copy; on a big-endian machine the units are read one by one.
    if (LITTLE_ENDIAN) this.bytes.write(text, 0, 'utf16le');
    else for (let k = 0; k < text.length; k++) this.units[k] = text.charCodeAt(k);
    this.units[text.length] = 0;
    this.units[text.length + 1] = 0;
    return this.units;
  }
}
