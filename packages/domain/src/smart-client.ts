import { z } from 'zod';

/** The algorithms SMART Backend Services asks servers to support; Keta signs with one of them. */
export const SMART_SIGNING_ALGORITHMS = ['RS384', 'ES384'] as const;
export type SmartSigningAlgorithm = (typeof SMART_SIGNING_ALGORITHMS)[number];

/**
 * A system scope Keta asks an EHR for: SMART v2 (`system/Patient.cruds`) or v1 (`system/Patient.write`,
 * `system/*.*`), since EHRs in use still speak v1. Query-qualified scopes are not supported.
 */
const REQUESTED_SCOPE = /^system\/(\*|[A-Z][A-Za-z]{0,63})\.(read|write|\*|(?=[cruds])c?r?u?d?s?)$/;

/**
 * Keta as a SMART Backend Services client of an EHR: the client id the EHR registered, its token endpoint
 * (discovered from `[base]/.well-known/smart-configuration` when null), the scopes to ask for, and the
 * algorithm of the signing key Keta generates for the connection. The private key never leaves Keta: it is
 * kept sealed, and its public half is published in Keta's JWKS for the EHR to register.
 */
export const smartClientAuthSchema = z.strictObject({
  kind: z.literal('smart-backend'),
  clientId: z.string().trim().min(1).max(200),
  tokenUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(500).nullable().default(null),
  scopes: z
    .array(z.string().regex(REQUESTED_SCOPE, 'must be a SMART system scope: system/<Type>.<cruds> (v2) or system/<Type>.read|write|* (v1)'))
    .min(1)
    .max(50)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  algorithm: z.enum(SMART_SIGNING_ALGORITHMS).default('ES384'),
});
export type SmartClientAuth = z.infer<typeof smartClientAuthSchema>;

export interface SmartClientAuthView extends SmartClientAuth {
  /** The kid of the key Keta signs its assertions with. */
  keyId: string;
  /** The kid of the key staged to replace it: published already, signed with once activated. */
  nextKeyId: string | null;
  /** Where Keta publishes the public key: the JWKS URL to register with the EHR. */
  jwksUrl: string;
}
