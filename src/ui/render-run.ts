// The one facade commands use to show a run: pick the renderer once (NDJSON, Ink or plain lines),
// redact every event, and turn an error thrown before or around the run (bad configuration, …)
// into the same 'run-finished' event with its exit code. `up`, `reset` and `seed` all go through it:
//
//   return renderRun(io, { command: 'up', json, interactive }, async (session) => {
//     session.addSecrets(config.secrets);          // unless --show-secrets
//     const result = await runPhases({ ..., emit: session.emit });
//     return result.exitCode;
//   });
import type { Writable } from 'node:stream';
import { HartError, toErrorInfo } from '../engine/errors.js';
import type { EventSink, HartEvent } from '../engine/events.js';
import { createRedactor, type Redactor } from '../engine/redact.js';
import { redactEvent } from '../engine/runner.js';
import type { Renderer } from './renderer.js';

export interface RenderIo {
  stdout: Writable;
  stderr: Writable;
  /** The command's signal (first Ctrl-C): the renderer says the run is stopping. */
  signal?: AbortSignal;
}

export interface RenderRunOptions {
  /** Shown in the final line ("up finished in 3.1s") when the run fails before it starts. */
  command: string;
  json: boolean;
  /** Decided once by the command (isInteractive); ignored with json. */
  interactive: boolean;
}

export interface RunSession {
  /** Every event goes through here: redacted, then rendered. */
  emit: EventSink;
  /** Values masked from now on in every event (passwords of this run). Skip it for --show-secrets. */
  addSecrets(values: readonly string[]): void;
}

export type RendererKind = 'json' | 'ink' | 'plain';

export function rendererKind(options: Pick<RenderRunOptions, 'json' | 'interactive'>): RendererKind {
  if (options.json) return 'json';
  return options.interactive ? 'ink' : 'plain';
}

async function createRenderer(kind: RendererKind, io: RenderIo, command: string): Promise<Renderer> {
  switch (kind) {
    case 'json':
      return (await import('./json-renderer.js')).createJsonRenderer(io.stdout, io.stderr);
    case 'ink':
      return (await import('./ink/ink-renderer.js')).createInkRenderer(io.stderr, command);
    case 'plain':
      return (await import('./plain-renderer.js')).createPlainRenderer(io.stderr, { command });
  }
}

export async function renderRun(
  io: RenderIo,
  options: RenderRunOptions,
  body: (session: RunSession) => Promise<number>,
  renderer?: Renderer,
): Promise<number> {
  const active = renderer ?? (await createRenderer(rendererKind(options), io, options.command));
  const secrets: string[] = [];
  let redact: Redactor = createRedactor(secrets);
  let sawRunFinished = false;
  const start = performance.now();
  const session: RunSession = {
    emit(event: HartEvent) {
      if (event.type === 'run-finished') sawRunFinished = true;
      active.handle(redactEvent(event, redact));
    },
    addSecrets(values) {
      secrets.push(...values);
      redact = createRedactor(secrets);
    },
  };
  const onAbort = (): void => active.stopping();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  let exitCode: number;
  try {
    exitCode = await body(session);
  } catch (error) {
    exitCode = error instanceof HartError ? error.exitCode : 1;
    const status = exitCode === 130 ? 'interrupted' : 'failed';
    if (!sawRunFinished) {
      session.emit({ type: 'run-finished', status, durationMs: Math.round(performance.now() - start), exitCode, error: toErrorInfo(error) });
    }
    if (!(error instanceof HartError) && error instanceof Error && error.stack !== undefined) {
      // An unexpected error is a bug: keep its stack for the report (still redacted).
      io.stderr.write(`${redact(error.stack)}\n`);
    }
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await active.close();
  }
  return exitCode;
}
