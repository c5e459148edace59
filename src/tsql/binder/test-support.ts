// Test helpers: parse a script (batches separated by a line `GO`) and bind it.
import { parseBatch } from '../parser/index.js';
import { bindScript, buildSchema } from './index.js';
import type { BinderDiagnostic, ParsedScriptInput } from './types.js';

export function script(text: string, path = 'test.sql'): ParsedScriptInput {
  const texts = text.split(/^\s*GO\s*$/im);
  return { path, batches: texts.map((t) => parseBatch(t)), texts };
}

/** Findings of the first script, with every script in the catalog. */
export function bind(text: string, others: readonly string[] = [], caseSensitive = false): BinderDiagnostic[] {
  const main = script(text);
  for (const b of main.batches) if (b.error !== undefined) throw new Error(`syntax error in test SQL: ${b.error.message} at ${b.error.line}:${b.error.col}`);
  const all = [main, ...others.map((o, i) => script(o, `other${i}.sql`))];
  const options = { caseSensitive };
  return bindScript(main, buildSchema(all, options), options);
}

/** The message numbers found, errors as numbers and warnings as 'w<n>'. */
export function codes(text: string, others: readonly string[] = [], caseSensitive = false): (number | string)[] {
  return bind(text, others, caseSensitive).map((d) => (d.severity === 'error' ? d.code : `w${d.code}`));
}
