import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component and logic tests in jsdom; the browser end-to-end suite has its own config.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  esbuild: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'jsdom',
    testTimeout: 15_000,
  },
});
