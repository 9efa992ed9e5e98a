import type { EhrConnectionEntity } from '@keta/db';
import type { PollReferrals } from '@keta/domain';
import { EhrError } from '@keta/ehr-client';
import {
  byReference, isReferralFor, matchedRequests, nextLink, POLLED_REFERRAL_INTENTS, POLLED_REFERRAL_STATUS, resourcesOf, sortApplied,
  type ResourcesByReference,
} from '@keta/fhir-mapping';
import type { Bundle, ServiceRequest } from '@medplum/fhirtypes';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { EhrFhirReader } from './ehr-fhir.reader';
import { dueHeldReferrals, holdReferral, releaseHeldReferrals } from './held-referrals.store';
import { advanceWatermark, type PollTally } from './inbound-poll.store';
import { pollSource, PolledReferralReceiver, type PolledOutcome } from './polled-referral.receiver';
import { advanced, inUpdateOrder, versionKey, type Watermark } from './watermark';

// Ask the EHR to include what a referral draws on; what it leaves out is read one by one (EhrFhirReader.withReferenced).
const INCLUDES = ['ServiceRequest:subject', 'ServiceRequest:requester'];
const ITERATED_INCLUDES = ['PractitionerRole:practitioner', 'PractitionerRole:organization'];

/** A connection that polls for referrals. */
export type PollingConnection = EhrConnectionEntity & { pollReferrals: PollReferrals };

/** Why a referral is held: its intake failed on Keta's side (the reason is in the API's log, by request id). */
const INTAKE_FAILED = 'intake_failed';
/** The largest page asked for (INBOUND_POLL_PAGE_SIZE's own limit), when many referrals share the watermark's instant. */
const LARGEST_PAGE = 1000;
/** Held referrals tried again at one poll at most (each is a read or more): the rest at the next. */
const HELD_TRIES_PER_POLL = 10;

/**
 * One poll of one connection: the referrals held from earlier polls that are due another try, then those
 * addressed to the clinic updated since the watermark, page by page (at most INBOUND_POLL_MAX_PAGES; the
 * rest at the next poll), each through the intake. A refused referral is counted and passed (it is not
 * retried until the EHR changes it); one whose intake fails on Keta's side is held and tried again, so
 * the watermark moves on and the referrals after it are not kept waiting.
 */
@Injectable()
export class ReferralPollService {
  private readonly logger = new Logger(ReferralPollService.name);

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly ehr: EhrFhirReader,
    private readonly receiver: PolledReferralReceiver,
  ) {}

  /**
   * The watermark moves only past what cannot be missed: a page in lastUpdated order, from whose latest
   * instant the next search starts (keyset paging, the EHR's next link unused), or a search read to its end.
   * An EHR that pages by offset shifts its pages when a referral changes mid-search, and one that ignores
   * `_sort` hands them out of order: their pages are followed by link and settled only at the end. A search
   * from the watermark asks for every version already taken at its instant and a page more (pageFrom), so
   * referrals loaded in one instant, more than a page of them, are got past even without next links. What
   * cannot be got past fails the poll with a code ops see, never silently.
   */
  async run(tx: EntityManager, connection: PollingConnection, start: Watermark, tally: PollTally): Promise<void> {
    const tried = await this.retryHeld(tx, connection, tally);
    let mark = start;
    let unsettled: ServiceRequest[] = [];
    let count = this.pageFrom(mark);
    let url: string | undefined = this.searchUrl(connection, mark.at, count);
    for (let page = 0; url && page < this.config.INBOUND_POLL_MAX_PAGES; page++) {
      const searchset: Bundle = await this.ehr.get<Bundle>(connection, url);
      const matched = matchedRequests(searchset);
      const fresh = matched.filter((r) => !mark.seen.has(versionKey(r)) && !tried.has(r.id ?? ''));
      await this.receivePage(tx, connection, fresh, byReference(resourcesOf(searchset)), tally);
      const link = nextLink(searchset);
      const next = advanced(mark, [...unsettled, ...matched]);
      // In order by the EHR's word (its self link kept `_sort`), or by the look of the page when it gives no word.
      const ordered = !unsettled.length && sortApplied(searchset) !== false && inUpdateOrder(matched);
      if (link && (!ordered || next === mark)) {
        unsettled = [...unsettled, ...matched];
        url = link;
        continue;
      }
      // A page reached by link, with no link on, ends its search; a first page that is full may have more.
      const more = Boolean(link) || (!unsettled.length && matched.length >= count);
      await this.assertPassable(connection, mark, next, { ordered, more, matched: matched.length });
      if (next !== mark) await advanceWatermark(tx, connection.id, next.at!, [...next.seen]);
      [mark, unsettled] = [next, []];
      count = this.pageFrom(mark);
      url = more ? this.searchUrl(connection, mark.at, count) : undefined;
    }
    if (url && unsettled.length) throw new EhrError('ehr_search_longer_than_a_poll', 'invalid');
  }

  /** A search from the watermark: every version taken at its instant, and a page more. */
  private pageFrom(mark: Watermark): number {
    return Math.min(LARGEST_PAGE, mark.seen.size + this.config.INBOUND_POLL_PAGE_SIZE);
  }

  /**
   * Fails the poll, with a code, where the watermark could not be moved past what the EHR holds: a full page
   * out of order with no next link (the rest cannot be reached), a full page with nothing new in it, or a page
   * shorter than asked with nothing new while the EHR holds later referrals (it caps `_count`). Referrals left
   * unread in the watermark's own instant by a capping EHR show only once a later one is there: telling them
   * apart would need a total, which EHRs give unevenly.
   */
  private async assertPassable(connection: PollingConnection, mark: Watermark, next: Watermark, page: { ordered: boolean; more: boolean; matched: number }): Promise<void> {
    if (page.more && !page.ordered) throw new EhrError('ehr_unsorted_without_next_link', 'invalid');
    if (page.more && next === mark) throw new EhrError('ehr_cannot_page_past_instant', 'invalid');
    const capped = !page.more && next === mark && mark.at !== null && page.matched > 1;
    if (capped && (await this.anyAfter(connection, mark.at!))) throw new EhrError('ehr_cannot_page_past_instant', 'invalid');
  }

  private async anyAfter(connection: PollingConnection, instant: string): Promise<boolean> {
    const url = this.searchUrl(connection, null, 1, false);
    const probe = await this.ehr.get<Bundle>(connection, `${url}&_lastUpdated=gt${encodeURIComponent(instant)}`);
    return matchedRequests(probe).length > 0;
  }

  /** The held referrals due another try, each read as the EHR holds it now; answers their ids (tried at this poll). */
  private async retryHeld(tx: EntityManager, connection: PollingConnection, tally: PollTally): Promise<Set<string>> {
    const due = await dueHeldReferrals(tx, connection.id, HELD_TRIES_PER_POLL);
    for (const id of due) {
      if (!(await this.retryOne(tx, connection, id, tally))) break;
    }
    return new Set(due);
  }

  /**
   * Read by id, as every EHR allows (a search may ignore `_id` or `status`, or page short). One the EHR no
   * longer has, or that is no longer an active referral to the clinic, has nothing left to take: let go. The
   * EHR failing to give it backs it off like a failed intake. The EHR failing as a whole (unreachable, busy,
   * refusing Keta) backs it off too and ends the retries (false), and the poll goes on to its search, which
   * fails with the EHR's code if the EHR is down, and goes on if only that record is out of reach.
   */
  private async retryOne(tx: EntityManager, connection: PollingConnection, id: string, tally: PollTally): Promise<boolean> {
    try {
      const request = await this.ehr.read<ServiceRequest>(connection, `ServiceRequest/${encodeURIComponent(id)}`);
      if (!request || request.resourceType !== 'ServiceRequest' || !isReferralFor(request, connection.pollReferrals.performer)) {
        await releaseHeldReferrals(tx, connection.id, [id]);
        return true;
      }
      await this.receivePage(tx, connection, [request], new Map(), tally);
      return true;
    } catch (error) {
      if (!(error instanceof EhrError)) throw error;
      await this.hold(tx, connection, id, error.code, tally);
      return !error.connectionWide;
    }
  }

  /**
   * Referrals to the clinic updated since the watermark. `ge`, not `gt`: a referral updated in the same instant
   * as the last one taken, but committed after that poll, is still found. The ones read again are known to the
   * intake by their key and change nothing.
   */
  private searchUrl(connection: PollingConnection, watermark: string | null, count: number, including = true): string {
    const query = new URLSearchParams({
      performer: connection.pollReferrals.performer, status: POLLED_REFERRAL_STATUS, intent: POLLED_REFERRAL_INTENTS.join(','),
      _sort: '_lastUpdated', _count: String(count),
    });
    if (watermark) query.append('_lastUpdated', `ge${watermark}`);
    for (const include of including ? INCLUDES : []) query.append('_include', include);
    for (const include of including ? ITERATED_INCLUDES : []) query.append('_include:iterate', include);
    return `${connection.baseUrl}/ServiceRequest?${query}`;
  }

  /**
   * Each referral with what it draws on, through the intake. The ones taken are held no longer, if they were
   * (one statement for the page).
   */
  private async receivePage(tx: EntityManager, connection: PollingConnection, matched: ServiceRequest[], included: ResourcesByReference, tally: PollTally): Promise<void> {
    const referrals = matched.filter((r) => isReferralFor(r, connection.pollReferrals.performer));
    const source = pollSource(connection);
    const absent = new Set<string>();
    const taken: string[] = [];
    for (const request of referrals) {
      if ((await this.takeOne(tx, connection, source, request, { included, absent }, tally)) && request.id) taken.push(request.id);
    }
    await releaseHeldReferrals(tx, connection.id, taken);
  }

  /**
   * One referral, counted by the intake's answer; false when it is held instead (holdCode), to be tried again,
   * while the poll goes on with the others.
   */
  private async takeOne(
    tx: EntityManager, connection: PollingConnection, source: string, request: ServiceRequest,
    { included, absent }: { included: ResourcesByReference; absent: Set<string> }, tally: PollTally,
  ): Promise<boolean> {
    try {
      const known = await this.ehr.withReferenced(connection, [request], included, absent);
      count(tally, await this.receiver.receiveOne(connection, source, request, known));
      return true;
    } catch (error) {
      const code = holdCode(error);
      if (!code || !request.id) throw error;
      // The EHR's id and the error's kind only: its message may quote the referral.
      this.logger.warn({ connectionId: connection.id, requestId: request.id, code, error: (error as Error).name }, 'A polled referral could not be taken: held, to be tried again');
      await this.hold(tx, connection, request.id, code, tally);
      return false;
    }
  }

  private async hold(tx: EntityManager, connection: PollingConnection, requestId: string, code: string, tally: PollTally): Promise<void> {
    await holdReferral(tx, connection.id, requestId, code, connection.pollReferrals.everySeconds);
    tally.held++;
  }
}

/**
 * Why a referral is held rather than failing the poll: a record of it the EHR failed to give (its code), or the
 * intake failing on Keta's side. A failure of the EHR as a whole holds nothing: it fails the poll.
 */
function holdCode(error: unknown): string | undefined {
  if (error instanceof EhrError) return error.connectionWide ? undefined : error.code;
  return INTAKE_FAILED;
}

function count(tally: PollTally, outcome: PolledOutcome): void {
  if (outcome.kind === 'received') tally.received++;
  if (outcome.kind === 'refused') {
    tally.refused++;
    tally.lastRefusalCode = outcome.code;
  }
}
