import type { ReactNode } from 'react';
import { Link } from './components/link';
import type { Me } from './api/referral-types';
import { NewReferralPage } from './pages/new-referral-page';
import { NotFoundPage } from './pages/not-found-page';
import { ReferralPage } from './pages/referral-page';
import { ReferralsPage } from './pages/referrals-page';
import { SignInPage } from './pages/sign-in-page';
import { useRoute } from './routing/navigation';
import { paths, type Route } from './routing/routes';
import { endSession } from './session/session';
import { AccountGate } from './session/account-gate';
import { useAccount, type Account } from './session/use-account';

const PORTAL_NAME = 'Keta referral portal';

export function App() {
  const route = useRoute();
  const { session, notice, account, user } = useAccount();
  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <p className="site-name">
          {user ? <Link href={paths.referrals()}>{PORTAL_NAME}</Link> : PORTAL_NAME}
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
  return (
    <AccountGate account={account} site={PORTAL_NAME} allows={(role) => role === 'referrer'} deniedTitle="This portal is for referrers"
      purpose="The referral portal is for the mental-health and pain providers who refer patients to the clinic; sign out, and use the clinic's own tools.">
      {(user) => pageOf(route, user)}
    </AccountGate>
  );
}

function pageOf(route: Route, user: Me): ReactNode {
  switch (route.page) {
    case 'referrals':
      return <ReferralsPage />;
    case 'new-referral':
      return <NewReferralPage referrer={user} />;
    case 'referral':
      return <ReferralPage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFoundPage what="page" />;
  }
}
