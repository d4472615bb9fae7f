import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Every project runs at once except the ingest service's process tests, which come last and
    // alone (groupOrder 1 in their config).
    projects: [
      'packages/*',
      'apps/dashboard',
      'apps/ingest/vitest.config.ts',
      'apps/ingest/vitest.process.config.ts',
    ],
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
})
