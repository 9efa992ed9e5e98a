import { spawn } from 'node:child_process';

/** Reads a PDF from stdin and prints its text, with pdf-parse, as `new PDFParse({ data }).getText()` reads it. */
const READER = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
});`;

/**
 * The text of a PDF, read by pdf-parse in a Node process of its own: pdf.js loads its worker with a dynamic
 * import(), which Jest's CommonJS runtime refuses (before Node 24.9).
 */
export function pdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', READER], { cwd: __dirname, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pdf-parse exited ${code}: ${Buffer.concat(err).toString('utf8')}`))));
    child.stdin.end(bytes);
  });
}
