import { useEffect, useState, type ReactNode } from 'react';
import type { Me } from './api/referral-types';
import { me } from './api/referrals-api';
import { Link } from './components/link';
import { PageHeading } from './components/page-heading';
import { NewReferralPage } from './pages/new-referral-page';
import { NotFoundPage } from './pages/not-found-page';
import { ReferralPage } from './pages/referral-page';
import { ReferralsPage } from './pages/referrals-page';
import { SignInPage } from './pages/sign-in-page';
import { useRoute } from './routing/navigation';
import { paths, type Route } from './routing/routes';
import { currentSession, endSession, onSessionChange, type Session } from './session/session';

const ENDED = 'Your session has ended; sign in again.';

type Account = { state: 'loading' } | { state: 'ready'; user: Me } | { state: 'failed'; message: string };

export function App() {
  const route = useRoute();
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

  const user = session && account.state === 'ready' ? account.user : null;
  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <p className="site-name">
          {user ? <Link href={paths.referrals()}>Keta referral portal</Link> : 'Keta referral portal'}
        </p>
        {session ? (
          <nav aria-label="Portal">
            <ul>
              {user?.role === 'referrer' ? (
                <>
                  <li><Link href={paths.referrals()} aria-current={route.page === 'referrals' ? 'page' : undefined}>My referrals</Link></li>
                  <li><Link href={paths.newReferral()} aria-current={route.page === 'new-referral' ? 'page' : undefined}>New referral</Link></li>
                </>
              ) : null}
              <li><button type="button" className="link-button" onClick={() => endSession('signed-out')}>Sign out</button></li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {!session ? <SignInPage notice={notice} /> : <SignedIn account={account} route={route} />}
      </main>
    </>
  );
}

function SignedIn({ account, route }: { account: Account; route: Route }): ReactNode {
  if (account.state === 'loading') return <p role="status">Loading…</p>;
  if (account.state === 'failed') {
    return (
      <>
        <PageHeading title="Something went wrong" />
        <p role="alert">{account.message}</p>
      </>
    );
  }
  if (account.user.role !== 'referrer') {
    return (
      <>
        <PageHeading title="This portal is for referrers" />
        <p>
          You are signed in as {account.user.displayName}, whose role is {account.user.role}. The referral portal is for
          the mental-health and pain providers who refer patients to the clinic; sign out, and use the clinic&apos;s own tools.
        </p>
      </>
    );
  }
  switch (route.page) {
    case 'referrals':
      return <ReferralsPage />;
    case 'new-referral':
      return <NewReferralPage referrer={account.user} />;
    case 'referral':
      return <ReferralPage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFoundPage what="page" />;
  }
}
