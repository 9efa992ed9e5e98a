import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It takes focus when the page opens, so a screen reader starts at the new page after a
 * move inside the app, and it names the page in the tab's title.
 */
export function PageHeading({ title, children, site = 'Keta referral portal' }: { title: string; children?: ReactNode; site?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${site}`;
    ref.current?.focus();
  }, [title, site]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
