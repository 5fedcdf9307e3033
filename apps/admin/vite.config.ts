import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin app is served by Vigil's own server from `dist/` (assets under `/assets/`); in
 * development, `vite` proxies the API to a Vigil started with `pnpm --silent vigil start`.
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', assetsDir: 'assets', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': 'http://127.0.0.1:3000',
      '/files': 'http://127.0.0.1:3000',
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
