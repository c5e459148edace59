// The live `watch` view on a terminal (stderr), kept until the watch ends. Loaded only when interactive.
import type { Writable } from 'node:stream';
import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { WatchEvent } from '../../engine/watch-events.js';
import { initialWatchState, reduceWatch, type WatchViewState } from '../watch-state.js';
import { WatchView } from './watch-view.js';

interface Store {
  get(): WatchViewState;
  subscribe(listener: () => void): () => void;
}

function LiveWatch({ store }: { store: Store }) {
  const [state, setState] = useState(store.get());
  useEffect(() => store.subscribe(() => setState(store.get())), [store]);
  return <WatchView state={state} />;
}

export interface WatchRenderer {
  handle(event: WatchEvent): void;
  close(): Promise<void>;
}

export function createWatchRenderer(stderr: Writable): WatchRenderer {
  let state = initialWatchState();
  const listeners = new Set<() => void>();
  const store: Store = {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const instance = render(<LiveWatch store={store} />, { stdout: stderr, exitOnCtrlC: false, patchConsole: false });
  return {
    handle(event) {
      state = reduceWatch(state, event);
      for (const listener of listeners) listener();
    },
    async close() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
