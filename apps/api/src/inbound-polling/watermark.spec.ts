import type { ServiceRequest } from '@medplum/fhirtypes';
import { advanced, inUpdateOrder, versionKey, type Watermark } from './watermark';

const request = (id: string, lastUpdated: string, versionId = 'v1'): ServiceRequest =>
  ({ resourceType: 'ServiceRequest', id, status: 'active', intent: 'order', subject: {}, meta: { lastUpdated, versionId } }) as ServiceRequest;
const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';
const start: Watermark = { at: null, seen: new Set() };

describe('the polling watermark', () => {
  it('moves to the latest lastUpdated, remembering what was taken at that instant', () => {
    const mark = advanced(start, [request('a', T1), request('b', T2), request('c', T2)]);
    expect(mark).toEqual({ at: T2, seen: new Set(['b|v1', 'c|v1']) });
  });

  it('adds what it takes at the same instant to what it took before', () => {
    const mark = advanced({ at: T2, seen: new Set(['b|v1']) }, [request('b', T2), request('d', T2)]);
    expect(mark).toEqual({ at: T2, seen: new Set(['b|v1', 'd|v1']) });
  });

  it('stays where it is when nothing new was taken, or only older things', () => {
    const mark: Watermark = { at: T2, seen: new Set(['b|v1']) };
    expect(advanced(mark, [])).toBe(mark);
    expect(advanced(mark, [request('b', T2)])).toBe(mark);
    expect(advanced(mark, [request('a', T1)])).toBe(mark);
  });

  it('tells a changed ServiceRequest from the version taken', () => {
    expect(versionKey(request('b', T2, 'v2'))).not.toBe(versionKey(request('b', T2)));
  });

  it('starts the next search from a page only when the EHR gave it in lastUpdated order', () => {
    expect(inUpdateOrder([request('a', T1), request('b', T2), request('c', T2)])).toBe(true);
    expect(inUpdateOrder([])).toBe(true);
    expect(inUpdateOrder([request('b', T2), request('a', T1)])).toBe(false);
    expect(inUpdateOrder([{ resourceType: 'ServiceRequest', id: 'x' } as ServiceRequest])).toBe(false);
  });
});
