import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../api/api-client';

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

/**
 * One API answer kept current by polling: the last one read (null until then), and why the latest read failed,
 * in `failed`'s words. A 401 says nothing here: the session ends, and the app says so.
 */
export function usePolledAnswer<T>(read: () => Promise<ApiResult<T>>, failed: string, intervalMs = POLL_MS): { body: T | null; error: string | null } {
  const [body, setBody] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const answer = await read();
    if (answer.ok) {
      setBody(answer.body);
      setError(null);
    } else if (answer.status !== 401) {
      setError(`${failed}: ${answer.problem.detail}`);
    }
  }, [read, failed]);
  usePolling(refresh, intervalMs);
  return { body, error };
}
