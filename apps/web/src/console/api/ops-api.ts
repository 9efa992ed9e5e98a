import { callApi, type ApiResult } from '../../api/api-client';
import type { ConnectionFailures, ConnectionHealth, LedgerRecord } from '@keta/domain';

/** The ledger search form's fields as typed (strings); the API's own schema checks them before they are sent. */
export interface LedgerQuery {
  connectionId?: string;
  resourceId?: string;
  referralId?: string;
  patientId?: string;
  resourceType?: string;
  status?: string;
  from?: string;
  to?: string;
}

const connection = (id: string): string => `/ops/connections/${encodeURIComponent(id)}`;

export const listConnections = (): Promise<ApiResult<ConnectionHealth[]>> => callApi('/ops/connections');

export const getFailures = (id: string): Promise<ApiResult<ConnectionFailures>> => callApi(`${connection(id)}/failures`);

export const retryJob = (id: string, jobId: string): Promise<ApiResult<{ retried: number }>> =>
  callApi(`${connection(id)}/jobs/${encodeURIComponent(jobId)}/retry`, { method: 'POST' });

export const retryFailed = (id: string): Promise<ApiResult<{ retried: number }>> => callApi(`${connection(id)}/jobs/retry-failed`, { method: 'POST' });

export const replayDeadLetters = (id: string): Promise<ApiResult<{ replayed: number }>> =>
  callApi(`${connection(id)}/dead-letters/replay`, { method: 'POST' });

export const pause = (id: string): Promise<ApiResult<ConnectionHealth>> => callApi(`${connection(id)}/pause`, { method: 'POST' });

export const resume = (id: string): Promise<ApiResult<ConnectionHealth>> => callApi(`${connection(id)}/resume`, { method: 'POST' });

export const resync = (id: string, patientId: string): Promise<ApiResult<{ queued: number }>> =>
  callApi(`${connection(id)}/resync`, { method: 'POST', json: { patientId } });

/** Every record the connection holds, sent again. */
export const resyncAll = (id: string): Promise<ApiResult<{ queued: number; patients: number }>> => callApi(`${connection(id)}/resync`, { method: 'POST' });

/** The connection's sample compared with its EHR by the worker; what differs is sent again. */
export const reconcile = (id: string): Promise<ApiResult<{ jobId: string }>> => callApi(`${connection(id)}/reconcile`, { method: 'POST' });

/** The sync ledger, filtered: only the filters given are sent. */
export function searchLedger(query: LedgerQuery, limit = 100): Promise<ApiResult<LedgerRecord[]>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  params.set('limit', String(limit));
  return callApi(`/ops/sync-records?${params.toString()}`);
}

/** A one-time link into Bull Board (the raw queues at /ops/queues/). */
export const queuesTicket = (): Promise<ApiResult<{ url: string }>> => callApi('/ops/queues/ticket', { method: 'POST' });
