// The seed source of the product: the payload's sample-atom generator and its seed T-SQL
// (src/seed/seed-sql.ts: fixed-data upserts, #SeedAtoms staging, MERGE on natural keys) as a SeedProgram.
import { generateSampleAtoms } from '../seed/embeddings.js';
import { SEED_ATOM_MERGE_SQL, SEED_ATOM_STAGING_SQL, atomStagingTable, seedFixedDataSql } from '../seed/seed-sql.js';
import type { SeedSource } from './seed-program.js';

const staging = atomStagingTable([]);

export const payloadSeedSource: SeedSource = {
  program: () => ({
    // The staging CREATE goes without parameters: a #table made inside sp_executesql would vanish.
    prepare: [seedFixedDataSql(), SEED_ATOM_STAGING_SQL],
    staging: { name: staging.name, columns: staging.columns },
    row: (atom) => atomStagingTable([atom]).rows[0] ?? [],
    merge: [SEED_ATOM_MERGE_SQL],
  }),
  atoms: generateSampleAtoms,
};
