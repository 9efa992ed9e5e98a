import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the build at /portal/ (apps/api/src/http/portal.ts) under a strict Content-Security-Policy:
// no inline script or style, so the build must emit every script and style as a file of its own.
export default defineConfig({
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A CSP without 'unsafe-inline' refuses the inline module-preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
