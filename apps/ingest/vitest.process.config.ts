import { defineProject } from 'vitest/config'

// Tests that start the built service as child processes and kill it. Beside the rest of the
// suite on two cores, one start on PGlite went from 6 s to over 60 s, so they run in a group of
// their own after every other project has finished, one file at a time.
export default defineProject({
  test: {
    name: 'ingest-process',
    environment: 'node',
    include: ['test/process/**/*.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 90_000,
  },
})
