// The live Ink app. Loaded with a dynamic import only when the run is interactive, so plain, JSON,
// --help and --version never pay for React and Ink.
import type { Writable } from 'node:stream';
import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { HartEvent } from '../../engine/events.js';
import type { Renderer } from '../renderer.js';
import { initialRunState, reduceRun, type RunState } from '../run-state.js';
import { terminalColumns } from '../wrap.js';
import { RunView } from './run-view.js';

interface Store {
  get(): RunState;
  /** The terminal's columns now (it may have been resized). */
  columns(): number;
  isStopping(): boolean;
  subscribe(listener: () => void): () => void;
}

function LiveRun({ store }: { store: Store }) {
  const [state, setState] = useState(store.get());
  const [stopping, setStopping] = useState(store.isStopping());
  const [now, setNow] = useState(() => performance.now());
  useEffect(
    () =>
      store.subscribe(() => {
        setState(store.get());
        setStopping(store.isStopping());
      }),
    [store],
  );
  useEffect(() => {
    // Spinner and elapsed times move even when no event arrives.
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <RunView state={state} now={Math.max(now, performance.now())} stopping={stopping} columns={store.columns()} />;
}

export function createInkRenderer(stderr: Writable, command = ''): Renderer {
  let state = initialRunState(command);
  let isStopping = false;
  const listeners = new Set<() => void>();
  const store: Store = {
    get: () => state,
    columns: () => terminalColumns(stderr),
    isStopping: () => isStopping,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  // Progress goes to stderr; Ctrl-C stays a signal for the command (main.ts), not Ink's to handle.
  const instance = render(<LiveRun store={store} />, { stdout: stderr, exitOnCtrlC: false, patchConsole: false });
  return {
    handle(event: HartEvent) {
      state = reduceRun(state, event, performance.now());
      for (const listener of listeners) listener();
    },
    stopping() {
      isStopping = true;
      for (const listener of listeners) listener();
    },
    async close() {
      // Let React commit the last state, then unmount: Ink prints the final frame and releases the terminal.
      await new Promise((resolve) => setTimeout(resolve, 50));
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
