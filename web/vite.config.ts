import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No node imports here: callers (src/cli/web-build.ts, `vite build web`) set `root` to this folder.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
