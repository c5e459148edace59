// The one definition of a script's hash, used by the journal to decide whether an anytime script
// changed: SHA-256 (lower-case hex) of the text after CRLF and lone CR are normalised to LF, so the
// same script checked out on Windows (core.autocrlf) and on Linux has the same hash. Nothing else is
// normalised: a changed comment, trailing space or encoding-independent character changes the hash.
import { createHash } from 'node:crypto';

export function normaliseLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export function scriptHash(text: string): string {
  return createHash('sha256').update(normaliseLineEndings(text), 'utf8').digest('hex');
}
