// One yes/no question on the given streams (no UI framework needed): used for the EULA consent and
// the confirmation of `down --volumes`. Only asked when the caller decided asking is allowed.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface AskStreams {
  input: Readable;
  output: Writable;
}

/** Resolves true for y/yes (any case), false for anything else, for an empty answer or end of input. */
export function askYesNo(question: string, streams: AskStreams, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: false });
    let settled = false;
    const finish = (answer: boolean): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      resolve(answer);
    };
    const onAbort = (): void => finish(false);
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.once('line', (line) => finish(/^\s*y(es)?\s*$/i.test(line)));
    rl.once('close', () => finish(false));
    streams.output.write(`${question} [y/N] `);
  });
}
