// The worker of parallel.ts: loads and analyses the scripts it claims, answers with their
// summaries, keeps the scripts (and so their analyses) a check will ask about, and runs the
// per-script checks of those against the catalog it is sent. One message at a time, in order.
import { parentPort } from 'node:worker_threads';
import { emptySummary } from './summary.js';
import { Catalog } from './catalog.js';
import { checkScript } from './check.js';
import { claimJob, type Loaded, PROGRESS_EVERY, type WorkerProgress, type WorkerReply, type WorkerRequest, summarize } from './parallel.js';
import { analysisOf, loadScript } from './payload.js';
import type { Script } from './types.js';

const port = parentPort;
const kept = new Map<number, Script>();
let nextId = 0;

function keptScript(id: number): Script {
  const script = kept.get(id);
  if (script === undefined) throw new Error(`no script ${id} in the analysis worker`);
  return script;
}

function answer(request: WorkerRequest): WorkerReply {
  switch (request.type) {
    case 'load': {
      const loaded: Loaded[] = [];
      for (let index = claimJob(request.next); index < request.jobs.length; index = claimJob(request.next)) {
        const { script, diagnostics } = loadScript(request.jobs[index] as (typeof request.jobs)[number], request.variables);
        const summary = summarize(analysisOf(script, { orderOnly: request.orderOnly }));
        // For the order only, nothing will be asked later.
        const id = request.orderOnly ? -1 : nextId++;
        if (id >= 0) kept.set(id, script);
        loaded.push({ index, id, script, diagnostics, summary });
        if (loaded.length === PROGRESS_EVERY) port?.postMessage({ type: 'progress', loaded: loaded.splice(0) } satisfies WorkerProgress);
      }
      return { type: 'loaded', loaded };
    }
    case 'check': {
      const catalog = new Catalog(
        request.catalog.map((e) => {
          if ('id' in e) {
            const script = keptScript(e.id);
            return { path: script.path, analysis: analysisOf(script) };
          }
          return { path: e.path, analysis: { ...emptySummary(), definitions: e.definitions, renamedColumns: e.renamedColumns } };
        }),
      );
      return { type: 'checked', diagnostics: request.scripts.map(({ id, phase }) => checkScript(keptScript(id), phase, analysisOf(keptScript(id)), catalog)) };
    }
    case 'release':
      for (const id of request.ids) kept.delete(id);
      return { type: 'released' };
  }
}

port?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
