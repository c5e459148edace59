// The worker of parallel.ts: loads and summarises (for the deploy order) the scripts it claims and
// answers with their summaries. One message at a time, in order.
import { parentPort } from 'node:worker_threads';
import { claimJob, type Loaded, PROGRESS_EVERY, type WorkerProgress, type WorkerReply, type WorkerRequest, summarize } from './parallel.js';
import { analysisOf, loadScript } from './payload.js';

const port = parentPort;

function answer(request: WorkerRequest): WorkerReply {
  const loaded: Loaded[] = [];
  for (let index = claimJob(request.next); index < request.jobs.length; index = claimJob(request.next)) {
    const { script, diagnostics } = loadScript(request.jobs[index] as (typeof request.jobs)[number], request.variables);
    loaded.push({ index, script, diagnostics, summary: summarize(analysisOf(script, { orderOnly: true })) });
    if (loaded.length === PROGRESS_EVERY) port?.postMessage({ type: 'progress', loaded: loaded.splice(0) } satisfies WorkerProgress);
  }
  return { type: 'loaded', loaded };
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
