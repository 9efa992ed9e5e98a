import type { Router } from 'express';
import { staticWebApp, webBuild } from './static-web-app';

export const OPS_CONSOLE_PATH = '/console';

/** The built ops console (@keta/web's dist-console), or null where it was not built. */
export const opsConsoleDist = (): string | null => webBuild('dist-console');

/**
 * The ops console, a static web app, at /console/, under the portal's policy. Its pages are public; the /ops
 * API they call admits ops and admins only.
 */
export function opsConsole(dist: string | null = opsConsoleDist()): Router {
  return staticWebApp({ path: OPS_CONSOLE_PATH, dist, name: 'ops console' });
}
