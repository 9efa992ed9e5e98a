import { reconcileSchedulerId, reconcileWithEhrPayload } from './ehr-reconcile.contract';

describe('EHR reconciliation contract', () => {
  const connectionId = '2f1c6a55-0c0b-4f3e-9d0e-1a2b3c4d5e6f';

  it('takes a connection id and, optionally, a patient id: nothing else rides along', () => {
    expect(reconcileWithEhrPayload.safeParse({ connectionId }).success).toBe(true);
    expect(reconcileWithEhrPayload.safeParse({ connectionId, patientId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' }).success).toBe(true);
    expect(reconcileWithEhrPayload.safeParse({ connectionId, patientId: 'MRN-1234' }).success).toBe(false);
    expect(reconcileWithEhrPayload.safeParse({ connectionId, identifier: 'MRN-1234' }).success).toBe(false);
  });

  it('names one scheduler per connection', () => {
    expect(reconcileSchedulerId(connectionId)).toBe(`reconcile.${connectionId}`);
  });
});
