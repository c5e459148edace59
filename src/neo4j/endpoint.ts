// Where the Neo4j of this run is: the local container, or an existing server (HART_NEO4J_URL).
export interface Neo4jEndpoint {
  /** bolt://127.0.0.1:<port> for the container (bolt, not neo4j://, since the host port may be remapped). */
  url: string;
  user: string;
  password: string;
  external: boolean;
  container?: string;
}
