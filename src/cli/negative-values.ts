// `--dim -5`: node's parseArgs takes `-5` for an option and fails with "argument is ambiguous".
// For flags that take a number, a following negative number is joined to the flag (`--dim=-5`) so
// that the command can refuse it for its range, with the range in the message.

/** The args with each `FLAG -N` of the given numeric flags written as `FLAG=-N`. */
export function joinNegativeValues(args: readonly string[], numericFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as string;
    const next = args[k + 1];
    if (numericFlags.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      k++;
    } else out.push(arg);
  }
  return out;
}
