/**
 * The log that keeps the workers' replicas of the multi-version memory up to date: every change a policy publishes,
 * in order, and how far each worker has received it. Each batch carries what its worker has not seen; a worker is
 * not sent its own results back (it recorded them when it produced them); a replacement worker starts from the
 * pre-state, so it is sent everything again. An entry may be addressed to some workers only (shards).
 */
import type { MemoryUpdate } from '../workers/protocol.ts';

interface Entry {
  update: MemoryUpdate;
  /** Only these workers (undefined: every worker). */
  to?: readonly number[];
  /** The worker (and its generation) whose replica already holds it. */
  from?: { worker: number; generation: number };
}

export class ReplicaLog {
  private readonly entries: Entry[] = [];
  private readonly cursor: number[];

  constructor(workers: number) {
    this.cursor = new Array<number>(workers).fill(0);
  }

  get length(): number {
    return this.entries.length;
  }

  publish(update: MemoryUpdate, to?: readonly number[], from?: Entry['from']): void {
    this.entries.push({ update, to, from });
  }

  /** What worker `w` (of `generation`) has not received yet; it has now. */
  take(w: number, generation: number): MemoryUpdate[] {
    const out: MemoryUpdate[] = [];
    for (let i = this.cursor[w]; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.to !== undefined && !e.to.includes(w)) continue;
      if (e.from !== undefined && e.from.worker === w && e.from.generation === generation) continue;
      out.push(e.update);
    }
    this.cursor[w] = this.entries.length;
    return out;
  }

  /** Worker `w` was replaced: its replica is empty again. */
  reset(w: number): void {
    this.cursor[w] = 0;
  }
}
