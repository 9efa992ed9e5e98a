import { ehrSyncQueueName, syncDeduplicationId, syncPatientPayload } from './ehr-sync.contract';

describe('EHR sync contract', () => {
  const ids = { connectionId: '2f1c6a55-0c0b-4f3e-9d0e-1a2b3c4d5e6f', patientId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' };

  it('takes ids and a trace id, and nothing else: no PHI can ride along', () => {
    expect(syncPatientPayload.safeParse({ ...ids, traceId: 't-1' }).success).toBe(true);
    expect(syncPatientPayload.safeParse({ ...ids, traceId: 't-1', familyName: 'Reyes' }).success).toBe(false);
    expect(syncPatientPayload.safeParse({ ...ids, patientId: 'Reyes', traceId: 't' }).success).toBe(false);
  });

  it('names queues and deduplication keys without a colon', () => {
    expect(ehrSyncQueueName(ids.connectionId)).not.toContain(':');
    expect(syncDeduplicationId(ids)).toBe(`${ids.connectionId}.${ids.patientId}`);
  });
});
