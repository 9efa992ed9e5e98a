import type { NextFunction, Request, Response } from 'express';

/** The API answers data, never pages: nothing may run, load or frame it. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** A page of this origin's own files only (the web apps): nothing inline, nothing from elsewhere, never framed. */
export const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
/** The same for a page whose stylesheet sets inline styles (Swagger UI at /docs, Bull Board); its scripts are still its own files. */
export const PAGE_POLICY_INLINE_STYLES = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/**
 * Headers every response carries: no sniffing, no referrer, no framing, a Content-Security-Policy, and no
 * caching of what may be PHI. HSTS once the API is public over https. Pages that need more (the portal, /docs)
 * set their own policy.
 */
export function securityHeaders(publicUrl: string | undefined) {
  const https = publicUrl?.startsWith('https://') ?? false;
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', isDocs(req.path) ? PAGE_POLICY_INLINE_STYLES : API_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');
