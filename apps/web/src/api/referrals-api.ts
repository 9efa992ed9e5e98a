import type { ReferralIntake } from '@keta/domain';
import { callApi, type ApiResult } from './api-client';
import type { Me, ReferralDetail, ReferralSummary } from './referral-types';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export const signIn = (email: string, password: string): Promise<ApiResult<IssuedToken>> =>
  callApi('/auth/sign-in', { method: 'POST', json: { email, password }, anonymous: true });

export const me = (): Promise<ApiResult<Me>> => callApi('/auth/me');

export const listReferrals = (): Promise<ApiResult<ReferralSummary[]>> => callApi('/referrals');

export const getReferral = (id: string): Promise<ApiResult<ReferralDetail>> => callApi(`/referrals/${encodeURIComponent(id)}`);

export const createReferral = (intake: ReferralIntake): Promise<ApiResult<{ id: string }>> =>
  callApi('/referrals', { method: 'POST', json: intake });

export const uploadLetter = (id: string, letter: File): Promise<ApiResult<{ id: string; sha256: string }>> =>
  callApi(`/referrals/${encodeURIComponent(id)}/letter`, { method: 'PUT', bytes: { data: letter, contentType: 'application/pdf' } });

/** Answers the clinic's question, from the version read (If-Match: the ETag of GET /referrals/:id). */
export const answerQuestion = (id: string, answer: string, etag: string): Promise<ApiResult<ReferralDetail>> =>
  callApi(`/referrals/${encodeURIComponent(id)}/answers`, { method: 'POST', json: { answer }, headers: { 'if-match': etag } });
