/** The portal's pages, read from the path under the base it is served at (/portal/). */
export type Route =
  | { page: 'referrals' }
  | { page: 'new-referral' }
  | { page: 'referral'; id: string }
  | { page: 'not-found' };

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export function routeOf(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'referrals')) return { page: 'referrals' };
  if (parts.length === 2 && parts[0] === 'referrals' && parts[1] === 'new') return { page: 'new-referral' };
  if (parts.length === 2 && parts[0] === 'referrals') return { page: 'referral', id: decodeURIComponent(parts[1]!) };
  return { page: 'not-found' };
}

export const paths = {
  referrals: () => `${BASE}/`,
  newReferral: () => `${BASE}/referrals/new`,
  referral: (id: string) => `${BASE}/referrals/${encodeURIComponent(id)}`,
};
