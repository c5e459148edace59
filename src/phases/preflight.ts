// preflight: the checks of `doctor`, run before anything is touched, limited to what the run needs:
// Docker, host ports and the EULA only for the containers its service phases bring up, and that the
// container of a skipped service phase runs. Any failing check is blocking: the phase fails with
// every problem listed, so nothing later starts.
import type { ServiceName } from '../docker/service-specs.js';
import { HartError, throwIfAborted } from '../engine/errors.js';
import { done, type Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';

/** The containers a run works with. */
export interface PreflightScope {
  /** Brought up by the run's service phases (created, started or reused). */
  containers: readonly ServiceName[];
  /** Used as they are (their service phase was skipped): they must run already. */
  running: readonly ServiceName[];
}

/** What the run's containers ask of this machine, in the words of the status line. */
function checking(scope: PreflightScope): string {
  const { containers } = scope;
  if (containers.length === 0) return scope.running.length === 0 ? 'Checking the configuration' : 'Checking Docker and the running containers';
  if (containers.includes('sqlserver')) return 'Checking Docker, architecture, memory, ports, EULA consent and disk space';
  return 'Checking Docker, ports and disk space';
}

/** Without a scope: every service the configuration runs as a container is brought up (as doctor checks). */
export function createPreflightPhase(scope?: PreflightScope): Phase<UpContext> {
  return {
    id: 'preflight',
    title: 'Preflight checks',
    needs: [],
    async run(ctx, { signal, report }) {
      const [{ runDoctorChecks }, { localServices }] = await Promise.all([import('../docker/doctor-checks.js'), import('../docker/external-endpoints.js')]);
      const { containers, running } = scope ?? { containers: localServices(ctx.config), running: [] };
      report.status(checking({ containers, running }));
      const results = await runDoctorChecks({ env: ctx.env, config: ctx.config, interactive: ctx.interactive, containers, running }, ctx.config.cwd);
      throwIfAborted(signal);
      for (const r of results) report.log(`${r.verdict === 'ok' ? '✔' : r.verdict === 'warn' ? '⚠' : '✖'} ${r.title}: ${r.message}`);
      const failures = results.filter((r) => r.verdict === 'fail');
      if (failures.length > 0) {
        const [first] = failures;
        throw new HartError(
          failures.length === 1 && first !== undefined ? first.message : `${failures.length} problems block this run: ${failures.map((f) => f.title).join(', ')}`,
          {
            hint: failures.length === 1 && first?.hint !== undefined ? first.hint : "Fix them ('hart-dev doctor' gives the details), then run the command again.",
            details: failures.length === 1 ? [] : failures.map((f) => `✖ ${f.title}: ${f.message}${f.hint === undefined ? '' : ` → ${f.hint}`}`),
            code: 'preflight',
          },
        );
      }
      const warnings = results.filter((r) => r.verdict === 'warn');
      const docker = results.find((r) => r.id === 'docker');
      return done(warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${warnings.map((w) => w.message).join('; ')}` : docker?.message);
    },
  };
}

export const preflightPhase: Phase<UpContext> = createPreflightPhase();
