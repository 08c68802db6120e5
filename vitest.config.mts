import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Two projects: `unit` (pure code and the store, no server) and `integration` (a real server on
// 127.0.0.1 from a production build, which its global setup makes when sources changed).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/accuracy/**/*.test.ts'],
          testTimeout: 60_000,
          // Vitest's default (one less than the cores) runs these files one at a time on two cores;
          // they are single-threaded and CPU-bound, so two at once take about 60% of the time.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/build-once.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each file starts its own servers; two cores cannot run many at once honestly.
          fileParallelism: false,
        },
      },
    ],
  },
});
