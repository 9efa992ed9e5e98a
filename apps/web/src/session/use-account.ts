import { useEffect, useState } from 'react';
import type { Me } from '../api/referral-types';
import { me } from '../api/referrals-api';
import { currentSession, onSessionChange, type Session } from './session';

const ENDED = 'Your session has ended; sign in again.';

export type Account = { state: 'loading' } | { state: 'ready'; user: Me } | { state: 'failed'; message: string };

/**
 * The signed-in user, as the portal and the console both follow it: the session, who it belongs to
 * (`GET /auth/me`, read again at each new session), and a notice once it ended (signed out, or expired).
 */
export function useAccount(): { session: Session | null; notice: string | null; account: Account; user: Me | null } {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [notice, setNotice] = useState<string | null>(null);
  const [account, setAccount] = useState<Account>({ state: 'loading' });

  useEffect(
    () =>
      onSessionChange((next, reason) => {
        setSession(next);
        if (next) setNotice(null);
        else setNotice(reason === 'signed-out' ? 'You have signed out.' : ENDED);
      }),
    [],
  );

  useEffect(() => {
    if (!session) return;
    let current = true;
    setAccount({ state: 'loading' });
    void me().then((answer) => {
      if (!current) return;
      setAccount(answer.ok ? { state: 'ready', user: answer.body } : { state: 'failed', message: answer.problem.detail });
    });
    return () => {
      current = false;
    };
  }, [session]);

  return { session, notice, account, user: session && account.state === 'ready' ? account.user : null };
}
