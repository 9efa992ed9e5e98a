import { z } from 'zod';
import { REFERRAL_STATUSES } from './referral';

const text = (max: number) => z.string().trim().min(1).max(max);

/** GET /referrals: newest first, filtered by status, indication code and the clinic-local days received. */
export const referralQuerySchema = z
  .strictObject({
    status: z.enum(REFERRAL_STATUSES).optional(),
    /** The indication's code (ICD-10-CM or SNOMED CT), e.g. F33.1. */
    indication: text(50).optional(),
    /** The first and last day received (YYYY-MM-DD, in the clinic's time zone), both included. */
    receivedFrom: z.iso.date().optional(),
    receivedTo: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .refine((q) => !q.receivedFrom || !q.receivedTo || q.receivedFrom <= q.receivedTo, { message: 'must not be after receivedTo', path: ['receivedFrom'] });
export type ReferralQuery = z.infer<typeof referralQuerySchema>;

/** A clinician asks the referrer for what the referral lacks; the Task says so (on-hold) with the question. */
export const informationRequestSchema = z.strictObject({ question: text(2000) });
export type InformationRequest = z.infer<typeof informationRequestSchema>;

/** A clinician's decision: accept (only what screening finds eligible and complete) or decline, saying why. */
export const referralDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({ decision: z.literal('decline'), reason: text(2000) }),
]);
export type ReferralDecisionInput = z.infer<typeof referralDecisionSchema>;

/** The referrer answers the clinic's request for information; a clinician reviews the referral again. */
export const referralAnswerSchema = z.strictObject({ answer: text(4000) });
export type ReferralAnswer = z.infer<typeof referralAnswerSchema>;

/** A clinician closes the loop once the referral's series is done, with a word for the referrer if they like. */
export const closingSummaryRequestSchema = z.strictObject({ note: text(4000).optional() });
export type ClosingSummaryRequest = z.infer<typeof closingSummaryRequestSchema>;

/** A question from the clinic or an answer from the referrer, as both read them. */
export interface ReferralMessage {
  kind: 'question' | 'answer';
  text: string;
  at: string;
}
