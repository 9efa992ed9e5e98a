import type { ReactNode } from 'react';
import { Link } from '../components/link';
import { useRouteOf } from '../routing/navigation';
import { SignInPage } from '../pages/sign-in-page';
import { endSession } from '../session/session';
import { AccountGate } from '../session/account-gate';
import { useAccount, type Account } from '../session/use-account';
import { CONSOLE_NAME, ConsoleHeading } from './components/console-heading';
import { RawQueuesButton } from './components/raw-queues-button';
import { consolePaths, consoleRouteOf, type ConsoleRoute } from './console-routes';
import { ConnectionPage } from './pages/connection-page';
import { OverviewPage } from './pages/overview-page';
import { SearchPage } from './pages/search-page';

const OPS_ROLES = new Set(['ops', 'admin']);

/** The ops console: the portal's sign-in and session, then the sync's health and repairs, for ops and admins. */
export function ConsoleApp() {
  const route = useRouteOf(consoleRouteOf);
  const { session, notice, account, user } = useAccount();
  const ops = user !== null && OPS_ROLES.has(user.role);
  return (
    <>
      <a className="skip-link" href="#main">Skip to main content</a>
      <header className="site-header">
        <p className="site-name">{ops ? <Link href={consolePaths.overview()}>{CONSOLE_NAME}</Link> : CONSOLE_NAME}</p>
        {session ? (
          <nav aria-label="Console">
            <ul>
              {ops ? (
                <>
                  <li><Link href={consolePaths.overview()} aria-current={route.page === 'overview' ? 'page' : undefined}>Connections</Link></li>
                  <li><Link href={consolePaths.search()} aria-current={route.page === 'search' ? 'page' : undefined}>Search the ledger</Link></li>
                  <li><RawQueuesButton /></li>
                </>
              ) : null}
              <li><button type="button" className="link-button" onClick={() => endSession('signed-out')}>Sign out</button></li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="console">
        {!session ? (
          <SignInPage notice={notice} site={CONSOLE_NAME} intro="Sign in with your clinic account to watch and repair the sync to each EHR." />
        ) : (
          <SignedIn account={account} route={route} />
        )}
      </main>
    </>
  );
}

function SignedIn({ account, route }: { account: Account; route: ConsoleRoute }): ReactNode {
  return (
    <AccountGate account={account} site={CONSOLE_NAME} allows={(role) => OPS_ROLES.has(role)} deniedTitle="This console is not for you"
      purpose="The ops console is for the clinic's ops staff and admins, who watch the sync to each EHR; sign out, and use your own tools.">
      {() => pageOf(route)}
    </AccountGate>
  );
}

function pageOf(route: ConsoleRoute): ReactNode {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'connection':
      return <ConnectionPage key={route.id} id={route.id} />;
    case 'search':
      return <SearchPage />;
    case 'not-found':
      return (
        <>
          <ConsoleHeading title="Page not found" />
          <p>There is no page at this address. <Link href={consolePaths.overview()}>Go to the connections</Link>.</p>
        </>
      );
  }
}
