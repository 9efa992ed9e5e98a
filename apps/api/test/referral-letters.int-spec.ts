import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { referralBody } from './referral-fixtures';
import { countRows, startTestApp, type TestApp } from './test-app';

/** A small PDF whose one stream expands to 2 MiB of nothing: past the test's DOCUMENT_MAX_EXPANDED_BYTES of 1 MiB. */
const stream = deflateSync(Buffer.alloc(2 * 1024 * 1024), { level: 9 });
const BOMB = Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Referral letter: recurrent depression, two failed SSRI trials.\n%%EOF\n')]);

describe('referral letters in the document store', () => {
  let t: TestApp;
  let referrer: string;
  let clinician: string;
  let referralId: string;

  beforeAll(async () => {
    t = await startTestApp('letters', { DOCUMENT_MAX_BYTES: '4096', DOCUMENT_MAX_EXPANDED_BYTES: String(1024 * 1024) });
    referrer = (await t.signedIn('referrer')).token;
    clinician = (await t.signedIn('clinician')).token;
    referralId = (await request(t.http).post('/referrals').set('authorization', `Bearer ${referrer}`).send(referralBody())).body.id;
  });
  afterAll(() => t.close());

  const put = (token: string, body: Buffer, type = 'application/pdf', id = referralId) =>
    request(t.http).put(`/referrals/${id}/letter`).set('authorization', `Bearer ${token}`).set('content-type', type).send(body);
  const get = (token: string, id = referralId) =>
    request(t.http).get(`/referrals/${id}/letter`).set('authorization', `Bearer ${token}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('stores the letter encrypted, with its SHA-256, and gives the same bytes back', async () => {
    const stored = await put(referrer, PDF);
    expect(stored.status).toBe(200);
    expect(stored.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await t.db.query(`SELECT ciphertext, size_bytes, key_id FROM document WHERE id = $1`, [stored.body.id]);
    expect(row.size_bytes).toBe(PDF.length);
    expect((row.ciphertext as Buffer).includes(Buffer.from('%PDF'))).toBe(false);
    expect((row.ciphertext as Buffer).includes(Buffer.from('depression'))).toBe(false);
    const read = await get(clinician);
    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toBe('application/pdf');
    expect(read.headers['content-disposition']).toBe('attachment; filename="referral-letter.pdf"');
    expect((read.body as Buffer).equals(PDF)).toBe(true);
  });

  it('gives the same file stored twice different ciphertext', async () => {
    const [a, b] = [await put(referrer, PDF), await put(referrer, PDF)];
    const rows = await t.db.query(`SELECT ciphertext, sha256 FROM document WHERE id = ANY($1::uuid[])`, [[a.body.id, b.body.id]]);
    expect(rows[0].sha256).toBe(rows[1].sha256);
    expect((rows[0].ciphertext as Buffer).equals(rows[1].ciphertext as Buffer)).toBe(false);
  });

  it('refuses to serve a letter whose stored bytes were changed', async () => {
    const { body } = await put(referrer, PDF);
    await t.db.query(`UPDATE document SET ciphertext = overlay(ciphertext placing '\\x00'::bytea from 5 for 1) WHERE id = $1`, [body.id]);
    const read = await get(clinician);
    expect(read.status).toBe(500);
    expect(read.headers['content-type']).toMatch(/problem\+json/);
    expect(read.text ?? '').not.toContain('%PDF');
  });

  it.each([
    ['a file that is not a PDF, named .pdf', Buffer.from('GIF89a not a letter'), 'application/pdf', 400, 'does not start with %PDF-'],
    ['an empty body', Buffer.alloc(0), 'application/pdf', 400, 'is empty'],
    ['a PDF cut short', PDF.subarray(0, 30), 'application/pdf', 400, 'does not end with %%EOF: it is cut short, or not a PDF'],
    ['a PDF bomb', BOMB, 'application/pdf', 400, `expands to more than ${1024 * 1024} bytes when opened (a decompression bomb)`],
    ['the wrong media type', PDF, 'image/png', 415, undefined],
    ['a letter over DOCUMENT_MAX_BYTES', Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]), 'application/pdf', 413, undefined],
  ])('refuses %s, saying why, and stores nothing', async (_case, bytes, type, status, problem) => {
    expect(BOMB.length).toBeLessThan(4096);
    const before = await countRows(t.db, 'document');
    const res = await put(referrer, bytes, type);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    if (problem) expect(res.body.errors).toEqual([{ field: 'body', message: problem }]);
    expect(await countRows(t.db, 'document')).toBe(before);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM fhir_resource WHERE resource_type = 'DocumentReference'`)).toEqual([{ n: before }]);
  });

  it('keeps a referrer to their own referrals, and audits every access', async () => {
    const other = (await t.signedIn('referrer')).token;
    expect((await put(other, PDF)).status).toBe(404);
    expect((await get(other)).status).toBe(404);
    const audit = await t.db.query(`SELECT action, outcome, error_code FROM audit_event WHERE resource_type = 'referral-letter' AND resource_id = $1 ORDER BY id`, [referralId]);
    expect(audit).toEqual(expect.arrayContaining([
      { action: 'create', outcome: 'success', error_code: null },
      { action: 'read', outcome: 'success', error_code: null },
      { action: 'read', outcome: 'failed', error_code: 'not_found' },
    ]));
  });
});
