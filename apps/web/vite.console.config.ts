import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The ops console: a second build of this app, served by the API at /console/ (apps/api/src/http/ops-console.ts)
// under the portal's Content-Security-Policy. It shares the portal's sign-in, session and API client.
export default defineConfig({
  root: 'console',
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../dist-console',
    emptyOutDir: true,
    // A CSP without 'unsafe-inline' refuses the inline module-preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
