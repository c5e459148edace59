// The lifecycle of one service container: reuse it untouched when it matches the spec (the warm
// path: one inspect), start it when stopped, recreate it when the spec changed (keeping the
// volume), create it when missing. Never touches a container that does not carry our labels.
import type Dockerode from 'dockerode';
import { HartError, InterruptedError } from '../engine/errors.js';
import type { Progress } from '../engine/phase.js';
import { ensureImage } from './image-pull.js';
import { createBody, LABEL_PROJECT, LABEL_SERVICE, LABEL_SPEC_HASH, specHash, type ContainerSpec } from './service-specs.js';

export type ContainerAction = 'created' | 'reused' | 'started' | 'recreated';

export interface EnsuredContainer {
  id: string;
  name: string;
  action: ContainerAction;
  /** Why a container was recreated ("image changed", "MSSQL_SA_PASSWORD changed"); never a value. */
  reason?: string;
  /** The data volume existed before this run: its server may keep an older password. */
  volumeExisted: boolean;
  /** Docker's healthcheck said healthy when we looked (only for a reused container). */
  healthy: boolean;
}

export interface LifecycleReporter {
  status(message: string): void;
  progress(progress: Progress): void;
}

export function statusCodeOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

export function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'json' in error) {
    const json = error.json;
    if (typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string') return json.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The container's inspect data, or undefined when there is none with that name. */
export async function inspectOrUndefined(docker: Dockerode, name: string): Promise<Dockerode.ContainerInspectInfo | undefined> {
  try {
    return await docker.getContainer(name).inspect();
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw error;
  }
}

export function notOursError(name: string, project: string): HartError {
  return new HartError(`A container named ${name} exists but was not created by hart-dev for project "${project}" (it has no ${LABEL_PROJECT}=${project} label)`, {
    hint: `hart-dev leaves it alone. Remove or rename it yourself (docker rm -f ${name}) if it is not needed, or choose another project name with HART_PROJECT.`,
    code: 'container-not-ours',
  });
}

function envMap(env: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) map.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return map;
}

/** What differs between the container and the spec, in words without any value of the environment. */
export function describeChange(info: Dockerode.ContainerInspectInfo, spec: ContainerSpec): string {
  const reasons: string[] = [];
  if (info.Config.Labels[LABEL_SPEC_HASH] === undefined) reasons.push('it was not created by hart-dev');
  if (info.Config.Image !== spec.image) reasons.push(`image changed (${info.Config.Image} → ${spec.image})`);
  const bindings = info.HostConfig.PortBindings ?? {};
  for (const p of spec.ports) {
    const current: unknown = bindings[`${p.container}/tcp`];
    const first = Array.isArray(current) ? current[0] : undefined;
    const hostPort = typeof first === 'object' && first !== null && 'HostPort' in first ? String(first.HostPort) : undefined;
    const hostIp = typeof first === 'object' && first !== null && 'HostIp' in first ? String(first.HostIp) : undefined;
    if (hostPort !== String(p.host)) reasons.push(`${p.label} port changed (${hostPort ?? 'none'} → ${p.host})`);
    else if (hostIp !== undefined && hostIp !== '' && hostIp !== spec.bindAddress && !(spec.bindAddress === 'localhost' && hostIp === '127.0.0.1')) {
      reasons.push(`bind address changed (${hostIp} → ${spec.bindAddress})`);
    }
  }
  const env = envMap(info.Config.Env);
  const changed = Object.keys(spec.env).filter((k) => env.get(k) !== spec.env[k]);
  const managed = /^(MSSQL_|ACCEPT_EULA|NEO4J_)/;
  const removed = [...env.keys()].filter((k) => managed.test(k) && !(k in spec.env) && k !== 'MSSQL_TOOLS' && !k.startsWith('NEO4J_HOME'));
  if (changed.length > 0) reasons.push(`${changed.join(', ')} changed`);
  if (removed.length > 0) reasons.push(`${removed.join(', ')} removed`);
  if (spec.hostname !== undefined && info.Config.Hostname !== spec.hostname) reasons.push('hostname changed');
  return reasons.length > 0 ? reasons.join('; ') : 'its settings changed';
}

async function ensureVolume(docker: Dockerode, spec: ContainerSpec): Promise<boolean> {
  try {
    await docker.getVolume(spec.volume.name).inspect();
    return true;
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw error;
  }
  await docker.createVolume({ Name: spec.volume.name, Labels: { [LABEL_PROJECT]: spec.project, [LABEL_SERVICE]: spec.service } });
  return false;
}

function portProblem(spec: ContainerSpec, error: unknown): HartError | undefined {
  const text = errorText(error);
  if (!/port is already allocated|address already in use|bind: /i.test(text)) return undefined;
  const port = spec.ports.find((p) => text.includes(`:${p.host}`)) ?? spec.ports[0];
  const variable = port === undefined ? 'the port' : port.container === 1433 ? 'HART_SQL_PORT' : port.container === 7687 ? 'HART_NEO4J_BOLT_PORT' : 'HART_NEO4J_HTTP_PORT';
  return new HartError(`Port ${port?.host ?? '?'} on ${spec.bindAddress} is already in use, so ${spec.name} can't start`, {
    hint: `Stop what listens there ('hart-dev doctor' names it), or choose another port with ${variable}.`,
    details: [text],
    code: 'port-in-use',
    cause: error,
  });
}

async function startContainer(container: Dockerode.Container, spec: ContainerSpec): Promise<void> {
  try {
    await container.start();
  } catch (error) {
    // 304: already started (a parallel `up`): that is what we wanted.
    if (statusCodeOf(error) === 304) return;
    throw portProblem(spec, error) ?? new HartError(`Can't start ${spec.name}: ${errorText(error)}`, { code: 'container-start', cause: error, hint: `See 'hart-dev logs ${spec.service}'.` });
  }
}

async function createContainer(docker: Dockerode, spec: ContainerSpec): Promise<Dockerode.Container> {
  // Name and platform go in the query, everything else in the body: dockerode would otherwise also
  // copy the whole body (passwords included) into the URL.
  const query: Record<string, string> = { name: spec.name };
  if (spec.platform !== undefined) query.platform = spec.platform;
  const options: Dockerode.ContainerCreateOptions & { _query: Record<string, string>; _body: Record<string, unknown> } = {
    _query: query,
    _body: createBody(spec),
  };
  try {
    return await docker.createContainer(options);
  } catch (error) {
    if (statusCodeOf(error) === 409) {
      throw new HartError(`Can't create ${spec.name}: a container with that name appeared meanwhile`, {
        hint: 'Another `hart-dev up` may be running for this project; wait for it, then run the command again.',
        code: 'container-conflict',
        cause: error,
      });
    }
    throw new HartError(`Can't create ${spec.name}: ${errorText(error)}`, { code: 'container-create', cause: error });
  }
}

async function removeContainer(docker: Dockerode, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true });
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw error;
  }
}

/**
 * The warm path, decided from the inspect data alone (no change, so no dockerode needed): the container
 * when it runs with this spec, else undefined. Throws when the name belongs to a container that is not ours.
 */
export function reusedContainer(info: Dockerode.ContainerInspectInfo, spec: ContainerSpec): EnsuredContainer | undefined {
  const labels = info.Config.Labels;
  if (labels[LABEL_PROJECT] !== spec.project || labels[LABEL_SERVICE] !== spec.service) throw notOursError(spec.name, spec.project);
  if (labels[LABEL_SPEC_HASH] !== specHash(spec) || !info.State.Running) return undefined;
  return { id: info.Id, name: spec.name, action: 'reused', volumeExisted: true, healthy: info.State.Health?.Status === 'healthy' };
}

export interface EnsureOptions {
  report: LifecycleReporter;
  signal: AbortSignal;
  /** Inspect data already fetched by the caller (saves a round trip on the warm path). */
  existing?: Dockerode.ContainerInspectInfo | null;
}

/** Brings the container to "running with this spec" and says what it did. */
export async function ensureServiceContainer(docker: Dockerode, spec: ContainerSpec, options: EnsureOptions): Promise<EnsuredContainer> {
  const { report, signal } = options;
  const info = options.existing === undefined ? await inspectOrUndefined(docker, spec.name) : (options.existing ?? undefined);
  let reason: string | undefined;
  if (info !== undefined) {
    const reused = reusedContainer(info, spec);
    if (reused !== undefined) return reused;
    if (info.Config.Labels[LABEL_SPEC_HASH] === specHash(spec)) {
      report.status(`Starting ${spec.name}`);
      await startContainer(docker.getContainer(info.Id), spec);
      return { id: info.Id, name: spec.name, action: 'started', volumeExisted: true, healthy: false };
    }
    reason = describeChange(info, spec);
  }
  if (signal.aborted) throw new InterruptedError();
  await ensureImage(docker, spec.image, spec.platform, report, signal);
  if (signal.aborted) throw new InterruptedError();
  if (info !== undefined) {
    report.status(`Recreating ${spec.name}: ${reason ?? 'its settings changed'}`);
    await removeContainer(docker, info.Id);
  }
  const volumeExisted = await ensureVolume(docker, spec);
  const container = await createContainer(docker, spec);
  report.status(`Starting ${spec.name}`);
  await startContainer(container, spec);
  const result: EnsuredContainer = {
    id: container.id,
    name: spec.name,
    action: info === undefined ? 'created' : 'recreated',
    volumeExisted,
    healthy: false,
  };
  if (reason !== undefined) result.reason = reason;
  return result;
}
