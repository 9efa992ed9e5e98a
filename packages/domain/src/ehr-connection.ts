import { z } from 'zod';
import { HOME_MEDICATION_FORMATS, type HomeMedicationFormat } from './home-medication';
import { isValidNpi } from './npi';
import { smartClientAuthSchema, type SmartClientAuthView } from './smart-client';

/** A clinic EHR receives every record consent allows; a referrer EHR only what concerns its referrals. */
export const EHR_CONNECTION_KINDS = ['clinic-ehr', 'referrer-ehr'] as const;
export type EhrConnectionKind = (typeof EHR_CONNECTION_KINDS)[number];

/** The FHIR types Keta sends an EHR; a connection may receive a subset, always with Patient (everything refers to it). */
export const SYNCED_RESOURCE_TYPES = [
  'Patient', 'ServiceRequest', 'Task', 'Condition', 'MedicationStatement', 'Observation', 'DetectedIssue', 'DocumentReference', 'Consent',
  'Encounter', 'MedicationAdministration', 'QuestionnaireResponse', 'AdverseEvent', 'Appointment',
] as const;

const resourceTypesSchema = z
  .array(z.enum(SYNCED_RESOURCE_TYPES))
  .min(1)
  .refine((types) => new Set(types).size === types.length, 'must not repeat a type')
  .refine((types) => types.includes('Patient'), 'must include Patient: every record refers to it')
  .nullable();

/**
 * Asking the EHR for new referrals, for an EHR that does not send them: the ServiceRequests whose performer is
 * the clinic (as that EHR knows it), every so often. `receivedAs` names the EHR client the same EHR pushes
 * with, if it does, so a referral both pushed and polled is taken once (they share the inbound key's source).
 */
const pollReferralsSchema = z.strictObject({
  performer: z.string().regex(/^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9.-]{1,64}$/, 'must be a FHIR reference as the EHR knows the clinic, e.g. Organization/123'),
  everySeconds: z.number().int().min(10).max(86400).default(300),
  receivedAs: z.uuid().nullable().default(null),
});

/** How a connection is synced: what it receives, whether it is paused, how fast and how many at once. */
const syncSettings = {
  resourceTypes: resourceTypesSchema,
  paused: z.boolean(),
  rateLimitPerMinute: z.number().int().min(1).max(100000).nullable(),
  concurrency: z.number().int().min(1).max(100).nullable(),
  /** A referrer's EHR hears about the referrals these referrers sent (their Patient, ServiceRequest and Task). */
  referrerNpis: z.array(z.string().refine(isValidNpi, 'must be a valid 10-digit NPI')).max(100)
    .refine((npis) => new Set(npis).size === npis.length, 'must not repeat an NPI'),
  /**
   * How the worker authenticates to the EHR: not at all, or with a bearer token it reads from its own
   * environment variable named here. Only EHR_* names, so a connection can never point at another secret.
   */
  auth: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('bearer'), tokenEnv: z.string().regex(/^EHR_[A-Z0-9_]{1,64}$/, 'must name an EHR_* environment variable of the worker') }),
    smartClientAuthSchema,
  ]),
  pollReferrals: pollReferralsSchema.nullable(),
};
export type EhrConnectionAuth = z.infer<typeof syncSettings.auth>;
/** As an admin reads it: a SMART client also shows its signing key's id and where Keta publishes it. */
export type EhrConnectionAuthView = Exclude<EhrConnectionAuth, { kind: 'smart-backend' }> | SmartClientAuthView;
export type PollReferrals = z.infer<typeof pollReferralsSchema>;

/** A connection's alert thresholds over the worker's defaults (ALERT_*); each one left out keeps the default. */
export const alertThresholdsSchema = z.strictObject({
  /** Fire when its oldest unconfirmed outbox row is this many seconds old. */
  oldestPendingSeconds: z.number().int().min(1).max(30 * 86400).optional(),
  /** Fire when this share of its sync attempts of the last 5 minutes failed (0 < rate <= 1)... */
  failureRate: z.number().gt(0).max(1).optional(),
  /** ...counted only from this many attempts. */
  minAttempts: z.number().int().min(1).max(1000000).optional(),
  /** Fire when it has confirmed no record for this many minutes while records wait for it. */
  noTrafficMinutes: z.number().int().min(1).max(30 * 1440).optional(),
});
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(500)
  .transform((url) => url.replace(/\/+$/, ''));

export const newEhrConnectionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  baseUrl: baseUrlSchema,
  kind: z.enum(EHR_CONNECTION_KINDS),
  enabled: z.boolean().default(true),
  /** US Core EHRs take home medications as reported MedicationRequests (DOMAIN.md §2.5). */
  homeMedicationFormat: z.enum(HOME_MEDICATION_FORMATS).default('medication-statement'),
  resourceTypes: syncSettings.resourceTypes.default(null),
  paused: syncSettings.paused.default(false),
  rateLimitPerMinute: syncSettings.rateLimitPerMinute.default(null),
  concurrency: syncSettings.concurrency.default(null),
  auth: syncSettings.auth.default({ kind: 'none' }),
  referrerNpis: syncSettings.referrerNpis.default([]),
  alertThresholds: alertThresholdsSchema.nullable().default(null),
  pollReferrals: syncSettings.pollReferrals.default(null),
});
export type NewEhrConnection = z.infer<typeof newEhrConnectionSchema>;

export const ehrConnectionChangeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    baseUrl: baseUrlSchema.optional(),
    enabled: z.boolean().optional(),
    homeMedicationFormat: z.enum(HOME_MEDICATION_FORMATS).optional(),
    resourceTypes: syncSettings.resourceTypes.optional(),
    paused: syncSettings.paused.optional(),
    rateLimitPerMinute: syncSettings.rateLimitPerMinute.optional(),
    concurrency: syncSettings.concurrency.optional(),
    auth: syncSettings.auth.optional(),
    referrerNpis: syncSettings.referrerNpis.optional(),
    alertThresholds: alertThresholdsSchema.nullable().optional(),
    pollReferrals: syncSettings.pollReferrals.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type EhrConnectionChange = z.infer<typeof ehrConnectionChangeSchema>;

export interface EhrConnectionView {
  id: string;
  name: string;
  baseUrl: string;
  kind: EhrConnectionKind;
  enabled: boolean;
  homeMedicationFormat: HomeMedicationFormat;
  resourceTypes: string[] | null;
  paused: boolean;
  rateLimitPerMinute: number | null;
  concurrency: number | null;
  auth: EhrConnectionAuthView;
  referrerNpis: string[];
  /** Polling the EHR for referrals addressed to the clinic; null: it sends them. */
  pollReferrals: PollReferrals | null;
  /** Alert thresholds over the worker's defaults; null: the defaults. */
  alertThresholds: AlertThresholds | null;
  /** The EHR refused Keta's credentials: sync to it is held until they change or ops retry. */
  authRefused: { code: string; at: string } | null;
  /** The version this view shows (its ETag): a change names it in If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
