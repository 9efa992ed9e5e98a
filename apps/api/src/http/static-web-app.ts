import { DomainError, ErrorCode } from '@keta/errors';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { PAGE_POLICY } from './security-headers';
import { sendProblem } from './send-problem';

/** Vite names each asset by its content's hash: a changed asset is a new URL, so browsers may keep one for good. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/** A build folder of @keta/web (`dist`, `dist-console`), or null where it was not built (a developer who skipped it). */
export function webBuild(folder: string): string | null {
  try {
    const dist = join(dirname(require.resolve('@keta/web/package.json')), folder);
    return existsSync(join(dist, 'index.html')) ? dist : null;
  } catch {
    return null;
  }
}

export interface StaticWebApp {
  /** Where the API serves it: `/portal`. */
  path: string;
  /** Its build, or null. */
  dist: string | null;
  /** What it is called in a 404: "referral portal". */
  name: string;
}

/**
 * A static web app built by apps/web: its files as they are, and index.html for the pages it routes in the
 * browser. The pages are public: they hold no PHI, and every API call they make is authorised as any other.
 * Without a build the API still runs, and the path answers 404 saying why.
 */
export function staticWebApp({ path, dist, name }: StaticWebApp): Router {
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    // The pages hold no script or style of their own (the build emits files): nothing else may run.
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    if (req.originalUrl === path) return res.redirect(301, `${path}/`);
    next();
  });
  if (!dist) {
    router.use((req: Request, res: Response) => notFound(req, res, `The ${name} is not built here: run \`pnpm build\` (it builds apps/web) and restart the API`));
    return router;
  }
  const index = join(dist, 'index.html');
  router.use('/assets', express.static(join(dist, 'assets'), { index: false, redirect: false, setHeaders: (res) => res.setHeader('Cache-Control', HASHED_ASSET_CACHE) }));
  router.use(express.static(dist, { index: false, redirect: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing file is a 404; any other path is a page of the app, which its index.html routes.
    if (req.path.startsWith('/assets/') || extname(req.path) !== '') return notFound(req, res, `The ${name} has no such file`);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

function notFound(req: Request, res: Response, message: string): void {
  sendProblem(res, new DomainError(ErrorCode.NotFound, message), req.id as string);
}
