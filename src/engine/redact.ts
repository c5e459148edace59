// Secrets never reach a log line, an NDJSON event or a snapshot: every text leaving the engine
// passes through one redactor that knows the run's secret values.

export type Redactor = (text: string) => string;

export const MASK = '********';

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const values = [...new Set(secrets.filter((s): s is string => s !== undefined && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join(MASK);
    return out;
  };
}
