import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { EhrError } from '@keta/ehr-client';
import { BundlePacker, type Delivery, type Offer } from './bundle-packer';

/** An EHR whose answers the test releases one request at a time, recording what each request held. */
class HeldEhr {
  readonly requests: Array<{ ids: string[]; answer(): void; refuse(error: unknown): void }> = [];

  offer(patient: string, count: number, route = 'ehr-a'): Offer {
    const entries: BundleEntry[] = Array.from({ length: count }, (_, i) => ({ fullUrl: `urn:uuid:${patient}-${i}` }));
    return { route, entries, post: (bundle) => this.post(bundle) };
  }

  private post(bundle: Bundle): Promise<Bundle> {
    const ids = (bundle.entry ?? []).map((e) => e.fullUrl!.slice('urn:uuid:'.length));
    return new Promise((resolve, reject) => {
      const entry = ids.map((id) => ({ response: { status: '200', location: `Thing/${id}-remote` } }));
      this.requests.push({ ids, answer: () => resolve({ resourceType: 'Bundle', type: 'transaction-response', entry }), refuse: reject });
    });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const answered = (d: Delivery) => ('answer' in d ? d.answer.map((e) => e.response?.location) : d.failure);

describe('BundlePacker', () => {
  let ehr: HeldEhr;
  let packer: BundlePacker;
  beforeEach(() => {
    ehr = new HeldEhr();
    packer = new BundlePacker(8);
  });

  it('sends an offer at once while a request slot is free, no more of it than a Bundle takes', async () => {
    const delivery = packer.send('c1', 2, ehr.offer('p1', 10));
    expect(ehr.requests.map((r) => r.ids.length)).toEqual([8]);
    ehr.requests[0]!.answer();
    const done = await delivery;
    expect(done.count).toBe(8);
    expect(answered(done)).toEqual(Array.from({ length: 8 }, (_, i) => `Thing/p1-${i}-remote`));
  });

  it('packs what is offered while every slot is busy into the next free one, each offer its prefix', async () => {
    const first = packer.send('c1', 1, ehr.offer('p1', 8));
    const second = packer.send('c1', 1, ehr.offer('p2', 2));
    const third = packer.send('c1', 1, ehr.offer('p3', 10));
    const fourth = packer.send('c1', 1, ehr.offer('p4', 3));
    expect(ehr.requests).toHaveLength(1);
    ehr.requests[0]!.answer();
    await first;
    expect(ehr.requests[1]!.ids).toEqual(['p2-0', 'p2-1', 'p3-0', 'p3-1', 'p3-2', 'p3-3', 'p3-4', 'p3-5']);
    ehr.requests[1]!.answer();
    expect(await second).toMatchObject({ count: 2 });
    const thirdPart = await third;
    expect(thirdPart.count).toBe(6);
    expect(answered(thirdPart)).toEqual(['Thing/p3-0-remote', 'Thing/p3-1-remote', 'Thing/p3-2-remote', 'Thing/p3-3-remote', 'Thing/p3-4-remote', 'Thing/p3-5-remote']);
    expect(ehr.requests[2]!.ids).toEqual(['p4-0', 'p4-1', 'p4-2']);
    ehr.requests[2]!.answer();
    expect(await fourth).toMatchObject({ count: 3 });
  });

  it('keeps at most `slots` requests in flight per connection, and connections apart', async () => {
    for (const p of ['p1', 'p2', 'p3']) void packer.send('c1', 2, ehr.offer(p, 8));
    void packer.send('c2', 2, ehr.offer('q1', 1, 'ehr-b'));
    expect(ehr.requests.map((r) => r.ids[0])).toEqual(['p1-0', 'p2-0', 'q1-0']);
  });

  it('never mixes offers bound for different routes in one Bundle', async () => {
    void packer.send('c1', 1, ehr.offer('p1', 1));
    void packer.send('c1', 1, ehr.offer('p2', 1, 'ehr-a-new-credentials'));
    void packer.send('c1', 1, ehr.offer('p3', 1));
    ehr.requests[0]!.answer();
    await tick();
    expect(ehr.requests[1]!.ids).toEqual(['p2-0']);
    ehr.requests[1]!.answer();
    await tick();
    expect(ehr.requests[2]!.ids).toEqual(['p3-0']);
  });

  it('sends each offer of a packed Bundle the EHR refused by its rules again on its own, so one bad record fails only its own', async () => {
    void packer.send('c1', 1, ehr.offer('p0', 1));
    const good = packer.send('c1', 1, ehr.offer('p1', 3));
    const bad = packer.send('c1', 1, ehr.offer('p2', 3));
    ehr.requests[0]!.answer();
    await tick();
    expect(ehr.requests[1]!.ids).toHaveLength(6);
    ehr.requests[1]!.refuse(new EhrError('ehr_http_422', 'invalid'));
    await tick();
    expect(ehr.requests[2]!.ids).toEqual(['p1-0', 'p1-1', 'p1-2']);
    ehr.requests[2]!.answer();
    await tick();
    expect(ehr.requests[3]!.ids).toEqual(['p2-0', 'p2-1', 'p2-2']);
    ehr.requests[3]!.refuse(new EhrError('ehr_http_422', 'invalid'));
    expect((await good).count).toBe(3);
    expect('answer' in (await good)).toBe(true);
    const refused = await bad;
    expect(refused.count).toBe(3);
    expect((refused as { failure: EhrError }).failure.code).toBe('ehr_http_422');
  });

  it('fails every offer of a Bundle the connection failed (5xx, timeout), each with the count it had in it', async () => {
    void packer.send('c1', 1, ehr.offer('p0', 1));
    const a = packer.send('c1', 1, ehr.offer('p1', 5));
    const b = packer.send('c1', 1, ehr.offer('p2', 5));
    ehr.requests[0]!.answer();
    await tick();
    ehr.requests[1]!.refuse(new EhrError('ehr_http_503', 'temporary'));
    expect(await a).toMatchObject({ count: 5, failure: expect.objectContaining({ code: 'ehr_http_503' }) });
    expect(await b).toMatchObject({ count: 3, failure: expect.objectContaining({ code: 'ehr_http_503' }) });
    expect(ehr.requests).toHaveLength(2);
  });
});
