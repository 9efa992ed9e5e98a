import type { AnchorHTMLAttributes } from 'react';
import { followLink } from '../routing/navigation';

/** A link to a page of the portal, followed without reloading it. */
export function Link({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a href={href} onClick={followLink} {...rest}>
      {children}
    </a>
  );
}
