import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'properties/**/*.test.ts', 'src/**/*.test.ts'],
    // Searches are CPU-bound; the default tier stays well under five minutes on two cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
