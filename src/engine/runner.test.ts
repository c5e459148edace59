import { describe, expect, it } from 'vitest';
import { HartError, throwIfAborted } from './errors.js';
import type { HartEvent } from './events.js';
import { done, skipped, type Phase } from './phase.js';
import { createRedactor } from './redact.js';
import { runPhases } from './runner.js';
import { selectPhases } from './select.js';

/** A promise the test resolves by hand, to control exactly when a phase finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function phase(id: string, needs: string[], run: Phase<unknown>['run'] = async () => done()): Phase<unknown> {
  return { id, title: `Title of ${id}`, needs, run };
}

async function run(phases: Phase<unknown>[], signal = new AbortController().signal, summary?: () => { label: string; value: string }[]) {
  const events: HartEvent[] = [];
  const result = await runPhases({ command: 'test', phases, ctx: undefined, signal, emit: (e) => events.push(e), ...(summary === undefined ? {} : { summary }) });
  const finished = Object.fromEntries(
    events.flatMap((e) => (e.type === 'phase-finished' ? [[e.id, e.message === undefined ? e.status : `${e.status}: ${e.message}`]] : [])),
  );
  return { result, events, finished };
}

describe('runPhases', () => {
  it('runs independent phases in parallel and a phase only after its needs', async () => {
    const order: string[] = [];
    const a = gate();
    const b = gate();
    const phases = [
      phase('a', [], async () => {
        order.push('a started');
        await a.promise;
        order.push('a finished');
      }),
      phase('b', [], async () => {
        order.push('b started');
        await b.promise;
        order.push('b finished');
      }),
      phase('c', ['a', 'b'], async () => {
        order.push('c started');
      }),
    ];
    const running = run(phases);
    await new Promise((r) => setTimeout(r, 10));
    // Both a and b started before either finished: they run side by side; c waits for both.
    expect(order).toEqual(['a started', 'b started']);
    b.open();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a started', 'b started', 'b finished']);
    a.open();
    const { result, finished } = await running;
    expect(order).toEqual(['a started', 'b started', 'b finished', 'a finished', 'c started']);
    expect(result.exitCode).toBe(0);
    expect(finished).toEqual({ a: 'done', b: 'done', c: 'done' });
  });

  it('reports skipped phases with their reason and still runs their dependants', async () => {
    const { finished, result } = await run([phase('a', [], async () => skipped('unchanged since last run')), phase('b', ['a'])]);
    expect(finished).toEqual({ a: 'skipped: unchanged since last run', b: 'done' });
    expect(result.status).toBe('success');
  });

  it('stops the dependants of a failed phase and lets independent ones finish; exit code 1', async () => {
    const { finished, result, events } = await run([
      phase('a', [], async () => {
        throw new HartError('Migration failed', { hint: 'Fix the script', location: { file: 'sql/m.sql', line: 7 } });
      }),
      phase('b', ['a']),
      phase('c', ['b']),
      phase('d', []),
    ]);
    expect(finished).toEqual({ a: 'failed', b: 'cancelled: needs a, which did not finish', c: 'cancelled: needs b, which did not finish', d: 'done' });
    expect(result.exitCode).toBe(1);
    expect(result.error).toEqual({ message: 'Migration failed', hint: 'Fix the script', location: { file: 'sql/m.sql', line: 7 }, code: 'error' });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'failed', exitCode: 1 });
  });

  it('on abort: in-flight phases stop, nothing unfinished is reported done, exit code 130', async () => {
    const controller = new AbortController();
    const started = gate();
    const phases = [
      phase('quick', []),
      phase('long', ['quick'], async (_ctx, { signal }) => {
        started.open();
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      }),
      phase('ignores-abort', ['quick'], async (_ctx, { signal }) => {
        await started.promise;
        await new Promise((r) => setTimeout(r, 20));
        // Returns normally although the signal fired: it did not finish its work.
        return signal.aborted ? undefined : done();
      }),
      phase('later', ['long']),
    ];
    const running = run(phases, controller.signal);
    await started.promise;
    controller.abort();
    const { result, finished, events } = await running;
    expect(finished).toEqual({ quick: 'done', long: 'cancelled: interrupted', 'ignores-abort': 'cancelled: interrupted', later: 'cancelled: interrupted' });
    expect(result.exitCode).toBe(130);
    expect(result.status).toBe('interrupted');
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'interrupted', exitCode: 130 });
  });

  it('throwIfAborted turns an abort into cancelled, not failed', async () => {
    const controller = new AbortController();
    controller.abort();
    const { finished, result } = await run([phase('a', [], async (_c, { signal }) => throwIfAborted(signal))], controller.signal);
    expect(finished).toEqual({ a: 'cancelled: interrupted' });
    expect(result.exitCode).toBe(130);
  });

  it('emits the summary before run-finished, only on success', async () => {
    const summary = () => [{ label: 'SQL Server', value: '127.0.0.1:1433' }];
    const ok = await run([phase('a', [])], undefined, summary);
    expect(ok.events.slice(-2).map((e) => e.type)).toEqual(['summary', 'run-finished']);
    const failed = await run([phase('a', [], async () => Promise.reject(new Error('boom')))], undefined, summary);
    expect(failed.events.some((e) => e.type === 'summary')).toBe(false);
    expect(failed.result.error).toEqual({ message: 'boom', code: 'unexpected' });
  });

  it('passes every event through the redactor', async () => {
    const secret = 'Sup3r.Secret.Value';
    const events: HartEvent[] = [];
    await runPhases({
      command: 'test',
      ctx: undefined,
      signal: new AbortController().signal,
      redact: createRedactor([secret]),
      emit: (e) => events.push(e),
      phases: [
        phase('a', [], async (_c, { report }) => {
          report.log(`login with ${secret}`);
          report.status(`using ${secret}`);
          throw new HartError(`bad ${secret}`, { hint: `try ${secret}`, details: [secret] });
        }),
      ],
    });
    const text = JSON.stringify(events);
    expect(text).not.toContain(secret);
    expect(text).toContain('login with ********');
  });
});

describe('selectPhases', () => {
  const plan = [
    { id: 'preflight', needs: [] },
    { id: 'sqlserver', needs: ['preflight'] },
    { id: 'neo4j', needs: ['preflight'] },
    { id: 'clr-build', needs: ['preflight'] },
    { id: 'database', needs: ['sqlserver'] },
    { id: 'migration', needs: ['database', 'clr-build'] },
    { id: 'neo4j-schema', needs: ['neo4j'] },
  ];
  const ids = (selection: Parameters<typeof selectPhases>[1]) => selectPhases(plan, selection).map((p) => p.id);

  it('--only pulls in what the named phases need, transitively', () => {
    expect(ids({ only: ['database'] })).toEqual(['preflight', 'sqlserver', 'database']);
    expect(ids({ only: ['migration'] })).toEqual(['preflight', 'sqlserver', 'clr-build', 'database', 'migration']);
    expect(ids({ only: ['neo4j-schema'] })).toEqual(['preflight', 'neo4j', 'neo4j-schema']);
  });

  it('--skip removes phases; --only and --skip combine', () => {
    expect(ids({ skip: ['clr-build', 'neo4j', 'neo4j-schema'] })).toEqual(['preflight', 'sqlserver', 'database', 'migration']);
    expect(ids({ only: ['database'], skip: ['preflight'] })).toEqual(['sqlserver', 'database']);
  });

  it('a skipped phase hands its needs on to its dependants, transitively', () => {
    const needs = (selection: Parameters<typeof selectPhases>[1]) => Object.fromEntries(selectPhases(plan, selection).map((p) => [p.id, p.needs.join(',')]));
    expect(needs({ skip: ['sqlserver', 'neo4j'] })).toEqual({ preflight: '', 'clr-build': 'preflight', database: 'preflight', migration: 'database,clr-build', 'neo4j-schema': 'preflight' });
    expect(needs({ only: ['migration'], skip: ['sqlserver', 'database'] })).toEqual({ preflight: '', 'clr-build': 'preflight', migration: 'preflight,clr-build' });
    // Skipping preflight itself is the user's explicit choice: nothing is left to wait for.
    expect(needs({ only: ['database'], skip: ['preflight', 'sqlserver'] })).toEqual({ database: '' });
  });

  it('an alias stands for the phases it names: --skip containers leaves out both service phases', () => {
    const aliases = { containers: ['sqlserver', 'neo4j'] };
    expect(selectPhases(plan, { skip: ['containers'] }, aliases).map((p) => p.id)).toEqual(['preflight', 'clr-build', 'database', 'migration', 'neo4j-schema']);
    expect(selectPhases(plan, { only: ['containers'] }, aliases).map((p) => p.id)).toEqual(['preflight', 'sqlserver', 'neo4j']);
    // Of a plan that has only some of the aliased phases, those.
    expect(selectPhases(plan.filter((p) => p.id !== 'sqlserver'), { only: ['containers'] }, aliases).map((p) => p.id)).toEqual(['preflight', 'neo4j']);
    expect(() => selectPhases(plan.filter((p) => p.id !== 'sqlserver' && p.id !== 'neo4j'), { only: ['containers'] }, aliases)).toThrow('Unknown phase "containers"');
  });

  it('with the service phases skipped and a failing preflight, no later phase runs', async () => {
    const ran: string[] = [];
    const track = (id: string): Phase<unknown>['run'] => async () => {
      ran.push(id);
      if (id === 'preflight') throw new Error('Docker is not reachable');
      return done();
    };
    const full = plan.map((p) => phase(p.id, [...p.needs], track(p.id)));
    const { finished } = await run(selectPhases(full, { only: ['neo4j-schema'], skip: ['neo4j'] }));
    expect(ran).toEqual(['preflight']);
    expect(finished).toEqual({ preflight: 'failed', 'neo4j-schema': 'cancelled: needs preflight, which did not finish' });
  });

  it('rejects an unknown phase id with the closest known one and the list of all (usage error, exit 2)', () => {
    expect(() => ids({ only: ['databse'] })).toThrow('Unknown phase "databse" (did you mean "database"?)');
    expect(() => ids({ only: ['containers'] })).toThrow(/^Unknown phase "containers"$/);
    const error = (() => {
      try {
        ids({ skip: ['nope'] });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ exitCode: 2, hint: 'Phases of this command: preflight, sqlserver, neo4j, clr-build, database, migration, neo4j-schema' });
  });
});
