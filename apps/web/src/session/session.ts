/**
 * The signed-in referrer's bearer token. It lives in memory and in sessionStorage (so a reload of the tab keeps
 * it, and closing the tab drops it), never in a cookie: the browser never attaches it by itself, so no other
 * site can make a request that carries it, and the portal has no CSRF surface. It is dropped when it expires
 * (`expiresIn`) and on any 401 from the API.
 */
const STORAGE_KEY = 'keta.portal.session';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds at which the token stops being valid. */
  expiresAt: number;
}

export type EndReason = 'signed-out' | 'ended';
type Listener = (session: Session | null, reason: EndReason | null) => void;

let current: Session | null = read();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (stored && typeof stored.accessToken === 'string' && typeof stored.expiresAt === 'number' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // An unreadable entry is no session.
  }
  sessionStorage.removeItem(STORAGE_KEY);
  return null;
}

function publish(reason: EndReason | null): void {
  clearTimeout(expiryTimer);
  if (current) expiryTimer = setTimeout(() => endSession('ended'), Math.max(0, current.expiresAt - Date.now()));
  for (const listener of listeners) listener(current, reason);
}

export function currentSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) endSession('ended');
  return current;
}

export function startSession(accessToken: string, expiresInSeconds: number): void {
  current = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  publish(null);
}

/** Drops the token: the referrer signed out, or the session ended (expired, or the API answered 401). */
export function endSession(reason: EndReason): void {
  if (!current) return;
  current = null;
  sessionStorage.removeItem(STORAGE_KEY);
  publish(reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// A token restored from sessionStorage expires on time too.
publish(null);
