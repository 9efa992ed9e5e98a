import { DomainError, ErrorCode } from '@keta/errors';
import type { Response } from 'express';

/** A versioned record's entity tag: weak, since the representation (JSON view, FHIR) varies but the version does not. */
export const etagOf = (version: number): string => `W/"${version}"`;

/** Answers a view of a versioned record with its ETag, for the next change to send as If-Match. */
export function tagged<T extends { version: number }>(res: Response, view: T): T {
  res.setHeader('ETag', etagOf(view.version));
  return view;
}

/** A record whose body is what a change sends back whole (the clinic's settings, its fee schedule): its version is not part of it. */
export interface Versioned<T> {
  body: T;
  version: number;
}

/** Answers such a record's body, its version in the ETag alone. */
export function taggedBody<T>(res: Response, { body, version }: Versioned<T>): T {
  res.setHeader('ETag', etagOf(version));
  return body;
}

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

/**
 * The version a change to one of the clinic's own records (its settings, its fee schedule) was made from, if
 * it names one: the first change of such a record is made from nothing, so If-Match may be absent.
 */
export function versionFromOptionalIfMatch(header: string | undefined): number | undefined {
  return header === undefined || header.trim() === '' ? undefined : versionFromIfMatch(header);
}

/**
 * The clinic's own records are set first without If-Match (one sent names a version that never was), then
 * changed like any other versioned record: from the current version, never without one.
 */
export function assertCurrentOrFirst(what: string, current: number | undefined, expected: number | undefined): void {
  if (current === undefined) {
    if (expected !== undefined) throw new DomainError(ErrorCode.PreconditionFailed, `There is no version of the ${what} yet: the first change is made without If-Match`);
    return;
  }
  if (expected === undefined) {
    throw new DomainError(ErrorCode.PreconditionRequired, `This change needs an If-Match header with the ETag of the version of the ${what} it was made from`);
  }
  assertCurrent(what, current, expected);
}
