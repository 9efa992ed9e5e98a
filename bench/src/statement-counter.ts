import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements its clients run: this Postgres has no
 * pg_stat_statements, and the count has to be ours alone (a fresh database, one client process).
 */
export interface StatementCounter {
  port: number;
  /** Statements run through the proxy so far: each Simple Query ('Q') and each Execute ('E') message. */
  statements(): number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const SIMPLE_QUERY = 0x51; // 'Q'
const EXECUTE = 0x45; // 'E'

/**
 * Reads one connection's frontend messages as they stream past, across chunk boundaries. The stream opens with
 * untyped messages (int32 length, int32 code): an SSL or GSS encryption request, which the server answers with
 * one byte before the real startup message follows, or the startup message itself. Every later message is a
 * type byte and an int32 length that counts itself. (A server that accepted SSL would make the rest unreadable;
 * node-postgres asks for none unless told to.)
 */
class FrontendReader {
  private pending: Buffer = Buffer.alloc(0);
  private inStartup = true;

  constructor(private readonly onStatement: () => void) {}

  feed(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    for (;;) {
      const typeBytes = this.inStartup ? 0 : 1;
      if (this.pending.length - at < typeBytes + 4) break;
      const size = typeBytes + this.pending.readInt32BE(at + typeBytes);
      if (this.pending.length - at < size) break;
      if (this.inStartup) {
        const code = this.pending.readInt32BE(at + 4);
        this.inStartup = code === SSL_REQUEST || code === GSSENC_REQUEST;
      } else if (this.pending[at] === SIMPLE_QUERY || this.pending[at] === EXECUTE) {
        this.onStatement();
      }
      at += size;
    }
    this.pending = this.pending.subarray(at);
  }
}

/** Listens on a free local port and forwards every byte unchanged to `target`, both ways. */
export async function startStatementCounter(target: { host: string; port: number }): Promise<StatementCounter> {
  let statements = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const reader = new FrontendReader(() => statements++);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => reader.feed(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    statements: () => statements,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
