/** Every failure Keta reports to a caller has one of these codes; the edge maps each to an HTTP status. */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  MalformedRequest: 'malformed_request',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  /** A condition the client set (FHIR If-None-Exist, If-Match) cannot be decided: it matches more than one. */
  PreconditionFailed: 'precondition_failed',
  /** A change to a versioned record came without If-Match: it must say which version it was made from. */
  PreconditionRequired: 'precondition_required',
  /** Well-formed and valid, but against a rule of Keta's (FHIR: a server business rule). */
  BusinessRule: 'business_rule',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
