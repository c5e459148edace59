import type { CommandIo } from './io.js';
import { writeLine } from './io.js';

export async function run(_args: string[], io: CommandIo): Promise<number> {
  writeLine(io.stdout, 'doctor: not yet');
  return 1;
}
