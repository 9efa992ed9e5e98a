import { deflateSync } from 'node:zlib';
import { pdfProblem } from './pdf-check';

const LIMIT = 1024 * 1024;

/** A one-page PDF whose content stream is `content`, compressed. */
function pdfWith(content: Buffer): Buffer {
  const stream = deflateSync(content, { level: 9 });
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\r\n`), stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n'),
  ]);
}

describe('pdfProblem', () => {
  it('finds nothing wrong with a PDF whose streams expand within the limit', () => {
    expect(pdfProblem(pdfWith(Buffer.from('BT /F1 12 Tf (Referral letter) Tj ET')), LIMIT)).toBeUndefined();
    expect(pdfProblem(Buffer.from('%PDF-1.7\nno streams at all\n%%EOF\n  \n'), LIMIT)).toBeUndefined();
  });

  it.each([
    ['a file that is not a PDF', Buffer.from('GIF89a%%EOF'), 'does not start with %PDF-'],
    ['a PDF cut short', pdfWith(Buffer.from('text')).subarray(0, 60), 'does not end with %%EOF: it is cut short, or not a PDF'],
    ['a decompression bomb', pdfWith(Buffer.alloc(LIMIT + 1)), `expands to more than ${LIMIT} bytes when opened (a decompression bomb)`],
  ])('names %s', (_, bytes, problem) => {
    expect(pdfProblem(bytes, LIMIT)).toBe(problem);
  });

  it('adds up every stream: many small ones past the limit together are a bomb too', () => {
    const part = pdfWith(Buffer.alloc(LIMIT / 2)).toString('latin1');
    const body = part.slice(0, part.indexOf('trailer'));
    const three = Buffer.from(`${body}${body.slice('%PDF-1.7\n'.length)}${body.slice('%PDF-1.7\n'.length)}%%EOF\n`, 'latin1');
    expect(pdfProblem(three, LIMIT)).toMatch(/decompression bomb/);
    expect(pdfProblem(three, 2 * LIMIT)).toBeUndefined();
  });

  it('does not count a damaged stream as a bomb', () => {
    const damaged = pdfWith(Buffer.from('text')).toString('latin1').replace('stream\r\n', 'stream\r\n\u00ff\u00fe');
    expect(pdfProblem(Buffer.from(damaged, 'latin1'), LIMIT)).toBeUndefined();
  });
});
