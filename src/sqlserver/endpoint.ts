// Where the SQL Server of this run is: the local container, or an existing server (HART_SQL_URL).
export interface SqlEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** true when the server is not our container (HART_SQL_URL): some phases behave differently. */
  external: boolean;
  /** Container name when local, for `docker exec` and log tails. */
  container?: string;
}
