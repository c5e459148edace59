// What every renderer of the event stream is: it takes events as they come and flushes at the end.
import type { HartEvent } from '../engine/events.js';

export interface Renderer {
  handle(event: HartEvent): void;
  /** The first Ctrl-C: say that the run is stopping and that a second Ctrl-C forces. */
  stopping(): void;
  /** Called once after the last event: finish drawing, release the terminal. */
  close(): Promise<void>;
}

export const STOPPING = 'Stopping… (press Ctrl-C again to force)';
