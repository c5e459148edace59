// File-system events → rounds: the paths that changed, gathered until the folders are quiet for a
// moment, so that one save is one round however the editor writes it (a temporary file renamed over
// the old one, truncate-and-write, a `git checkout` touching many files). Paths are absolute; which
// matter is the caller's `relevant` (a swap file or `file.sql~` is not). A round's paths may include
// files whose content did not change: the caller compares content.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface FileEventsOptions {
  /** Folders watched with their subfolders (each must exist). */
  roots: readonly string[];
  relevant(path: string): boolean;
  /** A round is given once no event came for this long (ms). */
  quietMs?: number;
  /** … or once its first event is this old, however busy the folders stay (ms). */
  maxWaitMs?: number;
}

export class FileEvents {
  private readonly watchers: FSWatcher[] = [];
  private pending = new Set<string>();
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private waiter: ((paths: string[]) => void) | undefined;
  private failure: Error | undefined;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: FileEventsOptions) {
    this.quietMs = options.quietMs ?? 60;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    for (const root of options.roots) {
      const w = watch(root, { recursive: true }, (_event, name) => {
        if (name !== null) this.seen(join(root, name.toString()));
      });
      w.on('error', (error) => {
        this.failure = error;
        this.flush();
      });
      this.watchers.push(w);
    }
  }

  private seen(path: string): void {
    if (!this.options.relevant(path)) return;
    const now = Date.now();
    if (this.pending.size === 0) this.firstAt = now;
    this.pending.add(path);
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    this.ready = this.pending.size > 0 || this.failure !== undefined;
    if (!this.ready || this.waiter === undefined) return;
    const resolve = this.waiter;
    this.waiter = undefined;
    resolve(this.take());
  }

  private take(): string[] {
    const paths = [...this.pending].sort();
    this.pending = new Set();
    this.ready = false;
    return paths;
  }

  /**
   * The next round's paths: at once when a round is waiting, else when the next one is complete.
   * Resolves with [] when `signal` aborts; rejects when the file-system watch fails.
   */
  next(signal: AbortSignal): Promise<string[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (signal.aborted) return Promise.resolve([]);
    if (this.ready) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = undefined;
        resolve([]);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = (paths) => {
        signal.removeEventListener('abort', onAbort);
        if (this.failure !== undefined) reject(this.failure);
        else resolve(paths);
      };
    });
  }

  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
  }
}
