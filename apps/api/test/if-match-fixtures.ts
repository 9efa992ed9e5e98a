import request from 'supertest';
import type { TestApp } from './test-app';

/**
 * A change made as a client makes it: read the record first, then send the ETag read as If-Match. The record
 * is read at the changed path unless another is given (a patient's contact details are read with the patient).
 */
export async function patchAsRead(t: TestApp, token: string, path: string, body: object, readPath = path): Promise<request.Response> {
  const auth = `Bearer ${token}`;
  const read = await request(t.http).get(readPath).set('authorization', auth);
  if (read.status !== 200) throw new Error(`GET ${readPath} answered ${read.status}`);
  return request(t.http).patch(path).set('authorization', auth).set('if-match', read.headers.etag as string).send(body);
}
