import { spawn, type ChildProcess } from 'node:child_process';
import { canConnect, eventually, freePort } from './processes';

export interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: with no persistence, everything it held is lost, as in a real crash. */
  stop(): Promise<void>;
}

/** A redis-server of a test's own on a free port: a test that stops Redis must never stop the shared one. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await eventually(() => canConnect(port), (open) => open, 5000);
    },
    async stop() {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  return redis;
}
