import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // Provisions one database server (FerretDB or what MONGODB_URI names) for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
    // Generous: a loaded two-core machine runs a real-server test several times slower; a limit
    // is a hang detector here, never a speed check (benchmarks measure speed).
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Two cores: integration tests start real servers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
