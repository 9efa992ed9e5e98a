import { constants, inflateSync } from 'node:zlib';

const MAGIC = Buffer.from('%PDF-');
const END_OF_FILE = Buffer.from('%%EOF');
/** A PDF ends with %%EOF, give or take trailing whitespace; readers look for it in the last kilobyte. */
const TAIL_BYTES = 1024;

/**
 * What is wrong with these bytes as a PDF to keep, in words for the sender; undefined when nothing is. Keta
 * never renders a letter, but a clinician's viewer will: a file that is not a PDF, is cut short, or whose
 * compressed streams would expand past `maxExpanded` (a decompression bomb) is refused at the door. Streams
 * are inflated up to what is left of that budget and no further, so checking a bomb costs no more than it.
 */
export function pdfProblem(bytes: Buffer, maxExpanded: number): string | undefined {
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'does not start with %PDF-';
  if (bytes.lastIndexOf(END_OF_FILE) < Math.max(0, bytes.length - TAIL_BYTES)) return 'does not end with %%EOF: it is cut short, or not a PDF';
  let left = maxExpanded;
  for (const stream of flateStreams(bytes)) {
    const expanded = inflatedLength(stream, left);
    if (expanded === undefined) return `expands to more than ${maxExpanded} bytes when opened (a decompression bomb)`;
    left -= expanded;
  }
  return undefined;
}

/** Its inflated length, or undefined past `limit`. A damaged stream counts as what inflates of it. */
function inflatedLength(stream: Buffer, limit: number): number | undefined {
  try {
    return inflateSync(stream, { maxOutputLength: Math.max(1, limit), finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    return 0;
  }
}

/** The data of each stream object whose dictionary names /FlateDecode (object streams included). */
function* flateStreams(bytes: Buffer): Generator<Buffer> {
  let at = 0;
  for (;;) {
    const keyword = bytes.indexOf('stream', at, 'latin1');
    if (keyword === -1) return;
    const end = bytes.indexOf('endstream', keyword + 6, 'latin1');
    if (end === -1) return;
    const objectStart = Math.max(0, bytes.lastIndexOf(' obj', keyword, 'latin1'));
    let start = keyword + 'stream'.length;
    if (bytes[start] === 0x0d) start += 1;
    if (bytes[start] === 0x0a) start += 1;
    if (bytes.subarray(objectStart, keyword).includes('/FlateDecode', 0, 'latin1')) yield bytes.subarray(start, end);
    at = end + 'endstream'.length;
  }
}
