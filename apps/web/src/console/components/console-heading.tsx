import type { ReactNode } from 'react';
import { PageHeading } from '../../components/page-heading';

export const CONSOLE_NAME = 'Keta ops console';

/** The page's h1, naming the console in the tab's title. */
export const ConsoleHeading = ({ title, children }: { title: string; children?: ReactNode }) => (
  <PageHeading title={title} site={CONSOLE_NAME}>{children}</PageHeading>
);
