// What the phases of `snapshot save` and `snapshot restore` share in one run (ctx.state.snapshot):
// the name and options the command was given, and what each part's phase saved or restored.
import type { GraphSnapshotPart, SnapshotEntry, SqlSnapshotPart } from './manifest.js';

export interface SnapshotRunState {
  name: string;
  /** save --message */
  message?: string;
  /** restore --as DB: restore the SQL Server part as this database beside the main one. */
  copyAs?: string;
  /** restore: the manifest's entry of the snapshot. */
  entry?: SnapshotEntry;
  /** save: what each part's phase wrote. */
  sql?: SqlSnapshotPart;
  graph?: GraphSnapshotPart;
}
