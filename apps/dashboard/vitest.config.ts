import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

// Separate from vite.config.ts: SvelteKit's plugin resolves its files from the working
// directory, which is the repository root when vitest runs every project.
export default defineProject({
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  test: {
    name: 'dashboard',
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
