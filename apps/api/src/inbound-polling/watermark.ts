import { latestUpdate } from '@keta/fhir-mapping';
import type { ServiceRequest } from '@medplum/fhirtypes';

/**
 * How far a connection's referrals have been taken: the greatest lastUpdated, and the ServiceRequest versions
 * taken at that very instant. The search asks from the instant on (`ge`), so one the EHR changed in that
 * instant after the last poll is still found; those in `seen` are passed, so a refused one is not refused
 * (and counted) again at every poll.
 */
export interface Watermark {
  at: string | null;
  seen: ReadonlySet<string>;
}

/** A ServiceRequest's version: a change the EHR makes to it is a new one, read again. */
export function versionKey(request: ServiceRequest): string {
  return `${request.id}|${request.meta?.versionId ?? request.meta?.lastUpdated ?? ''}`;
}

/** The watermark once these have been taken; the same object when they move nothing. */
export function advanced(mark: Watermark, taken: readonly ServiceRequest[]): Watermark {
  const latest = latestUpdate(taken);
  if (!latest || (mark.at && Date.parse(latest) < Date.parse(mark.at))) return mark;
  const atLatest = taken.filter((r) => Date.parse(r.meta?.lastUpdated ?? '') === Date.parse(latest)).map(versionKey);
  const sameInstant = mark.at !== null && Date.parse(latest) === Date.parse(mark.at);
  if (sameInstant && atLatest.every((key) => mark.seen.has(key))) return mark;
  return { at: latest, seen: new Set(sameInstant ? [...mark.seen, ...atLatest] : atLatest) };
}

/** Whether the EHR gave these in lastUpdated order, as asked (`_sort`): only then may the next search start from the latest. */
export function inUpdateOrder(requests: readonly ServiceRequest[]): boolean {
  const times = requests.map((r) => Date.parse(r.meta?.lastUpdated ?? ''));
  return times.every((t, i) => !Number.isNaN(t) && (i === 0 || t >= times[i - 1]!));
}
