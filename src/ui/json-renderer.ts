// --json: one event object per line on stdout, exactly as the engine emitted it (already redacted).
import type { Writable } from 'node:stream';
import { STOPPING, type Renderer } from './renderer.js';

export function createJsonRenderer(stdout: Writable, stderr: Writable): Renderer {
  return {
    handle(event) {
      stdout.write(`${JSON.stringify(event)}\n`);
    },
    stopping() {
      stderr.write(`${STOPPING}\n`);
    },
    async close() {},
  };
}
