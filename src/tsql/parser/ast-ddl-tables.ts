// Tables, indexes, types, sequences, synonyms, partitions, statistics, full-text (see ddl-tables.ts).
export type TableDdlStatement = never;
