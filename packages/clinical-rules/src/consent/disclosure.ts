/** A consent as the disclosure rule reads it: a privacy consent names its recipient by URL. */
export interface DisclosureConsent {
  kind: 'treatment' | 'privacy';
  status: 'active' | 'revoked';
  recipientUrl?: string;
  coversPart2?: boolean;
  /** The last day it holds (YYYY-MM-DD). */
  expiresOn?: string;
}

export type WithheldReason = 'consent-revoked' | 'consent-expired' | 'part2-needs-consent';
export type Disclosure = { allowed: true } | { allowed: false; reason: WithheldReason };

/**
 * Whether a record may go to a recipient (DESIGN.md, "Who receives what"; DOMAIN.md §2.3, §5.2). Disclosure
 * for treatment is allowed by default (HIPAA); 42 CFR Part 2 data needs the patient's privacy consent naming
 * the recipient and covering it; a privacy consent naming the recipient that was revoked, or lapsed, stops
 * everything to it until a new one is signed.
 */
export function disclosure(record: { part2: boolean }, recipientUrl: string, consents: readonly DisclosureConsent[], today: string): Disclosure {
  const naming = consents.filter((c) => c.kind === 'privacy' && c.recipientUrl !== undefined && sameUrl(c.recipientUrl, recipientUrl));
  const active = naming.filter((c) => c.status === 'active' && (c.expiresOn === undefined || c.expiresOn >= today));
  if (active.length) return !record.part2 || active.some((c) => c.coversPart2 === true) ? { allowed: true } : { allowed: false, reason: 'part2-needs-consent' };
  if (naming.some((c) => c.status === 'revoked')) return { allowed: false, reason: 'consent-revoked' };
  if (naming.length) return { allowed: false, reason: 'consent-expired' };
  return record.part2 ? { allowed: false, reason: 'part2-needs-consent' } : { allowed: true };
}

/** URLs compared as an EHR connection stores them: without trailing slashes, the scheme and host in lower case. */
function sameUrl(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function normalize(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const at = trimmed.indexOf('/', trimmed.indexOf('//') + 2);
  return at < 0 ? trimmed.toLowerCase() : trimmed.slice(0, at).toLowerCase() + trimmed.slice(at);
}
