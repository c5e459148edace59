// Settings of the deterministic seed generator (seeds/embeddings.json, overridable by flags).
export interface EmbeddingSettings {
  /** Number of sample atoms (default 2,000). */
  count: number;
  /** Vector dimension (default 1536). */
  dim: number;
  /** Number of topic clusters. */
  topics: number;
  /** PRNG seed: same settings → byte-identical vectors on every machine. */
  seed: number;
}

export interface SeedAtom {
  /** Stable natural key, e.g. "sample-000042". */
  key: string;
  topic: number;
  topicName: string;
  text: string;
  /** Unit-length float32 vector. */
  vector: Float32Array;
  /**
   * The atom's point on the 2-D concept map (Atoms.SpatialKey = geometry::Point(x, y, 0)): its topic's
   * grid position plus the sample's noise. Absent when the producer has no map position (SpatialKey NULL).
   */
  spatial?: { x: number; y: number };
}
