import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'functions/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    // Emulators and git servers bind loopback ports; tests must never hang CI.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests marked fail rather than skip: a silently skipped suite is a lie.
    allowOnly: false,
    passWithNoTests: false,
  },
});
