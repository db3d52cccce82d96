/** `WorkerPool.call` on stand-in workers: results are not kept once a call is over, and a death still fails a call. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { WorkerApi } from './protocol.ts';
import { WorkerCrashed, WorkerPool, type WorkerPort } from './pool.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A worker that never runs anything: the pool only needs its port. */
function standIn(): WorkerPort & { die(reason: string): void } {
  let onDeath: (reason: string) => void = () => {};
  return { api: {} as Remote<WorkerApi>, terminate: () => {}, onDeath: (cb) => void (onDeath = cb), die: (reason) => onDeath(reason) };
}

describe('WorkerPool.call', () => {
  it('keeps no result once its call is over', async () => {
    // Before: each call raced the worker's never-settling death promise, and every result stayed reachable from it
    // for the worker's life (every read and write set of every run on the pool).
    const pool = new WorkerPool(standIn, 1);
    const results: WeakRef<object>[] = [];
    for (let i = 0; i < 50; i++) {
      await pool.call(0, async () => {
        const result = { reads: new Array(10_000).fill(i) };
        results.push(new WeakRef(result));
        return result;
      });
    }
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(results.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });

  it('still fails a call in flight when its worker dies, and the next call goes to the replacement', async () => {
    const ports: ReturnType<typeof standIn>[] = [];
    const pool = new WorkerPool(() => {
      const p = standIn();
      ports.push(p);
      return p;
    }, 1);
    const inFlight = pool.call(0, () => new Promise<string>(() => {}));
    ports[0]!.die('out of memory');
    await expect(inFlight).rejects.toBeInstanceOf(WorkerCrashed);
    await expect(inFlight).rejects.toThrow('worker 0 crashed: out of memory');
    expect(ports).toHaveLength(2);
    await expect(pool.call(0, async () => 'answered')).resolves.toBe('answered');
    await expect(pool.call(0, async () => 'old generation', 0)).rejects.toThrow('replaced');
  });
});
