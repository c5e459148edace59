// What belongs to a project: containers and volumes that carry dev.hart.project=<project>, and the
// objects that merely share our names (which we report and never touch).
import type Dockerode from 'dockerode';
import { inspectOrUndefined, statusCodeOf } from './service-container.js';
import { containerName, LABEL_PROJECT, LABEL_SERVICE, SERVICES, volumeName, type ServiceName } from './service-specs.js';

export interface ServiceState {
  service: ServiceName;
  container: string;
  /** running, exited, created, … as Docker says; "missing" when there is none; "not-ours" when unlabelled. */
  state: string;
  /** healthy, unhealthy, starting, or "none" without a healthcheck. */
  health: string;
  image: string | undefined;
  /** "127.0.0.1:1433->1433/tcp" */
  ports: string[];
  startedAt: string | undefined;
  uptimeSeconds: number | undefined;
  volume: string;
  id: string | undefined;
}

function portsOf(info: Dockerode.ContainerInspectInfo): string[] {
  const result: string[] = [];
  const bindings = info.HostConfig.PortBindings ?? {};
  for (const [containerPort, list] of Object.entries<unknown>(bindings)) {
    if (!Array.isArray(list)) continue;
    for (const b of list) {
      if (typeof b !== 'object' || b === null) continue;
      const ip = 'HostIp' in b && typeof b.HostIp === 'string' && b.HostIp !== '' ? b.HostIp : '0.0.0.0';
      const port = 'HostPort' in b ? String(b.HostPort) : '?';
      result.push(`${ip}:${port}->${containerPort}`);
    }
  }
  return result.sort();
}

export function isOurs(labels: Record<string, string> | undefined, project: string): boolean {
  return labels?.[LABEL_PROJECT] === project;
}

export async function serviceState(docker: Dockerode, project: string, service: ServiceName, now = Date.now()): Promise<ServiceState> {
  const name = containerName(project, service);
  const base: ServiceState = {
    service,
    container: name,
    state: 'missing',
    health: 'none',
    image: undefined,
    ports: [],
    startedAt: undefined,
    uptimeSeconds: undefined,
    volume: volumeName(project, service),
    id: undefined,
  };
  const info = await inspectOrUndefined(docker, name);
  if (info === undefined) return base;
  if (!isOurs(info.Config.Labels, project) || info.Config.Labels[LABEL_SERVICE] !== service) return { ...base, state: 'not-ours', id: info.Id };
  const running = info.State.Running;
  const started = Date.parse(info.State.StartedAt);
  return {
    ...base,
    state: info.State.Status,
    health: info.State.Health?.Status ?? 'none',
    image: info.Config.Image,
    ports: portsOf(info),
    startedAt: running ? info.State.StartedAt : undefined,
    uptimeSeconds: running && Number.isFinite(started) ? Math.max(0, Math.round((now - started) / 1000)) : undefined,
    id: info.Id,
  };
}

export async function projectStates(docker: Dockerode, project: string): Promise<ServiceState[]> {
  return Promise.all(SERVICES.map((s) => serviceState(docker, project, s)));
}

export interface ContainerRef {
  id: string;
  name: string;
  state: string;
}

/** Containers labelled with this project (whatever their name). */
export async function projectContainers(docker: Dockerode, project: string): Promise<ContainerRef[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${project}`] } });
  return list
    .filter((c) => isOurs(c.Labels, project))
    .map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }));
}

/** Containers with our names but without our label: never touched, only reported. */
export async function strangersWithOurNames(docker: Dockerode, project: string): Promise<string[]> {
  const names: string[] = [];
  for (const service of SERVICES) {
    const info = await inspectOrUndefined(docker, containerName(project, service));
    if (info !== undefined && !isOurs(info.Config.Labels, project)) names.push(containerName(project, service));
  }
  return names;
}

export interface VolumeRefs {
  ours: string[];
  /** Volumes with our names that we did not label: left alone. */
  strangers: string[];
}

export async function projectVolumes(docker: Dockerode, project: string): Promise<VolumeRefs> {
  const result: VolumeRefs = { ours: [], strangers: [] };
  const listed = await docker.listVolumes({ filters: { label: [`${LABEL_PROJECT}=${project}`] } });
  for (const v of listed.Volumes ?? []) if (isOurs(v.Labels ?? undefined, project)) result.ours.push(v.Name);
  for (const service of SERVICES) {
    const name = volumeName(project, service);
    if (result.ours.includes(name)) continue;
    try {
      await docker.getVolume(name).inspect();
      result.strangers.push(name);
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  }
  result.ours.sort();
  return result;
}

export function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}
