import type { ReactNode } from 'react';

/**
 * A message about the whole page. `alert` (a failure) is announced at once; `status` (news) politely. The
 * live region is always in the page, so its text is announced when it changes.
 */
export function Notice({ kind, children, id }: { kind: 'alert' | 'status'; children?: ReactNode; id?: string }) {
  return (
    <div id={id} role={kind} className={children ? `notice notice-${kind}` : 'notice-empty'}>
      {children}
    </div>
  );
}
