import type { EhrConnectionEntity } from '@keta/db';
import type { PollReferrals } from '@keta/domain';
import { EhrError } from '@keta/ehr-client';
import {
  byReference, isReferralFor, matchedRequests, missingReferences, nextLink, POLLED_REFERRAL_INTENTS, POLLED_REFERRAL_STATUS,
  resourcesOf, type ResourcesByReference,
} from '@keta/fhir-mapping';
import type { Bundle, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { EhrFhirReader } from './ehr-fhir.reader';
import { advanceWatermark, type PollTally } from './inbound-poll.store';
import { pollSource, PolledReferralReceiver, type PolledOutcome } from './polled-referral.receiver';
import { advanced, versionKey, type Watermark } from './watermark';

// Ask the EHR to include what a referral draws on; what it leaves out is read one by one (missingReferences).
const INCLUDES = ['ServiceRequest:subject', 'ServiceRequest:requester'];
const ITERATED_INCLUDES = ['PractitionerRole:practitioner', 'PractitionerRole:organization'];

type PollingConnection = EhrConnectionEntity & { pollReferrals: PollReferrals };

/**
 * One poll of one connection: the referrals addressed to the clinic updated since the watermark, page by
 * page (at most INBOUND_POLL_MAX_PAGES; the rest at the next poll), each through the intake. The watermark
 * moves to the greatest lastUpdated of a page once its referrals are in; a refused referral is counted and
 * passed (it is not retried until the EHR changes it).
 */
@Injectable()
export class ReferralPollService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly ehr: EhrFhirReader,
    private readonly receiver: PolledReferralReceiver,
  ) {}

  async run(tx: EntityManager, connection: PollingConnection, start: Watermark, tally: PollTally): Promise<void> {
    let mark = start;
    let url: string | undefined = this.searchUrl(connection, mark.at);
    for (let page = 0; url && page < this.config.INBOUND_POLL_MAX_PAGES; page++) {
      const searchset: Bundle = await this.ehr.get<Bundle>(connection, url);
      const matched = matchedRequests(searchset);
      await this.receivePage(connection, searchset, matched.filter((r) => !mark.seen.has(versionKey(r))), tally);
      const next = advanced(mark, matched);
      if (next !== mark) await advanceWatermark(tx, connection.id, next.at!, [...next.seen]);
      // Without a next link, a full page goes on from its latest instant (keyset paging by the watermark).
      const full = matched.length >= this.config.INBOUND_POLL_PAGE_SIZE;
      url = nextLink(searchset) ?? (full && next.at !== mark.at ? this.searchUrl(connection, next.at) : undefined);
      mark = next;
    }
  }

  /**
   * `ge`, not `gt`: a referral updated in the same instant as the last one taken, but committed after that
   * poll, is still found. The ones read again are known to the intake by their key and change nothing.
   */
  private searchUrl(connection: PollingConnection, watermark: string | null): string {
    const query = new URLSearchParams({
      performer: connection.pollReferrals.performer, status: POLLED_REFERRAL_STATUS, intent: POLLED_REFERRAL_INTENTS.join(','),
      _sort: '_lastUpdated', _count: String(this.config.INBOUND_POLL_PAGE_SIZE),
    });
    if (watermark) query.append('_lastUpdated', `ge${watermark}`);
    for (const include of INCLUDES) query.append('_include', include);
    for (const include of ITERATED_INCLUDES) query.append('_include:iterate', include);
    return `${connection.baseUrl}/ServiceRequest?${query}`;
  }

  private async receivePage(connection: PollingConnection, searchset: Bundle, matched: ServiceRequest[], tally: PollTally): Promise<void> {
    const referrals = matched.filter((r) => isReferralFor(r, connection.pollReferrals.performer));
    if (!referrals.length) return;
    const known = await this.withMissing(connection, referrals, byReference(resourcesOf(searchset)));
    const source = pollSource(connection);
    for (const request of referrals) count(tally, await this.receiver.receiveOne(connection, source, request, known));
  }

  /**
   * Reads what the page did not include, in two rounds (a requester role's practitioner and organization are
   * known once the role is). One the EHR does not have is left out: the intake then refuses what needs it.
   */
  private async withMissing(connection: PollingConnection, referrals: ServiceRequest[], known: ResourcesByReference): Promise<ResourcesByReference> {
    const absent = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const reference of missingReferences(referrals, known).filter((r) => !absent.has(r))) {
        const resource = await this.readIfThere(connection, reference);
        if (resource) known.set(reference, resource);
        else absent.add(reference);
      }
    }
    return known;
  }

  private async readIfThere(connection: PollingConnection, reference: string): Promise<Resource | undefined> {
    try {
      return await this.ehr.get<Resource>(connection, `${connection.baseUrl}/${reference}`);
    } catch (error) {
      if (error instanceof EhrError && error.errorClass === 'not-found') return undefined;
      throw error;
    }
  }
}

function count(tally: PollTally, outcome: PolledOutcome): void {
  if (outcome.kind === 'received') tally.received++;
  if (outcome.kind === 'refused') {
    tally.refused++;
    tally.lastRefusalCode = outcome.code;
  }
}
