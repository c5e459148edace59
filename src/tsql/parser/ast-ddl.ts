// Every DDL statement node.
import type { ModuleDdlStatement } from './ast-ddl-modules.js';
import type { TableDdlStatement } from './ast-ddl-tables.js';

export type DdlStatement = TableDdlStatement | ModuleDdlStatement;
