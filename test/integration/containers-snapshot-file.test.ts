// `snapshot delete` removes the SQL Server backup inside the project's container: against the real
// Docker engine with the SQL Server stand-in (busybox), a file is removed, a stopped container says
// so, and a container that is gone is reported as gone.
import { once } from 'node:events';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeContainerFile } from '../../src/docker/container-file.js';
import { ensureServiceContainer } from '../../src/docker/service-container.js';
import { sqlServerSpec } from '../../src/docker/service-specs.js';
import { createTestProject, testDocker, waitHealthy, type TestProject } from '../support/docker-project.js';

const quiet = { status: () => undefined, progress: () => undefined };
const never = new AbortController().signal;

async function shell(docker: Dockerode, container: string, script: string): Promise<number> {
  const exec = await docker.getContainer(container).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await once(stream, 'end');
  const { ExitCode: code } = await exec.inspect();
  return code ?? -1;
}

describe('removing a snapshot backup inside the SQL Server container (real Docker engine, stand-in image)', () => {
  let docker: Dockerode;
  let project: TestProject;
  let container: string;

  beforeAll(async () => {
    docker = await testDocker();
    project = await createTestProject(docker);
    const spec = sqlServerSpec(project.config(), { eulaAccepted: true });
    await ensureServiceContainer(docker, spec, { report: quiet, signal: never });
    container = spec.name;
    await waitHealthy(docker, container);
  });
  afterAll(async () => {
    await project.cleanup();
  });

  it('removes the file, then reports a stopped container and a missing one', async () => {
    const file = '/var/opt/mssql/backup/snapshots/Hartonomous.demo.bak';
    expect(await shell(docker, container, `mkdir -p /var/opt/mssql/backup/snapshots && echo x > ${file}`)).toBe(0);
    expect(await removeContainerFile(docker, container, file)).toBe('removed');
    expect(await shell(docker, container, `test -e ${file}`)).toBe(1);
    // Removing it again is not an error (rm -f).
    expect(await removeContainerFile(docker, container, file)).toBe('removed');

    await docker.getContainer(container).stop({ t: 1 });
    await expect(removeContainerFile(docker, container, file)).rejects.toMatchObject({ code: 'container-stopped', hint: 'Start the stack (hart-dev up --only sqlserver), then delete the snapshot again.' });
    await expect(removeContainerFile(docker, `${container}-gone`, file)).resolves.toBe('no-container');
  });
});
