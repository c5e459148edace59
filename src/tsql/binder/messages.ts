// SQL Server's message texts for the binder's findings (docs: "Database engine events and errors").
import type { BinderDiagnostic } from './types.js';

export const msg = {
  duplicateVariable: (name: string) => `The variable name '${name}' has already been declared. Variable names must be unique within a query batch or stored procedure.`,
  undeclaredScalar: (name: string) => `Must declare the scalar variable "${name}".`,
  undeclaredTable: (name: string) => `Must declare the table variable "${name}".`,
  multipartNotBound: (name: string) => `The multi-part identifier "${name}" could not be bound.`,
  columnPrefix: (prefix: string) => `The column prefix '${prefix}' does not match with a table name or alias name used in the query.`,
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
  columnWidth: (n: number, type: string) => `Column, parameter, or variable #${n}: Cannot specify a column width on data type ${type}.`,
  precisionTooLarge: (n: number, precision: number, max: number) => `Column or parameter #${n}: Specified column precision ${precision} is greater than the maximum precision of ${max}.`,
  sizeAboveAnyType: (size: number, target: string, max: number) => `The size (${size}) given to the ${target} exceeds the maximum allowed for any data type (${max}).`,
  sizeAboveType: (size: number, target: string, max: number) => `The size (${size}) given to the ${target} exceeds the maximum allowed (${max}).`,
  columnLevelKeys: (type: string, table: string) => `More than one key specified in column level ${type} constraint, table '${table}'.`,
  columnCheckOtherColumn: (column: string, table: string) => `Column CHECK constraint for column '${column}' references another column, table '${table}'.`,
  twoDefaults: (column: string, table: string) => `More than one column DEFAULT constraint specified for column '${column}', table '${table}'.`,
  duplicateRowguidcol: 'Duplicate column specified as ROWGUIDCOL.',
  computedNotPersisted: 'Only UNIQUE or PRIMARY KEY constraints can be created on computed columns, while CHECK, FOREIGN KEY, and NOT NULL constraints require that computed columns be persisted.',
  periodNotDefined: 'Cannot create generated always column when SYSTEM_TIME period is not defined.',
  twoPeriodColumns: (kind: string) => `Table cannot have more than one 'GENERATED ALWAYS AS ${kind}' column.`,
  objectExists: (name: string) => `There is already an object named '${name}' in the database.`,
  typeExists: (name: string) => `The type '${name}' already exists, or you do not have permission to create it.`,
  indexExists: (index: string, table: string) => `The operation failed because an index or statistics with name '${index}' already exists on table '${table}'.`,
  fkNoMatchingKey: (table: string, fk: string) => `There are no primary or candidate keys in the referenced table '${table}' that match the referencing column list in the foreign key '${fk}'.`,
  labelDeclared: (label: string) => `The label '${label}' has already been declared. Label names must be unique within a query batch or stored procedure.`,
  labelMissing: (label: string) => `A GOTO statement references the label '${label}' but the label has not been declared.`,
  breakOutside: 'Cannot use a BREAK statement outside the scope of a WHILE statement.',
  continueOutside: 'Cannot use a CONTINUE statement outside the scope of a WHILE statement.',
  returnValue: 'A RETURN statement with a return value cannot be used in this context.',
  ifUpdateOutside: 'Can only use IF UPDATE within a CREATE TRIGGER statement.',
  duplicateCte: (name: string) => `Duplicate common table expression name '${name}' was specified.`,
  duplicateExposed: (a: string, b: string) => `The objects "${a}" and "${b}" in the FROM clause have duplicate exposed names. Use correlation names to distinguish them.`,
  duplicateCorrelation: (name: string) => `The correlation name '${name}' is specified multiple times in a FROM clause.`,
  noColumnName: (n: number, name: string) => `No column name was specified for column ${n} of '${name}'.`,
  viewNoColumnName: (n: number) => `Create View or Function failed because no column name was specified for column ${n}.`,
  viewDuplicateColumn: (column: string, view: string) => `Column names in each view or function must be unique. Column name '${column}' in view or function '${view}' is specified more than once.`,
  insertCount: 'Column name or number of supplied values does not match table definition.',
  subqueryColumns: 'Only one expression can be specified in the select list when the subquery is not introduced with EXISTS.',
  aggregateInWhere: 'An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference.',
  windowedOutside: 'Windowed functions can only appear in the SELECT or ORDER BY clauses.',
  aggregateInGroupBy: 'Cannot use an aggregate or a subquery in an expression used for the group by list of a GROUP BY clause.',
  notInGroupBy: (column: string) => `Column '${column}' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.`,
  columnNotPermitted: (name: string) => `The name "${name}" is not permitted in this context. Valid expressions are constants, constant expressions, and (in some contexts) variables. Column names are not permitted.`,
  tooManyArguments: (proc: string) => `Procedure or function ${proc} has too many arguments specified.`,
  missingParameter: (proc: string, param: string) => `Procedure or function '${proc}' expects parameter '${param}', which was not supplied.`,
  notAParameter: (param: string, proc: string) => `${param} is not a parameter for procedure ${proc}.`,
};

/** Collects the findings of one script, batch by batch. */
export class Findings {
  readonly list: BinderDiagnostic[] = [];
  batch = 0;

  error(code: number, message: string, offset: number, hint?: string): void {
    this.add(code, 'error', message, offset, hint);
  }

  warning(code: number, message: string, offset: number): void {
    this.list.push({ code, severity: 'warning', message, offset, batch: this.batch });
  }

  add(code: number, severity: 'error' | 'warning', message: string, offset: number, hint?: string): void {
    this.list.push(hint === undefined ? { code, severity, message, offset, batch: this.batch } : { code, severity, message, offset, batch: this.batch, hint });
  }
}
