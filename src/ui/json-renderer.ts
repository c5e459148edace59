// --json: one event object per line on stdout, exactly as the engine emitted it (already redacted).
import type { Writable } from 'node:stream';
import type { Renderer } from './renderer.js';

export function createJsonRenderer(stdout: Writable): Renderer {
  return {
    handle(event) {
      stdout.write(`${JSON.stringify(event)}\n`);
    },
    async close() {},
  };
}
