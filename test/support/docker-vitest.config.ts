import { defineConfig } from 'vitest/config';

// The container suites alone, without the integration suite's global setup (which starts the real
// Neo4j they do not need): npx vitest run -c test/support/docker-vitest.config.ts
export default defineConfig({
  test: {
    include: ['test/integration/containers*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
