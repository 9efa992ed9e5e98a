import type { Router } from 'express';
import { staticWebApp, webBuild } from './static-web-app';

export const PORTAL_PATH = '/portal';

/** The built portal (@keta/web's dist), or null where it was not built. */
export const portalDist = (): string | null => webBuild('dist');

/** The referral portal, a static web app, at /portal/ (its pages routed in the browser: /portal/referrals/:id). */
export function portal(dist: string | null = portalDist()): Router {
  return staticWebApp({ path: PORTAL_PATH, dist, name: 'referral portal' });
}
