import { defineConfig } from 'vitest/config';

// Browser end-to-end: starts the whole system in-process and drives Debian's Chromium.
export default defineConfig({
  root: import.meta.dirname,
  esbuild: { target: 'es2022' },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // a journey waits for what a person would see arrive: 1 s (Vitest's default) is too little on
    // a loaded machine, as Playwright's own waits (30 s) know
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    fileParallelism: false,
  },
});
