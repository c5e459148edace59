// `hart-dev down [--volumes] [--yes]`: stops and removes this project's containers (only those
// carrying dev.hart.project=<project>); with --volumes also its volumes, after confirmation.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { askYesNo } from '../docker/ask-yes-no.js';
import { dockerUnreachable, isConnectionError, openDocker } from '../docker/connect.js';
import { projectContainers, projectVolumes, strangersWithOurNames } from '../docker/project-inventory.js';
import { statusCodeOf } from '../docker/service-container.js';
import { LABEL_PROJECT } from '../docker/service-specs.js';
import { HartError, UsageError } from '../engine/errors.js';
import { isInteractive, writeLine, writeText, type CommandIo } from './io.js';

export const DOWN_HELP = [
  'Usage: hart-dev down [--volumes] [--yes]',
  '',
  "Stops and removes this project's SQL Server and Neo4j containers (only those labelled dev.hart.project=<project>). The data volumes stay unless --volumes is given.",
  '',
  'Options:',
  '  --volumes    also remove the data volumes (all databases and graphs in them are lost)',
  '  -y, --yes    confirm --volumes without asking (required when not interactive)',
  '  --project    the project name (HART_PROJECT)',
].join('\n');

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: { volumes?: boolean; yes?: boolean; help?: boolean; project?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { volumes: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' }, project: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: DOWN_HELP.split('\n')[0] });
  }
  if (values.help === true) {
    writeText(io.stdout, DOWN_HELP);
    return 0;
  }
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags: { project: values.project } });
  const project = config.project;
  const withVolumes = values.volumes === true;
  const interactive = isInteractive(io, false) && io.stdinIsTTY;
  // Refuse before touching anything: a half-done `down --volumes` would surprise more than none.
  if (withVolumes && values.yes !== true && !interactive) {
    throw new UsageError('down --volumes deletes the project\'s databases and needs a confirmation, and there is no terminal to ask', {
      hint: 'Add --yes to confirm: hart-dev down --volumes --yes',
      code: 'confirmation-required',
    });
  }

  const { docker, target } = await openDocker(io.env);
  let containers;
  try {
    containers = await projectContainers(docker, project);
  } catch (error) {
    throw isConnectionError(error) ? dockerUnreachable(target, error) : error;
  }
  const strangers = await strangersWithOurNames(docker, project);
  const volumes = withVolumes ? await projectVolumes(docker, project) : { ours: [], strangers: [] };

  if (withVolumes && values.yes !== true && volumes.ours.length > 0) {
    const yes = await askYesNo(
      `Remove the volumes ${volumes.ours.join(', ')}? Every database and graph in them is lost.`,
      { input: io.stdin ?? process.stdin, output: io.stderr },
      io.signal,
    );
    if (!yes) {
      writeLine(io.stderr, 'Nothing removed.');
      return 1;
    }
  }

  // Stopped in parallel: each may take up to its grace period to shut down cleanly.
  await Promise.all(
    containers.map(async (c) => {
      const handle = docker.getContainer(c.id);
      if (c.state === 'running') {
        try {
          await handle.stop({ t: 10 });
        } catch (error) {
          if (statusCodeOf(error) !== 304 && statusCodeOf(error) !== 404) throw error;
        }
      }
      try {
        await handle.remove({ force: true });
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
    }),
  );
  for (const c of containers) writeLine(io.stderr, `Removed container ${c.name}`);
  for (const name of strangers) {
    writeLine(io.stderr, `Left ${name} alone: it has no ${LABEL_PROJECT}=${project} label, so hart-dev did not create it (remove it yourself with 'docker rm -f ${name}' if it is not needed).`);
  }
  for (const name of volumes.ours) {
    try {
      await docker.getVolume(name).remove();
    } catch (error) {
      if (statusCodeOf(error) === 404) continue;
      throw new HartError(`Can't remove volume ${name}: ${error instanceof Error ? error.message : String(error)}`, {
        hint: `A container outside this project may still use it: 'docker ps -a --filter volume=${name}'.`,
        code: 'volume-in-use',
        cause: error,
      });
    }
    writeLine(io.stderr, `Removed volume ${name}`);
  }
  for (const name of volumes.strangers) {
    writeLine(io.stderr, `Left volume ${name} alone: it has no ${LABEL_PROJECT}=${project} label.`);
  }
  if (containers.length === 0 && volumes.ours.length === 0) writeLine(io.stderr, `Nothing to remove for project ${project}.`);
  else if (!withVolumes) writeLine(io.stderr, `Volumes kept; 'hart-dev down --volumes' removes them.`);
  return 0;
}
