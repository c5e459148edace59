// Images: a present image is never pulled; a missing one is pulled with progress in bytes summed
// over its layers; a pull that cannot reach the registry says so and how to load the image by hand.
import type Dockerode from 'dockerode';
import { HartError, InterruptedError } from '../engine/errors.js';
import type { Progress } from '../engine/phase.js';

export interface PullReporter {
  progress(progress: Progress): void;
  status(message: string): void;
}

function statusCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

export async function imagePresent(docker: Dockerode, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (statusCode(error) === 404) return false;
    throw error;
  }
}

/** How to get an image onto a machine whose engine cannot reach the registry. */
export function loadByHandHint(image: string, platform: string | undefined): string {
  const file = `${image.replace(/^.*\//, '').replace(/[:@]/g, '-')}.tar`;
  const platformFlag = platform === undefined ? '' : ` --platform ${platform}`;
  return (
    `Check the network or proxy settings of the Docker engine, or load the image by hand: on a machine with internet access run ` +
    `'docker pull${platformFlag} ${image}' and 'docker save -o ${file} ${image}', copy ${file} here and run 'docker load -i ${file}'.`
  );
}

const OFFLINE = /dial tcp|lookup .*(no such host|server misbehaving)|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|no route to host|Client\.Timeout|temporary failure in name resolution|proxyconnect/i;

export function pullFailure(image: string, platform: string | undefined, reason: string, cause?: unknown): HartError {
  if (OFFLINE.test(reason)) {
    return new HartError(`Can't pull ${image}: the registry is unreachable from the Docker engine (offline?)`, {
      hint: loadByHandHint(image, platform),
      details: [reason],
      code: 'image-pull-offline',
      cause,
    });
  }
  if (/manifest unknown|not found|does not exist|repository .* not found/i.test(reason)) {
    return new HartError(`Can't pull ${image}: the registry has no such image or tag`, {
      hint: 'Check HART_SQL_IMAGE / HART_NEO4J_IMAGE for typos, or load the image by hand with docker load.',
      details: [reason],
      code: 'image-not-found',
      cause,
    });
  }
  if (/unauthorized|authentication required|denied/i.test(reason)) {
    return new HartError(`Can't pull ${image}: the registry refuses access`, {
      hint: `Log in with 'docker login' for that registry, or ${loadByHandHint(image, platform).replace(/^Check[^,]*, or /, '')}`,
      details: [reason],
      code: 'image-pull-denied',
      cause,
    });
  }
  return new HartError(`Can't pull ${image}: ${reason}`, { hint: loadByHandHint(image, platform), code: 'image-pull', cause });
}

interface PullEvent {
  id?: string;
  status?: string;
  error?: string;
  progressDetail?: { current?: number; total?: number };
}

function asPullEvent(value: unknown): PullEvent {
  if (typeof value !== 'object' || value === null) return {};
  const event: PullEvent = {};
  if ('id' in value && typeof value.id === 'string') event.id = value.id;
  if ('status' in value && typeof value.status === 'string') event.status = value.status;
  if ('error' in value && typeof value.error === 'string') event.error = value.error;
  if ('progressDetail' in value && typeof value.progressDetail === 'object' && value.progressDetail !== null) {
    const d = value.progressDetail;
    event.progressDetail = {};
    if ('current' in d && typeof d.current === 'number') event.progressDetail.current = d.current;
    if ('total' in d && typeof d.total === 'number') event.progressDetail.total = d.total;
  }
  return event;
}

/** Sums the layers' download progress: bytes done / bytes total over every layer seen so far. */
export class LayerProgress {
  private readonly layers = new Map<string, { current: number; total: number }>();

  apply(event: PullEvent): Progress | undefined {
    if (event.id === undefined) return undefined;
    const layer = this.layers.get(event.id) ?? { current: 0, total: 0 };
    if (event.status === 'Downloading' && event.progressDetail?.total !== undefined) {
      layer.total = event.progressDetail.total;
      layer.current = event.progressDetail.current ?? layer.current;
    } else if ((event.status === 'Download complete' || event.status === 'Already exists' || event.status === 'Pull complete') && layer.total > 0) {
      layer.current = layer.total;
    } else if (!this.layers.has(event.id) && event.status !== 'Pulling fs layer' && event.status !== 'Waiting') {
      return undefined;
    }
    this.layers.set(event.id, layer);
    let done = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      done += l.current;
      total += l.total;
    }
    return total > 0 ? { done, total, unit: 'bytes' } : undefined;
  }
}

/** Makes sure the image is there: 'present' without any registry traffic, 'pulled' after a pull. */
export async function ensureImage(
  docker: Dockerode,
  image: string,
  platform: string | undefined,
  report: PullReporter,
  signal: AbortSignal,
): Promise<'present' | 'pulled'> {
  if (await imagePresent(docker, image)) return 'present';
  report.status(`Pulling ${image}`);
  const options: Record<string, unknown> = { abortSignal: signal };
  if (platform !== undefined) options.platform = platform;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(image, options);
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw pullFailure(image, platform, error instanceof Error ? error.message : String(error), error);
  }
  const layers = new LayerProgress();
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error, output) => {
        if (signal.aborted) return reject(new InterruptedError());
        if (error !== null) return reject(pullFailure(image, platform, error.message, error));
        // The engine reports a failed pull as an event with "error", after a 200 response.
        const failed = output.map(asPullEvent).find((e) => e.error !== undefined);
        if (failed?.error !== undefined) return reject(pullFailure(image, platform, failed.error));
        resolve();
      },
      (raw) => {
        const progress = layers.apply(asPullEvent(raw));
        if (progress !== undefined) report.progress(progress);
      },
    );
  });
  report.status(`Pulled ${image}`);
  return 'pulled';
}
