// preflight: the checks of `doctor`, run before `up` touches anything. Any failing check is
// blocking: the phase fails with every problem listed, so nothing later starts.
import { HartError, throwIfAborted } from '../engine/errors.js';
import { done, type Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';

export const preflightPhase: Phase<UpContext> = {
  id: 'preflight',
  title: 'Preflight checks',
  needs: [],
  async run(ctx, { signal, report }) {
    report.status('Checking Docker, architecture, memory, ports, EULA consent and disk space');
    const { runDoctorChecks } = await import('../docker/doctor-checks.js');
    const results = await runDoctorChecks({ env: ctx.env, config: ctx.config, interactive: ctx.interactive }, ctx.config.cwd);
    throwIfAborted(signal);
    for (const r of results) report.log(`${r.verdict === 'ok' ? '✔' : r.verdict === 'warn' ? '⚠' : '✖'} ${r.title}: ${r.message}`);
    const failures = results.filter((r) => r.verdict === 'fail');
    if (failures.length > 0) {
      const [first] = failures;
      throw new HartError(
        failures.length === 1 && first !== undefined ? first.message : `${failures.length} problems block up: ${failures.map((f) => f.title).join(', ')}`,
        {
          hint: failures.length === 1 && first?.hint !== undefined ? first.hint : "Fix them (run 'hart-dev doctor' for the details), then run up again.",
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
