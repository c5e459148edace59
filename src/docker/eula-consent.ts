// ACCEPT_EULA=Y goes into the SQL Server container only with the user's consent: HART_ACCEPT_EULA=Y
// (flag, environment, .env files) or a yes at the prompt, which is then kept in .hart (see
// src/config/consent.ts) so it is asked once. Without consent and without a terminal: stop, naming
// the variable.
import { EULA_URL, saveEulaConsent } from '../config/consent.js';
import type { Config } from '../config/load.js';
import { HartError } from '../engine/errors.js';
import { askYesNo, type AskStreams } from './ask-yes-no.js';

export const EULA_VARIABLE = 'HART_ACCEPT_EULA';

function explicitlyRefused(config: Config): boolean {
  const source = config.sources.HART_ACCEPT_EULA;
  return !config.sql.acceptEula && source !== undefined && source !== 'default';
}

function noConsentError(config: Config): HartError {
  return new HartError(
    explicitlyRefused(config)
      ? `SQL Server needs its license agreement accepted, and ${EULA_VARIABLE} says no`
      : `SQL Server needs its license agreement accepted, and there is no terminal to ask`,
    {
      hint: `Read the EULA at ${EULA_URL} and set ${EULA_VARIABLE}=Y (environment, .env or --accept-eula) to accept it.`,
      code: 'eula-required',
    },
  );
}

export interface ConsentOptions {
  interactive: boolean;
  streams: AskStreams;
  signal?: AbortSignal;
}

/**
 * True when the user consents; asks when allowed (and saves a yes); throws when consent is
 * missing and cannot be asked, or refused.
 */
export async function ensureEulaConsent(config: Config, options: ConsentOptions): Promise<true> {
  if (config.sql.acceptEula) return true;
  if (!options.interactive || explicitlyRefused(config)) throw noConsentError(config);
  // The link on a line of its own, whole, so a terminal makes it clickable and it copies as it is.
  options.streams.output.write(`SQL Server Developer Edition is free for development, under Microsoft's license terms:\n  ${EULA_URL}\n`);
  const yes = await askYesNo('Do you accept the SQL Server license terms (EULA)?', options.streams, options.signal);
  if (!yes) {
    throw new HartError('SQL Server needs its license agreement accepted, and the answer was no', {
      hint: `Run the command again and answer yes, or set ${EULA_VARIABLE}=Y. To use an existing SQL Server instead, set HART_SQL_URL.`,
      code: 'eula-declined',
    });
  }
  saveEulaConsent(config.stateDir);
  options.streams.output.write(`Consent saved in ${config.stateDir} (delete the eula-accepted file there to be asked again).\n`);
  return true;
}
