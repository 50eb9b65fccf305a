import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'functions/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    // Emulators and git servers bind loopback ports; tests must never hang CI. The bounds are generous
    // because whole-pipeline tests must also pass on a loaded 2-core machine; they bound hangs, not speed.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests marked fail rather than skip: a silently skipped suite is a lie.
    allowOnly: false,
    passWithNoTests: false,
  },
});
