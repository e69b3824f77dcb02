import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // CI machines have 2 cores; a cluster test that takes 2 s alone can take 10 s beside the others.
    testTimeout: 30_000,
  },
});
