import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles runes modules (`*.svelte.ts`: the playback, the session) for the tests of their logic.
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts'],
    // Workers start from one bundled file instead of through tsx (scripts/workerBundle.ts).
    globalSetup: ['scripts/workerBundle.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Engine tests start real worker threads; two test files at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
