import { circuitKey, epochMinute, syncActivityKey } from './sync-activity.contract';

describe('sync activity contract', () => {
  const connectionId = '2f1c6a55-0c0b-4f3e-9d0e-1a2b3c4d5e6f';

  it('buckets instants by the minute they fall in', () => {
    const minute = Date.UTC(2026, 11, 7, 10, 0);
    expect(epochMinute(minute)).toBe(epochMinute(minute + 59_999));
    expect(epochMinute(minute + 60_000)).toBe(epochMinute(minute) + 1);
  });

  it('keys activity and circuit state under the queue prefix, by connection id only', () => {
    expect(syncActivityKey('keta', connectionId, 42)).toBe(`keta:ops:activity:${connectionId}:42`);
    expect(circuitKey('keta', connectionId)).toBe(`keta:ops:circuit:${connectionId}`);
  });
});
