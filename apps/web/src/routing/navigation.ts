import { useEffect, useState, type MouseEvent } from 'react';
import { routeOf, type Route } from './routes';

const NAVIGATED = 'keta:navigated';

/** Moves to a page of the app without reloading it. */
export function navigate(path: string, { replace = false, state = null }: { replace?: boolean; state?: unknown } = {}): void {
  if (replace) history.replaceState(state, '', path);
  else history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The portal's page at the address, followed as it changes. */
export const useRoute = (): Route => useRouteOf(routeOf);

/** The page at the address, read by an app's own `parse` (the portal's routes, the console's), followed as it changes. */
export function useRouteOf<R>(parse: (pathname: string) => R): R {
  const [route, setRoute] = useState(() => parse(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parse(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, [parse]);
  return route;
}

/** A link's click, handled inside the page (a modified click still opens a new tab as links do). */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}
