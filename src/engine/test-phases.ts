// Test-only phases, enabled by HART_TEST_PHASES (e.g. HART_TEST_PHASES=slow). They let the
// real-terminal test watch live rows, progress and Ctrl-C without Docker images. Not for users:
// the variable is deliberately missing from .env.example and VARIABLES.
import { HartError, throwIfAborted } from './errors.js';
import { done, type Phase } from './phase.js';

export const TEST_PHASES_VARIABLE = 'HART_TEST_PHASES';

/** Waits `ms`, or rejects as soon as the signal fires (so an abort stops the phase at once). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** 'slow': 60 steps of 500 ms with progress and status. 'fail': fails after a moment with a hint and a location. */
function testPhase(kind: string, needs: readonly string[]): Phase<unknown> {
  if (kind === 'slow') {
    return {
      id: 'test-slow',
      title: 'Slow test phase',
      needs,
      async run(_ctx, { signal, report }) {
        const total = 60;
        for (let step = 1; step <= total; step++) {
          await sleep(500, signal);
          throwIfAborted(signal);
          report.progress({ done: step, total, unit: 'steps' });
          report.status(`Step ${step} of ${total} finished`);
        }
        return done();
      },
    };
  }
  if (kind === 'fail') {
    return {
      id: 'test-fail',
      title: 'Failing test phase',
      needs,
      async run(_ctx, { signal, report }) {
        report.log('test: about to fail');
        await sleep(300, signal);
        throw new HartError('The failing test phase fails on purpose', {
          hint: 'Unset HART_TEST_PHASES.',
          location: { file: 'sql/test.sql', line: 3 },
        });
      },
    };
  }
  throw new HartError(`${TEST_PHASES_VARIABLE}="${kind}" names no test phase`, {
    hint: `${TEST_PHASES_VARIABLE} is for the test suite only: use "slow" and/or "fail", or unset it.`,
    exitCode: 2,
    code: 'usage',
  });
}

/** The test phases named in HART_TEST_PHASES (comma-separated), each needing `needs`. */
export function testPhasesFromEnv(env: NodeJS.ProcessEnv, needs: readonly string[]): Phase<unknown>[] {
  const value = env[TEST_PHASES_VARIABLE];
  if (value === undefined || value.trim() === '') return [];
  return value
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '')
    .map((kind) => testPhase(kind, needs));
}
