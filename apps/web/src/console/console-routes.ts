/** The console's pages, read from the path under the base it is served at (/console/). */
export type ConsoleRoute = { page: 'overview' } | { page: 'connection'; id: string } | { page: 'search' } | { page: 'not-found' };

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export function consoleRouteOf(pathname: string): ConsoleRoute {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'overview' };
  if (parts.length === 1 && parts[0] === 'search') return { page: 'search' };
  if (parts.length === 2 && parts[0] === 'connections') return { page: 'connection', id: decodeURIComponent(parts[1]!) };
  return { page: 'not-found' };
}

export const consolePaths = {
  overview: () => `${BASE}/`,
  connection: (id: string) => `${BASE}/connections/${encodeURIComponent(id)}`,
  search: () => `${BASE}/search`,
};
