import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/unit/setup.ts'],
    setupFiles: ['tests/unit/registerFixtures.ts'],
    testTimeout: 30_000,
  },
});
