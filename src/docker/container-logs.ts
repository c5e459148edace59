// A container's output: the last N lines (status lines during readiness, failure details) and a
// follow mode for `hart-dev logs -f`.
import type Dockerode from 'dockerode';
import type { Writable } from 'node:stream';

/**
 * Docker multiplexes stdout and stderr of a container without a TTY into frames:
 * 8-byte header (stream type, 3 zero bytes, big-endian length) then the payload.
 */
export function demuxFrames(buffer: Buffer): string {
  const looksFramed = buffer.length >= 8 && [0, 1, 2].includes(buffer.readUInt8(0)) && buffer.readUInt8(1) === 0 && buffer.readUInt16BE(2) === 0;
  if (!looksFramed) return buffer.toString('utf8');
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}

export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}

/** The last `lines` lines of the container's output (stdout and stderr interleaved). */
export async function logTail(container: Dockerode.Container, lines: number): Promise<string[]> {
  try {
    const output: unknown = await container.logs({ stdout: true, stderr: true, tail: lines, follow: false });
    const buffer = Buffer.isBuffer(output) ? output : Buffer.from(typeof output === 'string' ? output : '');
    return splitLines(demuxFrames(buffer)).slice(-lines);
  } catch {
    // A container removed in the meantime has no logs; the caller's message says what happened.
    return [];
  }
}

export interface FollowOptions {
  /** Lines from the end; undefined = all. */
  tail: number | undefined;
  follow: boolean;
  /** Every line passes through here before it is written (the redactor). */
  transform: (line: string) => string;
  signal?: AbortSignal;
}

/** Writes the container's output to the two streams, line by line, until it ends or the signal fires. */
export async function streamLogs(container: Dockerode.Container, stdout: Writable, stderr: Writable, options: FollowOptions): Promise<void> {
  const lineWriter = (target: Writable): { write(chunk: Buffer): void; end(): void } => {
    let pending = '';
    return {
      write(chunk) {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) target.write(`${options.transform(line.replace(/\r$/, ''))}\n`);
      },
      end() {
        if (pending !== '') target.write(`${options.transform(pending)}\n`);
        pending = '';
      },
    };
  };
  const out = lineWriter(stdout);
  const err = lineWriter(stderr);
  if (!options.follow) {
    const raw: unknown = await container.logs({ stdout: true, stderr: true, follow: false, ...(options.tail === undefined ? {} : { tail: options.tail }) });
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '');
    demuxInto(buffer, out, err);
    out.end();
    err.end();
    return;
  }
  const stream = await container.logs({ stdout: true, stderr: true, follow: true, ...(options.tail === undefined ? {} : { tail: options.tail }) });
  await new Promise<void>((resolve, reject) => {
    let buffered: Buffer = Buffer.alloc(0);
    const onAbort = (): void => {
      stream.removeAllListeners('data');
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      resolve();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      buffered = demuxInto(buffered, out, err);
    });
    stream.on('end', () => {
      out.end();
      err.end();
      options.signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    stream.on('error', reject);
  });
}

/** Writes every complete frame; returns what is left of an incomplete one. */
function demuxInto(buffer: Buffer, out: { write(chunk: Buffer): void }, err: { write(chunk: Buffer): void }): Buffer {
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer.readUInt8(offset);
    if (type > 2 || buffer.readUInt8(offset + 1) !== 0) {
      // Not framed (a TTY container): everything is stdout.
      out.write(buffer.subarray(offset));
      return Buffer.alloc(0);
    }
    const length = buffer.readUInt32BE(offset + 4);
    if (offset + 8 + length > buffer.length) break;
    const payload = buffer.subarray(offset + 8, offset + 8 + length);
    (type === 2 ? err : out).write(payload);
    offset += 8 + length;
  }
  return buffer.subarray(offset);
}
