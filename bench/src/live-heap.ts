/**
 * Preloaded into the api and the worker by the soak (`node --expose-gc --require <this file>`), never in
 * production: every KETA_LIVE_HEAP_MS a full garbage collection, then the heap still in use is appended to
 * KETA_LIVE_HEAP_FILE as `<epoch ms> <bytes>`. What is left after a full collection is what the process retains;
 * between major collections V8 lets garbage pile up while memory is plentiful, which moves RSS by tens of MiB
 * and is not a leak.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.KETA_LIVE_HEAP_FILE;
const everyMs = Number(process.env.KETA_LIVE_HEAP_MS ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc;

if (file && gc) {
  setInterval(() => {
    gc();
    appendFileSync(file, `${Date.now()} ${process.memoryUsage().heapUsed}\n`);
  }, everyMs).unref();
}
