import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The shared package is TypeScript source with `.ts` imports and bigint literals, so both
// the dev server and the build target ES2022.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  esbuild: { target: 'es2022' },
  optimizeDeps: { esbuildOptions: { target: 'es2022' } },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
