// Is a host port free, and if not, who holds it? A container publishing it is named (ours is fine:
// it legitimately holds the port between runs); otherwise a trial bind tells whether another program
// listens there.
import { createServer } from 'node:net';
import type Dockerode from 'dockerode';
import type { EngineReader } from './engine-reader.js';
import { LABEL_PROJECT } from './service-specs.js';

export type PortHolder =
  | { kind: 'free' }
  | { kind: 'our-container'; container: string }
  | { kind: 'container'; container: string; image: string }
  | { kind: 'program'; code: string };

/** Published host ports of running containers: port → first container publishing it. */
export async function publishedPorts(engine: Pick<EngineReader, 'listContainers'>): Promise<Map<number, Dockerode.ContainerInfo>> {
  const byPort = new Map<number, Dockerode.ContainerInfo>();
  for (const container of await engine.listContainers()) {
    for (const port of container.Ports) {
      if (port.PublicPort !== undefined && !byPort.has(port.PublicPort)) byPort.set(port.PublicPort, container);
    }
  }
  return byPort;
}

/** Tries to listen on host:port; resolves with the error code when that is impossible. */
export function tryBind(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'EUNKNOWN'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

export async function portHolder(
  port: number,
  bindAddress: string,
  project: string,
  published: Map<number, Dockerode.ContainerInfo> | undefined,
): Promise<PortHolder> {
  const container = published?.get(port);
  if (container !== undefined) {
    const name = (container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, '');
    if (container.Labels[LABEL_PROJECT] === project) return { kind: 'our-container', container: name };
    return { kind: 'container', container: name, image: container.Image };
  }
  const code = await tryBind(bindAddress === 'localhost' ? '127.0.0.1' : bindAddress, port);
  return code === undefined ? { kind: 'free' } : { kind: 'program', code };
}
