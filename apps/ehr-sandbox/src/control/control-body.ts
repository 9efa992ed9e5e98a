import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/request-body';

const BODY_LIMIT_BYTES = 64 * 1024;

export type ControlBody = { ok: true; value: unknown } | { ok: false; error: string };

/** A control request's JSON body. Not JSON reads as undefined: each parser then says what it expected. */
export async function readJsonBody(req: IncomingMessage): Promise<ControlBody> {
  const raw = await readBody(req, BODY_LIMIT_BYTES);
  if (raw === 'too-large') return { ok: false, error: `body larger than ${BODY_LIMIT_BYTES} bytes` };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { ok: true, value: undefined };
  }
}
