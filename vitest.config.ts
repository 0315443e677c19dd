import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Three projects, all run by `npm test`:
// - unit: pure code, no servers;
// - integration: real PostgreSQL and Redis (each file gets its own schema / key prefix);
// - e2e: the whole server with the PBX simulator and a real browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/agent-ui/**'],
          environment: 'node',
        },
      },
      {
        // The console's runes state classes (*.svelte.ts) need the Svelte compiler and its
        // browser build, where $state and $derived are reactive.
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'ui',
          include: ['test/unit/agent-ui/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
