// Control-of-flow, variable, cursor, transaction, EXEC and Service Broker conversation statements (see procedural.ts).
export type ProceduralStatement = never;
