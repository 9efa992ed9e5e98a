import { currentSession, endSession } from '../session/session';
import { toProblem, type Problem } from './problem';

export type ApiResult<T> =
  | { ok: true; status: number; body: T; etag: string | null }
  | { ok: false; status: number; problem: Problem; retryAfterSeconds: number | null };

interface Request {
  method?: 'GET' | 'POST' | 'PUT';
  json?: unknown;
  /** A raw body (a PDF letter) and its type. */
  bytes?: { data: Blob; contentType: string };
  headers?: Record<string, string>;
  /** Sign-in itself: no token is sent, and its 401 is a wrong password, not an ended session. */
  anonymous?: boolean;
}

/**
 * Calls the API on this origin (the portal is served by the API at /portal/). Sends the bearer token; a 401
 * ends the session, and the app returns to sign-in.
 */
export async function callApi<T>(path: string, { method = 'GET', json, bytes, headers = {}, anonymous = false }: Request = {}): Promise<ApiResult<T>> {
  const token = anonymous ? null : currentSession()?.accessToken;
  const sent: Record<string, string> = { accept: 'application/json', ...headers };
  if (token) sent.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (json !== undefined) {
    sent['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (bytes) {
    sent['content-type'] = bytes.contentType;
    body = bytes.data;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers: sent, body, credentials: 'omit', cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, problem: toProblem(0, undefined), retryAfterSeconds: null };
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return { ok: true, status: res.status, body: parsed as T, etag: res.headers.get('etag') };
  if (res.status === 401 && !anonymous) endSession('ended');
  const retryAfter = Number(res.headers.get('retry-after'));
  return { ok: false, status: res.status, problem: toProblem(res.status, parsed), retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
