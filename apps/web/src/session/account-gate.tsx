import type { ReactNode } from 'react';
import type { Me } from '../api/referral-types';
import { PageHeading } from '../components/page-heading';
import type { Account } from './use-account';

interface Gate {
  account: Account;
  /** The app's name, for the tab's title. */
  site: string;
  allows: (role: string) => boolean;
  /** The heading a signed-in user of another role reads, and what the app is for, in words. */
  deniedTitle: string;
  purpose: string;
  children: (user: Me) => ReactNode;
}

/**
 * What the portal and the console show a signed-in user before their pages: a wait while the account is read,
 * why it could not be, or that the app is not for their role; else the pages, for that user.
 */
export function AccountGate({ account, site, allows, deniedTitle, purpose, children }: Gate): ReactNode {
  if (account.state === 'loading') return <p role="status">Loading…</p>;
  if (account.state === 'failed') {
    return (
      <>
        <PageHeading title="Something went wrong" site={site} />
        <p role="alert">{account.message}</p>
      </>
    );
  }
  if (!allows(account.user.role)) {
    return (
      <>
        <PageHeading title={deniedTitle} site={site} />
        <p>You are signed in as {account.user.displayName}, whose role is {account.user.role}. {purpose}</p>
      </>
    );
  }
  return children(account.user);
}
