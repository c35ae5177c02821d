import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/data/**/*.test.ts', 'tests/lessons/**/*.test.ts', 'tests/cli/**/*.test.ts'],
          environment: 'node',
          // Training tests are CPU-bound; two workers match the two cores we have.
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
