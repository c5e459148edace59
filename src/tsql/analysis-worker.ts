// The worker of parallel.ts: loads and analyses the scripts it is given, answers with their
// summaries, and later runs the per-script checks of those scripts against the catalog it is sent.
import { parentPort } from 'node:worker_threads';
import { emptyAnalysis } from './analyze.js';
import { Catalog } from './catalog.js';
import { checkScript } from './check.js';
import { type WorkerReply, type WorkerRequest, summarize } from './parallel.js';
import { analysisOf, loadScript } from './payload.js';
import type { Script } from './types.js';

const port = parentPort;
let scripts: Script[] = [];

function answer(request: WorkerRequest): WorkerReply {
  if (request.type === 'load') {
    const orderOnly = request.orderOnly;
    scripts = [];
    const loaded = request.jobs.map((job) => {
      const { script, diagnostics } = loadScript(job, request.variables);
      scripts.push(script);
      return { script, diagnostics, summary: summarize(analysisOf(script, { orderOnly })) };
    });
    return { type: 'loaded', loaded };
  }
  const catalog = new Catalog(
    request.catalog.map((e) => {
      if ('id' in e) {
        const script = scripts[e.id] as Script;
        return { path: script.path, analysis: analysisOf(script) };
      }
      return { path: e.path, analysis: { ...emptyAnalysis(), definitions: e.definitions, renamedColumns: e.renamedColumns } };
    }),
  );
  return { type: 'checked', diagnostics: request.scripts.map(({ id, phase }) => checkScript(scripts[id] as Script, phase, analysisOf(scripts[id] as Script), catalog)) };
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
