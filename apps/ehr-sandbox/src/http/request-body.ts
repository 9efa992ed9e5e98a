import type { IncomingMessage } from 'node:http';

/**
 * The whole body, or 'too-large' once it passes `limit` bytes. The rest is still read (and dropped) so that
 * the client gets to read the 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}
