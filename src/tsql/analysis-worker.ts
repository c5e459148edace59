// The worker of parallel.ts: loads, parses and summarises the scripts it claims and answers with their
// summaries (and for a check their schema skeletons); keeps those scripts, with their syntax trees,
// until the check of them runs here against the catalog and schema it is sent. One message at a
// time, in order.
import { parentPort } from 'node:worker_threads';
import { schemaSkeleton } from './binder/skeleton.js';
import { Catalog } from './catalog.js';
import { checkScript } from './check.js';
import { parseScript, scriptFrontEnd } from './front-end.js';
import { claimJob, type CheckRequest, type CheckedScript, type Loaded, PROGRESS_EVERY, type WorkerProgress, type WorkerReply, type WorkerRequest, summarize } from './parallel.js';
import { parsedBatches } from './parsed.js';
import { analysisOf, loadScript } from './payload.js';
import { emptySummary } from './summary.js';
import type { Script } from './types.js';

const port = parentPort;
const kept = new Map<number, Script>();
let nextId = 0;

function keptScript(id: number): Script {
  const script = kept.get(id);
  if (script === undefined) throw new Error(`no script ${id} in the analysis worker`);
  return script;
}

function load(request: Extract<WorkerRequest, { type: 'load' }>): WorkerReply {
  const loaded: Loaded[] = [];
  for (let index = claimJob(request.next); index < request.jobs.length; index = claimJob(request.next)) {
    const { script, diagnostics } = loadScript(request.jobs[index] as (typeof request.jobs)[number], request.variables);
    const summary = summarize(analysisOf(script, { orderOnly: request.orderOnly }));
    if (request.orderOnly) loaded.push({ index, id: -1, script, diagnostics, summary });
    else {
      // The trees analysisOf kept (parsed.ts) stay here for the check; their skeleton goes back.
      const id = nextId++;
      kept.set(id, script);
      loaded.push({ index, id, script, diagnostics, summary, skeleton: parsedBatches(script, true).map(schemaSkeleton) });
    }
    if (loaded.length === PROGRESS_EVERY) port?.postMessage({ type: 'progress', loaded: loaded.splice(0) } satisfies WorkerProgress);
  }
  return { type: 'loaded', loaded };
}

function check(request: CheckRequest): WorkerReply {
  const catalog = new Catalog(
    request.catalog.map((e) => {
      if ('id' in e) {
        const script = keptScript(e.id);
        return { path: script.path, analysis: analysisOf(script) };
      }
      return { path: e.path, analysis: { ...emptySummary(), definitions: e.definitions, renamedColumns: e.renamedColumns } };
    }),
  );
  const scripts: CheckedScript[] = request.scripts.map(({ id, phase }) => {
    const script = keptScript(id);
    return { checks: checkScript(script, phase, analysisOf(script), catalog), frontEnd: scriptFrontEnd(parseScript(script), request.schema, request.caseSensitive) };
  });
  return { type: 'checked', scripts };
}

function answer(request: WorkerRequest): WorkerReply {
  switch (request.type) {
    case 'load':
      return load(request);
    case 'check':
      return check(request);
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
