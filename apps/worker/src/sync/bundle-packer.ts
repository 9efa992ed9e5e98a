import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { EhrError } from '@keta/ehr-client';

/** Records one job offers an EHR, as transaction entries in the order they may go: any prefix can go alone. */
export interface Offer {
  /** Where they go and with which credentials: a Bundle only mixes offers with one route. */
  route: string;
  entries: readonly BundleEntry[];
  post(bundle: Bundle): Promise<Bundle>;
}

/** What became of the first `count` entries of an offer: the EHR's answer to each, or why it refused them. */
export type Delivery = { count: number } & ({ answer: BundleEntry[] } | { failure: unknown });

interface Waiting {
  offer: Offer;
  /** Sent on its own: it was in a packed Bundle the EHR refused, which may have been another offer's doing. */
  alone: boolean;
  deliver(delivery: Delivery): void;
}

interface Lane {
  waiting: Waiting[];
  inFlight: number;
}

/**
 * Packs what the jobs syncing to one EHR offer into full transaction Bundles, as group commit does: at most
 * `slots` requests are in flight per connection (its concurrency), and whatever is offered while they are all
 * busy waits and leaves together in the next free one, up to `maxEntries`. Alone, an offer leaves at once;
 * under load, a patient's last few records share a request with the next patients' first ones, where the EHR's
 * round trip, not its work, is the cost (docs/PERFORMANCE.md). An offer goes in one Bundle at a time, so
 * what its later entries reference is stored first; its job offers the rest once this part is answered.
 */
export class BundlePacker {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxEntries: number) {}

  /** Offers entries to the lane's EHR (one per connection) with `slots` requests at most in flight. */
  send(lane: string, slots: number, offer: Offer): Promise<Delivery> {
    const state = this.laneOf(lane);
    return new Promise((deliver) => {
      state.waiting.push({ offer, alone: false, deliver });
      this.dispatch(lane, state, slots);
    });
  }

  private laneOf(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { waiting: [], inFlight: 0 }));
    return lane;
  }

  private dispatch(key: string, lane: Lane, slots: number): void {
    while (lane.inFlight < slots && lane.waiting.length) void this.post(key, lane, slots, this.nextBundle(lane));
    if (!lane.waiting.length && !lane.inFlight) this.lanes.delete(key);
  }

  /** The waiting offers that fill the next Bundle, oldest first, each with the prefix that fits. */
  private nextBundle(lane: Lane): Array<{ waiting: Waiting; count: number }> {
    const first = lane.waiting[0]!;
    if (first.alone) return [{ waiting: lane.waiting.shift()!, count: first.offer.entries.length }];
    const bundle: Array<{ waiting: Waiting; count: number }> = [];
    let room = this.maxEntries;
    for (const waiting of [...lane.waiting]) {
      if (room === 0) break;
      if (waiting.alone || waiting.offer.route !== first.offer.route) continue;
      const count = Math.min(room, waiting.offer.entries.length);
      bundle.push({ waiting, count });
      lane.waiting.splice(lane.waiting.indexOf(waiting), 1);
      room -= count;
    }
    return bundle;
  }

  private async post(key: string, lane: Lane, slots: number, parts: Array<{ waiting: Waiting; count: number }>): Promise<void> {
    lane.inFlight++;
    const entry = parts.flatMap(({ waiting, count }) => waiting.offer.entries.slice(0, count));
    try {
      const response = await parts[0]!.waiting.offer.post({ resourceType: 'Bundle', type: 'transaction', entry });
      let offset = 0;
      for (const { waiting, count } of parts) waiting.deliver({ count, answer: (response.entry ?? []).slice(offset, (offset += count)) });
    } catch (failure) {
      if (parts.length > 1 && aboutTheRecords(failure)) {
        // Which offer the EHR objected to is unknown: each goes again on its own, first in line.
        lane.waiting.unshift(...parts.map(({ waiting, count }) => ({ ...waiting, alone: true, offer: { ...waiting.offer, entries: waiting.offer.entries.slice(0, count) } })));
      } else {
        for (const { waiting, count } of parts) waiting.deliver({ count, failure });
      }
    } finally {
      lane.inFlight--;
      this.dispatch(key, lane, slots);
    }
  }
}

/** A refusal of what a Bundle holds (the EHR's rules, a conflict), not of the connection: one record's doing. */
function aboutTheRecords(failure: unknown): boolean {
  return failure instanceof EhrError && (failure.errorClass === 'invalid' || failure.errorClass === 'conflict');
}
