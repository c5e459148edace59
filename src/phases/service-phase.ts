// What the sqlserver and neo4j phases share: bring one service up as this project's container, or
// wait for the existing server HART_SQL_URL / HART_NEO4J_URL names (no container, no Docker).
//
// The warm path (the container runs with an unchanged spec) stays light: one inspect through the
// engine reader and, when Docker's healthcheck says healthy, one login through the published port —
// dockerode is not loaded. The login is what counts: a healthy container the host cannot log in to
// (a port that only the proxy accepts, a server still recovering after a readiness timeout) is waited
// for like a starting one, with its log lines, instead of being called ready.
import type Dockerode from 'dockerode';
import type { Config } from '../config/load.js';
import { dockerUnreachable, isConnectionError, openDocker, openEngineReader } from '../docker/connect.js';
import type { LoginProbe, ReadinessOptions } from '../docker/readiness.js';
import { ensureServiceContainer, reusedContainer, type EnsuredContainer } from '../docker/service-container.js';
import { isLoopback, type ContainerSpec, type ServiceName } from '../docker/service-specs.js';
import type { PhaseReporter } from '../engine/phase.js';

/** External servers get a shorter wait: they are either there or not. */
export const EXTERNAL_READY_MS = 30_000;

export const SERVICE_TITLES: Record<ServiceName, string> = { sqlserver: 'SQL Server', neo4j: 'Neo4j' };

export interface ServiceRun {
  service: ServiceName;
  spec: ContainerSpec;
  /** The login a client makes once the container is ready. */
  probe: LoginProbe;
  /** Waits for a login until the deadline, watching the container when one is given. */
  wait(options: ReadinessOptions): Promise<void>;
}

function describe(service: ServiceName, ensured: EnsuredContainer): string {
  const title = SERVICE_TITLES[service];
  switch (ensured.action) {
    case 'reused':
      return `${title} reused (${ensured.name})`;
    case 'started':
      return `${title} started (${ensured.name})`;
    case 'created':
      return `${title} created (${ensured.name})`;
    case 'recreated':
      return `${title} recreated (${ensured.reason ?? 'its settings changed'})`;
  }
}

/** The one login of the warm path: true when it worked. */
async function logsIn(probe: LoginProbe, signal: AbortSignal): Promise<boolean> {
  try {
    await probe(signal);
    return true;
  } catch {
    return false;
  }
}

/** The container of `run` running with its spec and accepting a login; says what was done. */
export async function bringUpContainer(run: ServiceRun, config: Config, env: NodeJS.ProcessEnv, report: PhaseReporter, signal: AbortSignal): Promise<string> {
  const { spec, service } = run;
  const title = SERVICE_TITLES[service];
  if (!isLoopback(config.bindAddress)) {
    report.log(`Warning: ${title}'s ports are published on ${config.bindAddress}, not on loopback: other machines on the network can reach it.`);
  }
  const { reader, target } = await openEngineReader(env);
  let existing: Dockerode.ContainerInspectInfo | undefined;
  try {
    existing = await reader.inspectContainer(spec.name);
  } catch (error) {
    throw isConnectionError(error) ? dockerUnreachable(target, error) : error;
  }
  const reused = existing === undefined ? undefined : reusedContainer(existing, spec);
  if (reused?.healthy === true) {
    report.status(`Logging in to ${title} (${spec.name})`);
    if (await logsIn(run.probe, signal)) return describe(service, reused);
    report.log(`${spec.name} is healthy for Docker but does not accept a login from here yet`);
  } else if (reused !== undefined) {
    report.log(`${spec.name} runs, but Docker's healthcheck says ${existing?.State.Health?.Status ?? 'nothing'}: waiting for a login`);
  }
  const { docker } = await openDocker(env);
  const ensured =
    reused ??
    (await ensureServiceContainer(docker, spec, {
      signal,
      existing: existing ?? null,
      report: { status: (m) => report.status(m), progress: (p) => report.progress(p) },
    }));
  if (ensured.action === 'recreated') report.log(`${spec.name} recreated: ${ensured.reason ?? 'its settings changed'} (volume ${spec.volume.name} kept)`);
  report.status(`Waiting for ${title} to accept logins`);
  await run.wait({
    deadline: Date.now() + config.readyTimeoutMs,
    signal,
    report: { status: (m) => report.status(m) },
    container: { docker, id: ensured.id, name: ensured.name, service, project: config.project, volumeExisted: ensured.volumeExisted },
  });
  return `${describe(service, ensured)}, ready`;
}

/** How long an existing server is waited for: HART_READY_TIMEOUT, at most EXTERNAL_READY_MS. */
export function externalReadiness(config: Config, report: PhaseReporter, signal: AbortSignal): ReadinessOptions {
  return { deadline: Date.now() + Math.min(config.readyTimeoutMs, EXTERNAL_READY_MS), signal, report: { status: (m) => report.status(m) } };
}
