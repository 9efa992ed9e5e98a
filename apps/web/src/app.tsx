import type { ReactNode } from 'react';
import { Link } from './components/link';
import { PageHeading } from './components/page-heading';
import { NewReferralPage } from './pages/new-referral-page';
import { NotFoundPage } from './pages/not-found-page';
import { ReferralPage } from './pages/referral-page';
import { ReferralsPage } from './pages/referrals-page';
import { SignInPage } from './pages/sign-in-page';
import { useRoute } from './routing/navigation';
import { paths, type Route } from './routing/routes';
import { endSession } from './session/session';
import { useAccount, type Account } from './session/use-account';



export function App() {
  const route = useRoute();
  const { session, notice, account, user } = useAccount();
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
