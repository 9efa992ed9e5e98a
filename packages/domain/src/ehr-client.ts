import { z } from 'zod';
import { smartScopeSchema } from './smart-scope';

/**
 * An EHR system that calls /fhir/R4 on its own behalf (SMART Backend Services). Not a user role: a client
 * authenticates with a signed assertion, never a password, and holds SMART system scopes instead of a role.
 */
export const EHR_CLIENT_ROLE = 'ehr-client';
export type EhrClientRole = typeof EHR_CLIENT_ROLE;

/** The JWK members that carry private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const base64url = z.string().min(1).max(2048).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
const RSA_MEMBERS = z.object({ n: base64url, e: base64url });
const EC_MEMBERS = z.object({ crv: z.literal('P-384', { error: 'must be P-384 (ES384)' }), x: base64url, y: base64url });

/**
 * A public signing key for RS384 or ES384, as the client publishes it. Other JWK members (x5c, key_ops...)
 * are kept as sent. `kid` is required: the assertion's header names the key by it.
 */
export const publicJwkSchema = z
  .looseObject({
    kty: z.enum(['RSA', 'EC'], { error: 'must be RSA or EC' }),
    kid: z.string().min(1).max(200),
    alg: z.enum(['RS384', 'ES384'], { error: 'must be RS384 or ES384 when present' }).optional(),
    use: z.literal('sig', { error: 'must be sig when present' }).optional(),
  })
  .superRefine((jwk, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const member of PRIVATE_MEMBERS) {
      if (member in jwk) issue([member], 'is private key material: register public keys only');
    }
    const members = (jwk.kty === 'RSA' ? RSA_MEMBERS : EC_MEMBERS).safeParse(jwk);
    for (const { path, message } of members.success ? [] : members.error.issues) issue(path, message);
    if (jwk.alg && jwk.alg !== (jwk.kty === 'RSA' ? 'RS384' : 'ES384')) issue(['alg'], `does not fit a ${jwk.kty} key`);
  });
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const jwksSchema = z.strictObject({
  keys: z
    .array(publicJwkSchema)
    .min(1)
    .max(20)
    .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'must not repeat a kid'),
});
export type Jwks = z.infer<typeof jwksSchema>;

const nameSchema = z.string().trim().min(1).max(200);
const scopesSchema = z
  .array(smartScopeSchema)
  .min(1)
  .max(100)
  .transform((scopes) => [...new Set(scopes)]);

export const newEhrClientSchema = z.strictObject({
  name: nameSchema,
  jwks: jwksSchema,
  scopes: scopesSchema,
  enabled: z.boolean().default(true),
});
export type NewEhrClient = z.infer<typeof newEhrClientSchema>;

export const ehrClientChangeSchema = z
  .strictObject({ name: nameSchema.optional(), jwks: jwksSchema.optional(), scopes: scopesSchema.optional(), enabled: z.boolean().optional() })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type EhrClientChange = z.infer<typeof ehrClientChangeSchema>;

/** A registered client; `id` is its OAuth client_id. */
export interface EhrClientView {
  id: string;
  name: string;
  jwks: Jwks;
  scopes: string[];
  enabled: boolean;
  /** The version this view shows (its ETag): a change names it in If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
