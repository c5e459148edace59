// Views, functions, procedures, triggers, aggregates, assemblies, security and Service Broker objects
// (see ddl-modules.ts, ddl-security.ts, ddl-broker.ts).
export type ModuleDdlStatement = never;
