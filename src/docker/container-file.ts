// Removing one file inside a container (a snapshot's backup in the SQL Server volume): `rm -f` run by
// the container's own user, which owns what the server wrote. A container that no longer exists took
// its files with it (`down --volumes`); a stopped one cannot run anything and says so.
import { once } from 'node:events';
import type Dockerode from 'dockerode';
import { HartError } from '../engine/errors.js';

function statusOf(error: unknown): number | undefined {
  const status: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'statusCode') : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** 'removed', or 'no-container' when the container is gone (and its volume's files with it, or kept for a later start). */
export async function removeContainerFile(docker: Dockerode, container: string, path: string): Promise<'removed' | 'no-container'> {
  let exec: Dockerode.Exec;
  try {
    exec = await docker.getContainer(container).exec({ Cmd: ['rm', '-f', '--', path], AttachStdout: true, AttachStderr: true });
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return 'no-container';
    if (status === 409) {
      throw new HartError(`Container ${container} is not running: ${path} cannot be removed from it`, { code: 'container-stopped', hint: 'Start the stack (hart-dev up --only sqlserver), then delete the snapshot again.' });
    }
    throw error;
  }
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await once(stream, 'end');
  const { ExitCode: code } = await exec.inspect();
  if (code !== 0) throw new HartError(`Removing ${path} in container ${container} failed (exit code ${String(code)})`, { code: 'container-rm', hint: `Remove it by hand: docker exec ${container} rm -f '${path}'` });
  return 'removed';
}
