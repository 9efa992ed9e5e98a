import { mergeConfig } from 'vite';
import portal from './vite.config';

// The ops console: a second build of this app, served by the API at /console/ (apps/api/src/http/ops-console.ts)
// under the portal's Content-Security-Policy, so with the portal's build settings. It shares the portal's
// sign-in, session and API client.
export default mergeConfig(portal, {
  root: 'console',
  base: '/console/',
  build: { outDir: '../dist-console' },
});
