// Builds the single-page app into packages/web/dist, which the server serves with an SPA fallback.
// In `vite dev` the API lives on the server (port 3000), proxied so that cookies stay same-origin.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      // the stream endpoint is server-sent events: keep the connection open and unbuffered
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
