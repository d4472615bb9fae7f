import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'ingest',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Process tests start the built service as child processes: see vitest.process.config.ts.
    exclude: ['test/process/**'],
    testTimeout: 20_000,
  },
})
