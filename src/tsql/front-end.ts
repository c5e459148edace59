// The T-SQL front end over a payload: every batch parsed (syntax errors as SQL Server reports them,
// rule `syntax`), then bound against the schema the whole payload defines (binder errors with SQL
// Server's message numbers, rule `binding`). Statements the grammar keeps opaque are notes.
import { parseBatch } from './parser/index.js';
import type { ParsedBatch } from './parser/ast.js';
import { bindScript, buildSchema, type ParsedScriptInput, type SchemaCatalog } from './binder/index.js';
import type { Batch, Diagnostic, Script } from './types.js';

export interface ParsedScript {
  script: Script;
  parsed: ParsedBatch[];
}

export interface FrontEndOptions {
  /** The database collation: names compare case-sensitively only under a _CS_ or binary collation. */
  collation?: string;
}

/** Parsed batches are kept per Script object: `check` and later consumers parse a script once. */
const parsedScripts = new WeakMap<Script, ParsedBatch[]>();

export function parseScript(script: Script): ParsedScript {
  let parsed = parsedScripts.get(script);
  if (parsed === undefined) {
    parsed = script.batches.map((b) => parseBatch(b.text));
    parsedScripts.set(script, parsed);
  }
  return { script, parsed };
}

/** Case-sensitive name comparison: SQL Server's _CS_ collations and the binary ones (_BIN, _BIN2). */
export function isCaseSensitiveCollation(collation: string | undefined): boolean {
  if (collation === undefined) return false;
  const upper = collation.toUpperCase();
  return upper.includes('_CS') || upper.endsWith('_BIN') || upper.endsWith('_BIN2');
}

/** Where an offset of a batch's text is in its file (sqlcmd :r includes mapped line by line). */
export function locateInBatch(batch: Batch, line: number, col: number): { file: string; line: number; col: number } {
  const mapped = batch.lineMap?.[line - 1];
  if (mapped !== undefined) return { file: mapped.file, line: mapped.line, col };
  return { file: batch.file, line: batch.line + line - 1, col };
}

/** Line and column (1-based) of an offset in a text. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

const SYNTAX_HINT: Record<number, string> = {
  102: 'SQL Server stops the batch here: fix the statement (a missing comma, parenthesis, keyword or quote is the usual cause).',
  156: 'A reserved keyword stands where the grammar does not allow it: fix the statement, or bracket the name if it is one ([Name]).',
  105: 'Close the string or bracketed name (double a quote inside a string: \'\').',
  191: 'Split the expression or query into smaller parts (a temporary result or a variable).',
};

const UNRESOLVED_SQLCMD_VARIABLE = /\$\([A-Za-z_][\w-]*\)/;

/** Syntax errors (one per batch, as SQL Server reports them) and a note per statement kept opaque. */
export function syntaxDiagnostics(parsed: ParsedScript): Diagnostic[] {
  const out: Diagnostic[] = [];
  parsed.script.batches.forEach((batch, k) => {
    const result = parsed.parsed[k];
    if (result === undefined) return;
    // A batch still holding a sqlcmd variable reference was never sent: the reader reports that.
    if (result.error !== undefined && !UNRESOLVED_SQLCMD_VARIABLE.test(batch.text)) {
      const e = result.error;
      const at = locateInBatch(batch, e.line, e.col);
      out.push({ ...at, severity: 'error', rule: 'syntax', code: e.code, message: `Msg ${e.code}: ${e.message}`, hint: SYNTAX_HINT[e.code] ?? 'Fix the statement: SQL Server rejects it when the script runs.' });
    }
    for (const o of result.opaque) {
      const { line, col } = lineColAt(batch.text, o.start);
      out.push({ ...locateInBatch(batch, line, col), severity: 'note', rule: 'not-modelled', message: `${o.what} is not modelled by the checker's grammar: the statement was kept whole and not checked`, hint: 'Nothing to do; SQL Server checks it when the script runs.' });
    }
  });
  return out;
}

/** The binder's findings for one script, located in its files. */
function bindingDiagnostics(parsed: ParsedScript, input: ParsedScriptInput, schema: SchemaCatalog, caseSensitive: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of bindScript(input, schema, { caseSensitive })) {
    const batch = parsed.script.batches[d.batch];
    if (batch === undefined) continue;
    const { line, col } = lineColAt(batch.text, d.offset);
    out.push({ ...locateInBatch(batch, line, col), severity: d.severity, rule: 'binding', code: d.code, message: `Msg ${d.code}: ${d.message}`, hint: d.hint ?? BINDING_HINT });
  }
  return out;
}

const BINDING_HINT = 'SQL Server rejects this when the object is created (or the batch runs): fix the name or declare it first.';

function inputOf(parsed: ParsedScript): ParsedScriptInput {
  return { path: parsed.script.path, batches: parsed.parsed, texts: parsed.script.batches.map((b) => b.text) };
}

/**
 * The front end's findings for the scripts marked `own`: syntax per batch, then binding against the
 * schema every script defines (the others only add to that schema: context).
 */
export function frontEndDiagnostics(scripts: readonly { script: Script; own: boolean }[], options: FrontEndOptions = {}): Diagnostic[] {
  const caseSensitive = isCaseSensitiveCollation(options.collation);
  const parsed = scripts.map(({ script, own }) => ({ parsed: parseScript(script), own }));
  const inputs = parsed.map(({ parsed: p }) => inputOf(p));
  const schema = buildSchema(inputs, { caseSensitive });
  const out: Diagnostic[] = [];
  parsed.forEach(({ parsed: p, own }, k) => {
    if (!own) return;
    out.push(...syntaxDiagnostics(p));
    const input = inputs[k];
    if (input !== undefined) out.push(...bindingDiagnostics(p, input, schema, caseSensitive));
  });
  return out;
}
