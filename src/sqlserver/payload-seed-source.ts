// The seed source of the product: the payload's sample-atom generator, and the seed T-SQL of the
// payload's seed module (fixed-data upserts, staging table, MERGE on natural keys) adapted to
// SeedProgram. Until that module provides it, seeding stops with a clear error instead of guessing
// table shapes here.
import { HartError } from '../engine/errors.js';
import { generateSampleAtoms } from '../seed/embeddings.js';
import type { SeedSource } from './seed-program.js';

export const payloadSeedSource: SeedSource = {
  program() {
    throw new HartError('The seed T-SQL (fixed-data upserts and the #SeedAtoms staging MERGE) is not part of this build', {
      code: 'seed-unavailable',
      hint: 'Run `hart-dev up --skip seed` for now; the seed phase loads data once the payload seed module provides its T-SQL.',
    });
  },
  atoms: generateSampleAtoms,
};
