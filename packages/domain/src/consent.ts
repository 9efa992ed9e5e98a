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

/** Who put their name to a consent: the patient, or a legal representative (named) on their behalf. */
export type ConsentSigner = { signer: 'patient' } | { signer: 'legal-representative'; representativeName: string };

/** The form version a consent was signed on: its text is the form's, which never changes once published. */
export interface SignedForm {
  id: string;
  version: number;
  title: string;
}

export type ConsentRecord = {
  id: string;
  patientId: string;
  signedAt: string;
  /** The signed PDF in the document store. */
  documentId?: string;
  /** The last day the consent holds (YYYY-MM-DD), when it lapses on its own. */
  expiresOn?: string;
  /** Consents recorded before consent forms existed name no form, signer or witness. */
  form?: SignedForm;
  signedBy?: ConsentSigner;
  /** The staff member who saw it signed (a user id). */
  witnessedBy?: string;
} & ConsentTerms & ConsentState;

/** What every signing names: the form the patient read, who signed it, and the staff member who witnessed it. */
const signing = {
  formId: z.uuid(),
  signedBy: z.discriminatedUnion('signer', [
    z.strictObject({ signer: z.literal('patient') }),
    z.strictObject({ signer: z.literal('legal-representative'), representativeName: z.string().trim().min(1).max(200) }),
  ]).default({ signer: 'patient' }),
  witnessId: z.uuid(),
  signedAt: z.iso.datetime({ offset: true }).optional(),
  expiresOn: z.iso.date().optional(),
};

/** A consent as staff record it at signing: a privacy consent names the EHR it releases records to. */
export const newConsentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('treatment'), ...signing }),
  z.strictObject({
    kind: z.literal('privacy'),
    recipient: z.strictObject({ name: z.string().trim().min(1).max(200), url: z.url({ protocol: /^https?$/ }).max(500).optional() }),
    coversPart2: z.boolean().default(false),
    ...signing,
  }),
]);
export type NewConsent = z.infer<typeof newConsentSchema>;

/** A consent form as an admin publishes it: the text a patient reads before signing. */
export const newConsentFormSchema = z.strictObject({
  kind: z.enum(CONSENT_KINDS),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(100_000),
});
export type NewConsentForm = z.infer<typeof newConsentFormSchema>;

/** A published form; `version` counts the kind's forms from 1, the latest is the one to sign. */
export interface ConsentFormRecord extends SignedForm {
  kind: ConsentKind;
  body: string;
  publishedAt: string;
  publishedBy: string;
}

export const consentFormQuerySchema = z.strictObject({ kind: z.enum(CONSENT_KINDS).optional() });
export type ConsentFormQuery = z.infer<typeof consentFormQuerySchema>;
