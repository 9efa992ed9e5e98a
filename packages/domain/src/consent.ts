import { z } from 'zod';

/**
 * The two consents a patient signs (DOMAIN.md §2.3): to the off-label infusion itself (treatment), and to
 * the clinic releasing their records to a referrer or external EHR (privacy).
 */
export const CONSENT_KINDS = ['treatment', 'privacy'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Who a privacy consent lets the clinic disclose records to. */
export interface ConsentRecipient {
  name: string;
  /** Where the recipient is reached, e.g. the EHR's FHIR base URL. */
  url?: string;
}

/** What the patient agreed to: a privacy consent always names its recipient and says whether Part 2 data may go. */
export type ConsentTerms =
  | { kind: 'treatment' }
  | { kind: 'privacy'; recipient: ConsentRecipient; coversPart2: boolean };

/** A revoked consent keeps when it was revoked; an active one has no such time. */
export type ConsentState = { status: 'active' } | { status: 'revoked'; revokedAt: string };

export type ConsentRecord = {
  id: string;
  patientId: string;
  signedAt: string;
  /** The signed PDF in the document store. */
  documentId?: string;
  /** The last day the consent holds (YYYY-MM-DD), when it lapses on its own. */
  expiresOn?: string;
} & ConsentTerms & ConsentState;

/** A consent as staff record it at signing: a privacy consent names the EHR it releases records to. */
export const newConsentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('treatment'), signedAt: z.iso.datetime({ offset: true }).optional(), expiresOn: z.iso.date().optional() }),
  z.strictObject({
    kind: z.literal('privacy'),
    recipient: z.strictObject({ name: z.string().trim().min(1).max(200), url: z.url({ protocol: /^https?$/ }).max(500).optional() }),
    coversPart2: z.boolean().default(false),
    signedAt: z.iso.datetime({ offset: true }).optional(),
    expiresOn: z.iso.date().optional(),
  }),
]);
export type NewConsent = z.infer<typeof newConsentSchema>;
