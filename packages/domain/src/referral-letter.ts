/** A referral letter held in the document store: what its DocumentReference says about it (DOMAIN.md §2.2). */
export interface ReferralLetterRecord {
  /** The document's id in the store; the DocumentReference has this id. */
  id: string;
  referralId: string;
  patientId: string;
  contentType: 'application/pdf';
  sizeBytes: number;
  storedAt: string;
}
