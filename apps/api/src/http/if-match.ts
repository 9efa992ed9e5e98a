import { DomainError, ErrorCode } from '@keta/errors';

/** A versioned record's entity tag: weak, since the representation (JSON view, FHIR) varies but the version does not. */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * The version a change was made from, from its If-Match header (`W/"3"` or `"3"`, as the ETag gave it). A change
 * without one is refused: it could silently overwrite a change it never saw.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError(ErrorCode.PreconditionRequired, 'This change needs an If-Match header with the ETag of the version it was made from');
  }
  const version = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())?.[1];
  if (!version) throw new DomainError(ErrorCode.MalformedRequest, 'If-Match must be one ETag as this API gives it, e.g. W/"3"', [{ field: 'If-Match', message: 'is not an ETag of this API' }]);
  return Number(version);
}

/** Refuses a change made from a version that is no longer current. */
export function assertCurrent(what: string, current: number, expected: number): void {
  if (current !== expected) {
    throw new DomainError(ErrorCode.PreconditionFailed, `The ${what} has changed since version ${expected} (it is now at ${current}): read it again, then decide`);
  }
}
