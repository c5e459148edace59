// `hart-dev down`, `status` and `logs` against the real Docker engine with stand-in containers.
import { shellQuoted } from '../../src/docker/dotnet-settings.js';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as down } from '../../src/cli/down.js';
import { run as logs } from '../../src/cli/logs.js';
import { run as status } from '../../src/cli/status.js';
import { ensureServiceContainer } from '../../src/docker/service-container.js';
import { neo4jSpec, sqlServerSpec } from '../../src/docker/service-specs.js';
import { UsageError } from '../../src/engine/errors.js';
import { captureIo, createTestProject, testDocker, type TestProject } from '../support/docker-project.js';
import { STANDIN_IMAGES } from '../support/docker-standins.js';

const quiet = { status: () => undefined, progress: () => undefined };
const never = new AbortController().signal;

async function exists(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getContainer(name).inspect();
    return true;
  } catch {
    return false;
  }
}

async function volumeExists(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch {
    return false;
  }
}

describe('down, status, logs (real Docker engine, stand-in images)', () => {
  let docker: Dockerode;
  let project: TestProject;
  let unrelatedId = '';

  beforeAll(async () => {
    docker = await testDocker();
    project = await createTestProject(docker);
    // Created first: a container that is not the project's, which down must leave running.
    const unrelated = await docker.createContainer({ name: `${project.name}-unrelated`, Image: STANDIN_IMAGES.neo4j });
    unrelatedId = unrelated.id;
    await unrelated.start();
    const config = project.config();
    await ensureServiceContainer(docker, sqlServerSpec(config, { eulaAccepted: true }), { report: quiet, signal: never });
    await ensureServiceContainer(docker, neo4jSpec(config), { report: quiet, signal: never });
  });
  afterAll(async () => {
    await docker.getContainer(unrelatedId).remove({ force: true }).catch(() => undefined);
    await project.cleanup();
  });

  it('status shows both services with state, image, ports on 127.0.0.1 and volume', async () => {
    const io = captureIo(project);
    expect(await status(['-o', 'json'], io)).toBe(0);
    const parsed: unknown = JSON.parse(io.out.text);
    const config = project.config();
    expect(parsed).toMatchObject({
      project: project.name,
      services: [
        { service: 'sqlserver', state: 'running', image: STANDIN_IMAGES.sqlserver, ports: [`127.0.0.1:${config.sql.port}->1433/tcp`], volume: `${project.name}-mssql` },
        { service: 'neo4j', state: 'running', image: STANDIN_IMAGES.neo4j, volume: `${project.name}-neo4j` },
      ],
    });
    // A wide terminal gets the table; a pipe (80 columns) a block per service that fits.
    const text = captureIo(project);
    Object.assign(text.out, { isTTY: true, columns: 200 });
    expect(await status([], text)).toBe(0);
    expect(text.out.text.split('\n')[0]).toMatch(/^SERVICE\s+STATE\s+HEALTH\s+IMAGE\s+PORTS\s+UPTIME\s+VOLUME$/);
    expect(text.out.text).toContain(`${project.name}-mssql`);
    const piped = captureIo(project);
    expect(await status([], piped)).toBe(0);
    for (const line of piped.out.text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(piped.out.text).toMatch(/^sqlserver +running/);
    expect(piped.out.text).toContain(`volume  ${project.name}-mssql`);
  });

  it('status -o env prints .NET settings with the passwords masked, and shown with --show-secrets', async () => {
    const config = project.config();
    const masked = captureIo(project);
    await status(['-o', 'env'], masked);
    expect(masked.out.text).toBe(
      [
        `export ConnectionStrings__Hartonomous='Server=127.0.0.1,${config.sql.port};Database=Hartonomous;User Id=sa;Password=********;TrustServerCertificate=True'`,
        `export Neo4j__Uri='bolt://127.0.0.1:${config.neo4j.boltPort}'`,
        "export Neo4j__User='neo4j'",
        "export Neo4j__Password='********'",
        '',
      ].join('\n'),
    );
    const shown = captureIo(project);
    await status(['-o', 'env', '--show-secrets'], shown);
    expect(shown.out.text).toContain(`Password=${config.sql.saPassword};`);
    expect(shown.out.text).toContain(`export Neo4j__Password=${shellQuoted(config.neo4j.password)}\n`);
  });

  it('logs prints the container output, --tail limits it', async () => {
    await expect.poll(async () => {
      const io = captureIo(project);
      await logs(['sqlserver'], io);
      return io.out.text;
    }).toContain('SQL Server is now ready for client connections');
    const io = captureIo(project);
    await logs(['sqlserver', '--tail', '1'], io);
    expect(io.out.text.trim().split('\n')).toHaveLength(1);
    await expect(logs(['mysql'], captureIo(project))).rejects.toThrow('Unknown service "mysql"');
  });

  it('down --volumes without --yes is refused when not interactive, and touches nothing', async () => {
    const error = await down(['--volumes'], captureIo(project)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ hint: 'Add --yes to confirm: hart-dev down --volumes --yes', exitCode: 2 });
    expect(await exists(docker, `${project.name}-sqlserver`)).toBe(true);
  });

  it('down removes only the labelled containers, keeps the volumes, and the unrelated container survives', async () => {
    const io = captureIo(project);
    expect(await down([], io)).toBe(0);
    expect(io.err.text).toContain(`Removed container ${project.name}-sqlserver`);
    expect(io.err.text).toContain(`Removed container ${project.name}-neo4j`);
    expect(await exists(docker, `${project.name}-sqlserver`)).toBe(false);
    expect(await exists(docker, `${project.name}-neo4j`)).toBe(false);
    expect((await docker.getContainer(unrelatedId).inspect()).State.Running).toBe(true);
    expect(await volumeExists(docker, `${project.name}-mssql`)).toBe(true);
  });

  it('down leaves a same-named container without our label alone and says so', async () => {
    const stranger = await docker.createContainer({ name: `${project.name}-sqlserver`, Image: STANDIN_IMAGES.neo4j });
    try {
      const io = captureIo(project);
      expect(await down([], io)).toBe(0);
      expect(io.err.text).toContain(`Left ${project.name}-sqlserver alone: it has no dev.hart.project=${project.name} label`);
      expect(await exists(docker, `${project.name}-sqlserver`)).toBe(true);
    } finally {
      await stranger.remove({ force: true });
    }
  });

  it('down --volumes --yes removes the project volumes', async () => {
    const io = captureIo(project);
    expect(await down(['--volumes', '--yes'], io)).toBe(0);
    expect(io.err.text).toContain(`Removed volume ${project.name}-mssql`);
    expect(await volumeExists(docker, `${project.name}-mssql`)).toBe(false);
    expect(await volumeExists(docker, `${project.name}-neo4j`)).toBe(false);
  });
});
