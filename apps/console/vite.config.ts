import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API under /console (apps/api/src/http/console-static.ts); assets are content-hashed under
// /console/assets so the API can cache them for a year. In development, /v1 goes to a local API.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/v1': process.env.CONSOLE_API_URL ?? 'http://127.0.0.1:3000' } },
});
