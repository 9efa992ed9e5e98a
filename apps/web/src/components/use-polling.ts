import { useEffect, useRef } from 'react';

export const POLL_MS = 4000;

/**
 * Calls `refresh` now, then every few seconds while the page is visible, and at once when it becomes visible
 * again: a referral's status changes at the clinic, and the page follows it without a reload.
 */
export function usePolling(refresh: () => Promise<void>, intervalMs = POLL_MS): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      clearTimeout(timer);
      if (document.visibilityState === 'visible') await latest.current();
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
