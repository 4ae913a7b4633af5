import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The shared package is TypeScript source with `.ts` imports and bigint literals, so both
// the dev server and the build target ES2022.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    // brotli and gzip twins of every text file over 1 KiB, made once at build time at the highest
    // levels; the Edge picks one by Accept-Encoding (@fastify/static preCompressed)
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|mjs|css|html|svg|json|map|txt)$/,
      threshold: 1024,
      skipIfLargerOrEqual: true,
    }),
  ],
  server: { port: 5173, strictPort: true },
  esbuild: { target: 'es2022' },
  optimizeDeps: { esbuildOptions: { target: 'es2022' } },
  // source maps are written for whoever deploys the build; the Edge serves them only with
  // WEB_SOURCEMAPS=on, so by default the `sourceMappingURL` a browser's devtools follow is a 404.
  // The manifest (dist/.vite/manifest.json, never served: a dot directory) is the import graph
  // scripts/bundle-report.ts measures first-load JavaScript from.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true },
});
