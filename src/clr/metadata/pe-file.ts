// The PE/COFF wrapper of a .NET assembly (ECMA-335 II.25): sections, the CLI header (data
// directory 14), and the metadata root with its stream headers (II.24.2.1–2).
import { ByteReader, fail } from './byte-reader.js';

export interface Section {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawSize: number;
  rawPointer: number;
}

export interface MetadataStreams {
  /** The runtime version the metadata was built for, e.g. "v4.0.30319". */
  version: string;
  streams: Map<string, Uint8Array>;
}

function sectionOf(sections: Section[], rva: number): Section | undefined {
  return sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
}

/** File offset of an RVA, checked to lie inside the section's raw data for `size` bytes. */
function rvaToOffset(sections: Section[], rva: number, size: number, what: string, fileLength: number): number {
  const section = sectionOf(sections, rva);
  if (section === undefined) return fail(`the ${what} (RVA 0x${rva.toString(16)}) lies in no section`);
  const offset = rva - section.virtualAddress + section.rawPointer;
  if (rva - section.virtualAddress + size > section.rawSize || offset + size > fileLength) {
    return fail(`the ${what} (RVA 0x${rva.toString(16)}, ${size} bytes) runs past the end of its section`);
  }
  return offset;
}

export function readPeMetadata(bytes: Uint8Array): MetadataStreams {
  const r = new ByteReader(bytes, 'the file');
  if (bytes.length < 0x40 || bytes[0] !== 0x4d || bytes[1] !== 0x5a) fail('it does not start with "MZ" (not a PE file)');
  const peOffset = r.seek(0x3c).u32();
  r.seek(peOffset);
  if (r.u32() !== 0x00004550) fail('it has no "PE" signature (not a PE file)');
  r.skip(2); // Machine
  const sectionCount = r.u16();
  r.skip(12); // TimeDateStamp, PointerToSymbolTable, NumberOfSymbols
  const optionalSize = r.u16();
  r.skip(2); // Characteristics
  const optionalStart = r.pos;
  const magic = r.u16();
  if (magic !== 0x10b && magic !== 0x20b) fail(`its optional header has an unknown magic 0x${magic.toString(16)}`);
  const pe32Plus = magic === 0x20b;
  r.seek(optionalStart + (pe32Plus ? 108 : 92));
  const directoryCount = r.u32();
  if (directoryCount < 15) fail('it has no CLI header (not a .NET assembly)');
  r.seek(optionalStart + (pe32Plus ? 112 : 96) + 14 * 8);
  const cliRva = r.u32();
  const cliSize = r.u32();
  if (cliRva === 0 || cliSize === 0) fail('it has no CLI header (a native DLL, not a .NET assembly)');

  r.seek(optionalStart + optionalSize);
  const sections: Section[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const name = new TextDecoder('latin1').decode(r.slice(8)).replace(/\0+$/, '');
    const virtualSize = r.u32();
    const virtualAddress = r.u32();
    const rawSize = r.u32();
    const rawPointer = r.u32();
    r.skip(16);
    sections.push({ name, virtualAddress, virtualSize, rawSize, rawPointer });
  }

  const cli = new ByteReader(bytes, 'the CLI header', rvaToOffset(sections, cliRva, 16, 'CLI header', bytes.length));
  cli.skip(8); // cb, MajorRuntimeVersion, MinorRuntimeVersion
  const metadataRva = cli.u32();
  const metadataSize = cli.u32();
  const metadataOffset = rvaToOffset(sections, metadataRva, metadataSize, 'metadata', bytes.length);
  const metadata = bytes.subarray(metadataOffset, metadataOffset + metadataSize);

  const m = new ByteReader(metadata, 'the metadata root');
  if (m.u32() !== 0x424a5342) fail('its metadata root has no "BSJB" signature');
  m.skip(8); // MajorVersion, MinorVersion, Reserved
  const versionLength = m.u32();
  if (versionLength > 255) fail(`its metadata version string is ${versionLength} bytes long`);
  const version = new TextDecoder('utf-8').decode(m.slice(versionLength)).replace(/\0+$/, '');
  m.skip(2); // Flags
  const streamCount = m.u16();
  const streams = new Map<string, Uint8Array>();
  for (let i = 0; i < streamCount; i++) {
    const offset = m.u32();
    const size = m.u32();
    const name = m.zstring(32);
    // Names are padded to the next 4-byte boundary (counting the terminator).
    m.seek((m.pos + 3) & ~3);
    if (offset + size > metadata.length) fail(`its ${name} stream runs past the end of the metadata`);
    streams.set(name, metadata.subarray(offset, offset + size));
  }
  return { version, streams };
}
