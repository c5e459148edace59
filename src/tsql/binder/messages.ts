// SQL Server's message texts for the binder's findings (docs: "Database engine events and errors").
import type { BinderDiagnostic } from './types.js';

export const msg = {
  duplicateVariable: (name: string) => `The variable name '${name}' has already been declared. Variable names must be unique within a query batch or stored procedure.`,
  undeclaredScalar: (name: string) => `Must declare the scalar variable "${name}".`,
  undeclaredTable: (name: string) => `Must declare the table variable "${name}".`,
  multipartNotBound: (name: string) => `The multi-part identifier "${name}" could not be bound.`,
  invalidColumn: (name: string) => `Invalid column name '${name}'.`,
  ambiguousColumn: (name: string) => `Ambiguous column name '${name}'.`,
  notBuiltin: (name: string) => `'${name}' is not a recognized built-in function name.`,
  argCount: (name: string, n: number) => `The ${name} function requires ${n} argument(s).`,
  argRange: (name: string, min: number, max: number) => `The ${name} function requires ${min} to ${max} arguments.`,
  firstInBatch: (what: string) => `'${what}' must be the first statement in a query batch.`,
  duplicateColumn: (column: string, table: string) => `Column names in each table must be unique. Column name '${column}' in table '${table}' is specified more than once.`,
  fkInvalidTable: (fk: string, table: string) => `Foreign key '${fk}' references invalid table '${table}'.`,
  fkInvalidReferencingColumn: (fk: string, column: string, table: string) => `Foreign key '${fk}' references invalid column '${column}' in referencing table '${table}'.`,
  fkInvalidReferencedColumn: (fk: string, column: string, table: string) => `Foreign key '${fk}' references invalid column '${column}' in referenced table '${table}'.`,
  columnNotInTarget: (column: string) => `Column name '${column}' does not exist in the target table or view.`,
  tooManyArguments: (proc: string) => `Procedure or function ${proc} has too many arguments specified.`,
  missingParameter: (proc: string, param: string) => `Procedure or function '${proc}' expects parameter '${param}', which was not supplied.`,
  notAParameter: (param: string, proc: string) => `${param} is not a parameter for procedure ${proc}.`,
};

/** Collects the findings of one script, batch by batch. */
export class Findings {
  readonly list: BinderDiagnostic[] = [];
  batch = 0;

  error(code: number, message: string, offset: number): void {
    this.list.push({ code, severity: 'error', message, offset, batch: this.batch });
  }

  warning(code: number, message: string, offset: number): void {
    this.list.push({ code, severity: 'warning', message, offset, batch: this.batch });
  }

  add(code: number, severity: 'error' | 'warning', message: string, offset: number): void {
    this.list.push({ code, severity, message, offset, batch: this.batch });
  }
}
