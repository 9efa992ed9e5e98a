/**
 * The API's default letter limit (DOCUMENT_MAX_BYTES, 10 MiB). The portal cannot know a smaller limit a clinic
 * set, so this check only spares an upload that is sure to fail; the API's answer (413) is the authority.
 */
export const LETTER_LIMIT_BYTES = 10 * 1024 * 1024;
/** `%PDF-`: how every PDF starts, whatever the file is called. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
/** `%%EOF`, which a whole PDF has in its last kilobyte (as the API checks too). */
const PDF_END = [0x25, 0x25, 0x45, 0x4f, 0x46];
const TAIL_BYTES = 1024;

/** Why the file cannot be the letter, in plain words; null when it looks like a PDF the API may take. */
export async function checkLetter(file: File): Promise<string | null> {
  if (file.size === 0) return 'This file is empty. Choose the letter saved as a PDF.';
  if (file.size > LETTER_LIMIT_BYTES) return `This file is ${megabytes(file.size)}; the letter can be at most ${megabytes(LETTER_LIMIT_BYTES)}.`;
  const head = new Uint8Array(await file.slice(0, PDF_MAGIC.length).arrayBuffer());
  if (!PDF_MAGIC.every((byte, i) => head[i] === byte)) return 'This file is not a PDF, whatever its name says. Choose the letter saved as a PDF.';
  const tail = new Uint8Array(await file.slice(-TAIL_BYTES).arrayBuffer());
  if (!contains(tail, PDF_END)) return 'This PDF is cut short: it does not end as a PDF does. Save the letter as a PDF again and choose that file.';
  return null;
}

function contains(bytes: Uint8Array, part: number[]): boolean {
  for (let i = 0; i + part.length <= bytes.length; i++) if (part.every((byte, j) => bytes[i + j] === byte)) return true;
  return false;
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

/** What the API's refusal of a letter means for the referrer. */
export function letterRefusal(status: number, detail: string): string {
  switch (status) {
    case 413: return `The clinic did not take the letter: it is larger than the clinic accepts. ${detail}`;
    case 415: return `The clinic did not take the letter: it must be a PDF. ${detail}`;
    case 400: return `The clinic did not take the letter: ${detail}`;
    default: return `The letter was not uploaded: ${detail}`;
  }
}
